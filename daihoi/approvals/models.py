"""After the count: approval (chuẩn y) by the higher committee, annulment, sealed ballots,
the congress file (hồ sơ đại hội) and the new committee's assignment of posts.

The rules (states, windows, keeping period) are in daihoi.rules.approval and
daihoi.rules.workdays; services.py is the only writer.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.rules.approval import State


class ApprovalState(models.TextChoices):
    NOT_REQUESTED = State.NOT_REQUESTED, _("Chưa đề nghị chuẩn y")
    REQUESTED = State.REQUESTED, _("Chờ chuẩn y")
    APPROVED = State.APPROVED, _("Đã chuẩn y")
    REFUSED = State.REFUSED, _("Không chuẩn y")
    ANNULLED = State.ANNULLED, _("Kết quả bầu cử bị bãi bỏ")


class Approval(models.Model):
    """The approval of a congress's election results (committee and its officers) by the
    competent higher committee; one per congress, its history in ApprovalEvent."""

    congress = models.OneToOneField(
        "congresses.Congress", on_delete=models.PROTECT, related_name="approval"
    )
    state = models.CharField(
        max_length=16, choices=ApprovalState.choices, default=ApprovalState.NOT_REQUESTED
    )
    requested_on = models.DateField(_("ngày đề nghị"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issued_by = models.CharField(_("cơ quan quyết định"), max_length=200, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    not_recognised = models.JSONField(
        _("không chuẩn y công nhận"),
        default=list,
        blank=True,
        help_text=_("Người trúng cử cấp trên không công nhận (QĐ 190-QĐ/TW 2024, Điều 33.2)."),
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("chuẩn y kết quả bầu cử")
        indexes = [
            # Tracking and organisation pages count congresses by approval state.
            models.Index(fields=["state"], name="approval_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.congress} — {self.get_state_display()}"


class ApprovalEvent(models.Model):
    """One transition, as the clerk and the higher committee will want to read it back."""

    approval = models.ForeignKey(Approval, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16)
    state_after = models.CharField(max_length=16, choices=ApprovalState.choices)
    decision_number = models.CharField(max_length=50, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["approval", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action} → {self.state_after}"


class Annulment(models.Model):
    """QĐ 190-QĐ/TW 2024 Điều 33.2: the higher committee annuls one election's result."""

    election = models.OneToOneField(
        "elections.Election", on_delete=models.PROTECT, related_name="annulment"
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decided_on = models.DateField(_("ngày quyết định"))
    issued_by = models.CharField(_("cơ quan quyết định"), max_length=200)
    reason = models.TextField(_("vi phạm làm căn cứ bãi bỏ"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.decision_number}: {self.election}"


class BallotSeal(models.Model):
    """QĐ 190-QĐ/TW 2024 Điều 35: an election's ballots sealed, kept 6 months, then destroyed
    by decision of the committee of the same level when no complaint is pending."""

    election = models.OneToOneField(
        "elections.Election", on_delete=models.PROTECT, related_name="ballot_seal"
    )
    sealed_on = models.DateField(_("ngày niêm phong"))
    sealed_by = models.CharField(_("người niêm phong (ban kiểm phiếu)"), max_length=200)
    handed_to = models.CharField(_("người nhận bàn giao (cấp ủy)"), max_length=200)
    place = models.CharField(_("nơi lưu giữ"), max_length=200)
    keep_until = models.DateField(_("lưu giữ đến ngày"))
    destroyed_on = models.DateField(_("ngày hủy phiếu"), null=True, blank=True)
    destruction_decision = models.CharField(_("quyết định hủy"), max_length=100, blank=True)
    destroyed_by = models.CharField(_("người thực hiện hủy"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [
            # The start page's reminder: seals not destroyed whose keeping period has ended.
            models.Index(fields=["destroyed_on", "keep_until"], name="seal_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.election}: {self.place}"


class FileKind(models.TextChoices):
    SITTING_MINUTES = "sitting_minutes", _("Biên bản các phiên họp đại hội")
    COUNT_MINUTES = "count_minutes", _("Biên bản kiểm phiếu")
    RESOLUTION = "resolution", _("Nghị quyết đại hội")
    POLITICAL_REPORT = "political_report", _("Báo cáo chính trị")
    COMMITTEE_LIST = "committee_list", _("Danh sách cấp ủy khóa mới, trích ngang")
    OTHER = "other", _("Tài liệu khác")


class FileUpload(models.Model):
    """A document of the congress file the app cannot generate, uploaded by the clerk."""

    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="file_uploads"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=FileKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=200)
    file = models.FileField(upload_to="congress-files/%Y/")
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["congress", "kind", "id"]

    def __str__(self) -> str:
        return self.title


class LeaveReason(models.TextChoices):
    RETIRED = "retired", _("Nghỉ hưu, nghỉ công tác")
    MOVED = "moved", _("Chuyển công tác")
    NOT_RE_ELECTED = "not_re_elected", _("Không tái cử")
    OTHER = "other", _("Lý do khác")


class PostAssignment(models.Model):
    """The new committee's assignment of posts (phân công) after the congress."""

    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="post_assignments"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    post = models.CharField(_("nhiệm vụ được phân công"), max_length=200)
    decided_on = models.DateField(_("ngày phân công"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["congress", "id"]

    def __str__(self) -> str:
        return f"{self.full_name}: {self.post}"


class CommitteeLeaver(models.Model):
    """A member of the outgoing committee who leaves it (retires, moves, not re-elected)."""

    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="committee_leavers"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    reason = models.CharField(_("lý do"), max_length=16, choices=LeaveReason.choices)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["congress", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_reason_display()})"
