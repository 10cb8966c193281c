"""Elections at a congress, their lists, and the ballots as the counting teams entered them.

Secrecy: no ballot row links to a voter. A ballot is known only by its batch
(ballot box), the entry it belongs to, and its order within that entry. The time
a ballot was typed is kept for the printed entry log (provincial practice) and
printed to the minute: the box is emptied and mixed before typing, so it says
nothing about who cast it.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class ElectionKind(models.TextChoices):
    COMMITTEE = "committee", _("Ban Chấp hành (cấp ủy)")
    STANDING_COMMITTEE = "standing_committee", _("Ban Thường vụ")
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    INSPECTION_COMMITTEE = "inspection_committee", _("Ủy ban Kiểm tra")
    INSPECTION_CHAIR = "inspection_chair", _("Chủ nhiệm Ủy ban Kiểm tra")
    DELEGATES = "delegates", _("Đại biểu dự đại hội cấp trên")


# Elections the new committee holds at its first meeting (rules/sittings.py): their
# base is the committee's members (QĐ 24-QĐ/TW 2021, 9.3.3), not the congress's. A
# cell's congress, or a pilot congress, elects its secretary itself (then the
# election has no sitting and the congress's base applies).
COMMITTEE_OWN_ELECTIONS = {
    ElectionKind.STANDING_COMMITTEE,
    ElectionKind.SECRETARY,
    ElectionKind.DEPUTY_SECRETARY,
    ElectionKind.INSPECTION_COMMITTEE,
    ElectionKind.INSPECTION_CHAIR,
}


class SittingKind(models.TextChoices):
    FIRST_MEETING = "first_meeting", _("Hội nghị Ban Chấp hành lần thứ nhất")


class Sitting(models.Model):
    """A sitting that elects besides the congress itself: the new committee's first meeting.

    Its voters are the committee's members (`SittingMember`), checked in one by one;
    its figures (summoned, present, the lawful exclusions, the base) are computed
    from them (elections.sittings). `legacy_base` keeps the base typed by hand on
    elections made before sittings existed (migrated from `Election.base_override`).
    """

    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="sittings"
    )
    kind = models.CharField(
        max_length=16, choices=SittingKind.choices, default=SittingKind.FIRST_MEETING
    )
    title = models.CharField(_("tên hội nghị"), max_length=250)
    source_election = models.ForeignKey(
        "Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the published committee election whose elected members sit here",
    )
    legacy_base = models.PositiveIntegerField(
        _("cơ sở tính kết quả nhập tay (dữ liệu cũ)"), null=True, blank=True
    )
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["congress", "id"]
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        constraints = [
            # One first meeting per congress; the migrated hand-typed bases are extra rows.
            models.UniqueConstraint(
                fields=["congress", "kind"],
                condition=models.Q(legacy_base__isnull=True),
                name="sitting_one_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SittingStanding(models.TextChoices):
    """Why a summoned member does or does not count in the base (QĐ 24-QĐ/TW 2021, 9.3.3)."""

    COUNTED = "counted", _("Tính vào cơ sở")
    ATTACHED_ELSEWHERE = "attached_elsewhere", _("Sinh hoạt tạm thời nơi khác")
    SUSPENDED = "suspended", _("Bị đình chỉ sinh hoạt, khởi tố, truy tố, tạm giam")


class SittingAttendance(models.TextChoices):
    NOT_YET = "not_yet", _("Chưa điểm danh")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")


class SittingMember(models.Model):
    """One member of the new committee, summoned to its first meeting."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="members")
    member = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.PositiveSmallIntegerField(default=0)
    standing = models.CharField(
        _("tư cách"),
        max_length=20,
        choices=SittingStanding.choices,
        default=SittingStanding.COUNTED,
    )
    attendance = models.CharField(
        _("điểm danh"),
        max_length=8,
        choices=SittingAttendance.choices,
        default=SittingAttendance.NOT_YET,
    )

    class Meta:
        ordering = ["sitting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "full_name"], name="sitting_member_once"),
        ]

    def __str__(self) -> str:
        return self.full_name


class ElectionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập danh sách")
    LIST_APPROVED = "list_approved", _("Danh sách đã biểu quyết")
    COUNTING = "counting", _("Đang kiểm phiếu")
    COUNTED = "counted", _("Đã kiểm xong")
    PUBLISHED = "published", _("Đã công bố")


class Election(models.Model):
    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="elections"
    )
    kind = models.CharField(_("bầu"), max_length=24, choices=ElectionKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=250)
    seats = models.PositiveSmallIntegerField(_("số lượng cần bầu"))
    alternates = models.PositiveSmallIntegerField(_("số đại biểu dự khuyết"), default=0)
    round = models.PositiveSmallIntegerField(_("lần bầu"), default=1)
    previous_round = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_rounds"
    )
    status = models.CharField(
        max_length=16, choices=ElectionStatus.choices, default=ElectionStatus.DRAFT
    )
    sitting = models.ForeignKey(
        Sitting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elections",
        help_text="the first meeting that holds this election; empty: the congress itself",
    )
    ballots_issued = models.PositiveIntegerField(_("số phiếu phát ra"), null=True, blank=True)
    entries_required = models.PositiveSmallIntegerField(
        _("số lần nhập độc lập mỗi hòm phiếu"), default=2, choices=[(2, "2"), (3, "3")]
    )
    list_locked_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=0, help_text="bumped on every change; stale writes are refused"
    )

    class Meta:
        ordering = ["congress", "id"]
        verbose_name = _("cuộc bầu cử")
        verbose_name_plural = _("cuộc bầu cử")

    def __str__(self) -> str:
        return f"{self.title} (lần {self.round})"

    @property
    def list_locked(self) -> bool:
        return self.list_locked_at is not None


class Nomination(models.TextChoices):
    CONVENING = "convening", _("Cấp ủy triệu tập giới thiệu")
    CONGRESS = "congress", _("Đại hội giới thiệu")
    SELF = "self", _("Tự ứng cử")


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    family_name = models.CharField(_("họ"), max_length=40)
    middle_name = models.CharField(_("tên đệm"), max_length=60, blank=True)
    given_name = models.CharField(_("tên"), max_length=40)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.PositiveSmallIntegerField(_("số thứ tự trên phiếu"), default=0)
    nominated_by = models.CharField(
        max_length=10, choices=Nomination.choices, default=Nomination.CONVENING
    )
    poll_agree = models.PositiveIntegerField(
        _("số đồng ý đưa vào danh sách"),
        null=True,
        blank=True,
        help_text=_(
            "Với người do đại hội giới thiệu hoặc tự ứng cử: phải quá 30% đại biểu có mặt."
        ),
    )
    withdrawn = models.BooleanField(_("rút khỏi danh sách"), default=False)
    withdrawn_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["election", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "full_name"], name="candidate_unique_name"),
        ]

    def __str__(self) -> str:
        return self.full_name


class ShowOfHands(models.Model):
    """An open vote recorded for the minutes: the number to elect, the list, the committees."""

    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.CASCADE, related_name="open_votes"
    )
    election = models.ForeignKey(
        Election, null=True, blank=True, on_delete=models.CASCADE, related_name="open_votes"
    )
    subject = models.CharField(_("nội dung biểu quyết"), max_length=250)
    votes_for = models.PositiveIntegerField(_("tán thành"))
    votes_against = models.PositiveIntegerField(_("không tán thành"), default=0)
    abstain = models.PositiveIntegerField(_("không biểu quyết"), default=0)
    passed = models.BooleanField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.subject}: {self.votes_for}/{self.votes_against}/{self.abstain}"


class CountingTeam(models.Model):
    """A team of the counting committee (ban kiểm phiếu); team 0 is the committee itself."""

    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.CASCADE, related_name="counting_teams"
    )
    name = models.CharField(_("tên tổ"), max_length=100)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="counting_teams")

    def __str__(self) -> str:
        return self.name


class BatchStatus(models.TextChoices):
    OPEN = "open", _("Chưa nhập")
    ENTERING = "entering", _("Đang nhập")
    DIFFERENT = "different", _("Các lần nhập khác nhau")
    RECONCILED = "reconciled", _("Đã khớp")


class BallotBatch(models.Model):
    """A ballot box (or a bundle of its ballots) given to one team to enter."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="batches")
    team = models.ForeignKey(CountingTeam, on_delete=models.PROTECT, related_name="batches")
    number = models.PositiveSmallIntegerField(_("hòm phiếu số"))
    status = models.CharField(max_length=12, choices=BatchStatus.choices, default=BatchStatus.OPEN)
    reconciled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="batch_unique_number")
        ]

    def __str__(self) -> str:
        return f"Hòm {self.number}"


class EntryStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Đang nhập")
    FINALISED = "finalised", _("Đã hoàn tất")
    DISCARDED = "discarded", _("Đã hủy")


class BatchEntry(models.Model):
    """One operator's independent entry of a whole batch (lần nhập 1, 2 or 3)."""

    batch = models.ForeignKey(BallotBatch, on_delete=models.PROTECT, related_name="entries")
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    slot = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=EntryStatus.choices, default=EntryStatus.IN_PROGRESS
    )
    source = models.CharField(
        max_length=8, default="keyboard", choices=[("keyboard", "keyboard"), ("scan", "scan")]
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One live entry per slot; discarded entries stay for the record.
            models.UniqueConstraint(
                fields=["batch", "slot"],
                condition=~models.Q(status="discarded"),
                name="entry_unique_live_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} / lần {self.slot}"


class EnteredBallot(models.Model):
    """One ballot as typed in one entry. `content` is the `daihoi count` ballot form."""

    entry = models.ForeignKey(BatchEntry, on_delete=models.CASCADE, related_name="ballots")
    seq = models.PositiveIntegerField()
    content = models.JSONField()
    valid = models.BooleanField()
    reason = models.CharField(max_length=32, blank=True)
    # Set by the database, so the save path does no extra work; printed to the minute in
    # the entry log (the box is emptied and mixed before typing: no link to a voter).
    entered_at = models.DateTimeField(null=True, db_default=Now())

    class Meta:
        ordering = ["entry", "seq"]
        constraints = [models.UniqueConstraint(fields=["entry", "seq"], name="ballot_unique_seq")]

    def __str__(self) -> str:
        return f"#{self.seq}"


class CountedBallot(models.Model):
    """The ballot that counts, written when a batch is reconciled (all entries agreed or
    the team leader decided). The result is computed from these rows only."""

    batch = models.ForeignKey(BallotBatch, on_delete=models.PROTECT, related_name="counted")
    seq = models.PositiveIntegerField()
    content = models.JSONField()
    valid = models.BooleanField()
    reason = models.CharField(max_length=32, blank=True)
    resolved = models.BooleanField(
        default=False, help_text="decided by the team leader, not by agreement"
    )

    class Meta:
        ordering = ["batch", "seq"]
        constraints = [models.UniqueConstraint(fields=["batch", "seq"], name="counted_unique_seq")]

    def __str__(self) -> str:
        return f"{self.batch} #{self.seq}"


class PublishedResult(models.Model):
    """The result the counting committee announced: frozen for the minutes and the projector."""

    election = models.OneToOneField(Election, on_delete=models.PROTECT, related_name="published")
    data = models.JSONField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    audit_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.election} ({self.published_at:%d/%m/%Y %H:%M})"


from .models_evidence import BallotDecision, BatchSeal, UndoneBallot  # noqa: E402, F401
from .models_screen import ScreenLink  # noqa: E402,F401  (the projector links live in their own module)
