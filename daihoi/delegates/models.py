"""Delegates of a delegates' congress: the seat plan, the roster, credentials and check-in.

The plan (AllocationPlan, one line per subordinate organisation) shares the
congress's seats by a named method (rules.apportion); a hand adjustment keeps
the computed number beside the final one, with its reason. The roster holds
every delegate with a number and a card token; the token, not a name, is what
the card's QR code carries. Check-in writes a row per scan, accepted or not.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    HAMILTON = "hamilton", _("Số dư lớn nhất (Hamilton)")
    DHONDT = "dhondt", _("Số bình quân lớn nhất (D'Hondt)")
    SAINTE_LAGUE = "sainte_lague", _("Sainte-Laguë (chia 1, 3, 5…)")
    PER_UNIT_QUOTA = (
        "per_unit_quota",
        _("Như Đại hội XIII: cố định mỗi đảng bộ + 1 đại biểu/N đảng viên"),
    )


class ExOfficioMode(models.TextChoices):
    ON_TOP = "on_top", _("Đại biểu đương nhiên ngoài số phân bổ")
    WITHIN_SHARE = "within_share", _("Đại biểu đương nhiên tính trong số phân bổ")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã thông qua")


class AllocationPlan(models.Model):
    congress = models.OneToOneField(
        "congresses.Congress", on_delete=models.PROTECT, related_name="allocation_plan"
    )
    total = models.PositiveIntegerField(_("tổng số đại biểu"))
    method = models.CharField(
        _("phương pháp"), max_length=16, choices=Method.choices, default=Method.HAMILTON
    )
    minimum = models.PositiveSmallIntegerField(_("tối thiểu mỗi tổ chức"), default=1)
    member_weight = models.PositiveSmallIntegerField(_("trọng số đảng viên (%)"), default=100)
    organization_weight = models.PositiveSmallIntegerField(
        _("trọng số tổ chức trực thuộc (%)"), default=0
    )
    ex_officio_mode = models.CharField(
        _("đại biểu đương nhiên"),
        max_length=16,
        choices=ExOfficioMode.choices,
        default=ExOfficioMode.ON_TOP,
    )
    per_unit = models.PositiveSmallIntegerField(_("số cố định mỗi tổ chức"), default=0)
    members_per_seat = models.PositiveIntegerField(
        _("số đảng viên cho 1 đại biểu (N)"), null=True, blank=True
    )
    solved_members_per_seat = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    computed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("đề án phân bổ đại biểu")

    def __str__(self) -> str:
        return f"Phân bổ {self.total} đại biểu — {self.congress}"


class AllocationLine(models.Model):
    plan = models.ForeignKey(AllocationPlan, on_delete=models.CASCADE, related_name="lines")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    members = models.PositiveIntegerField(_("số đảng viên"))
    organizations = models.PositiveIntegerField(_("số tổ chức trực thuộc"))
    ex_officio = models.PositiveSmallIntegerField(_("đại biểu đương nhiên"), default=0)
    fixed = models.PositiveSmallIntegerField(_("suất cố định"), null=True, blank=True)
    bonus = models.PositiveSmallIntegerField(_("suất ưu tiên (vị trí quan trọng)"), default=0)
    quota = models.DecimalField(_("tỷ lệ thuần"), max_digits=9, decimal_places=4, default=0)
    computed = models.PositiveSmallIntegerField(_("số phân bổ theo công thức"), default=0)
    seats = models.PositiveSmallIntegerField(_("số đại biểu bầu"), default=0)
    # The alternates the lower congress elects with its delegates (QĐ 190-QĐ/TW 2024,
    # Điều 18.2: the number comes from above, the lower congress does not vote on it).
    alternates = models.PositiveSmallIntegerField(_("số đại biểu dự khuyết"), default=0)
    at_minimum = models.BooleanField(default=False)
    adjusted_reason = models.CharField(_("lý do điều chỉnh"), max_length=300, blank=True)

    class Meta:
        ordering = ["organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "organization"], name="allocation_line_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.seats}"

    @property
    def adjusted(self) -> bool:
        return self.seats != self.computed

    @property
    def delegation(self) -> int:
        return self.seats + self.ex_officio

    @property
    def remainder(self):
        return self.quota - int(self.quota)


class Kind(models.TextChoices):
    EX_OFFICIO = "ex_officio", _("Đương nhiên")
    ELECTED = "elected", _("Được bầu")
    APPOINTED = "appointed", _("Được chỉ định")
    ALTERNATE = "alternate", _("Dự khuyết")


class Attendance(models.TextChoices):
    PENDING = "pending", _("Chưa đến")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")


class Credentials(models.TextChoices):
    PENDING = "pending", _("Chưa thẩm tra")
    ACCEPTED = "accepted", _("Đủ tư cách")
    REJECTED = "rejected", _("Không đủ tư cách")


class Delegate(models.Model):
    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="delegates"
    )
    member = models.ForeignKey("people.Member", on_delete=models.PROTECT, related_name="+")
    delegation = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đoàn đại biểu"),
    )
    kind = models.CharField(_("loại đại biểu"), max_length=12, choices=Kind.choices)
    number = models.PositiveIntegerField(_("số thẻ đại biểu"))
    token = models.CharField(max_length=16, unique=True, editable=False)
    rank = models.PositiveSmallIntegerField(_("thứ tự dự khuyết"), null=True, blank=True)
    votes = models.PositiveIntegerField(_("số phiếu"), null=True, blank=True)
    source_election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("thay cho đại biểu"),
    )
    attendance = models.CharField(max_length=8, choices=Attendance.choices, default="pending")
    absent_reason = models.CharField(_("lý do vắng"), max_length=200, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    credentials = models.CharField(max_length=8, choices=Credentials.choices, default="pending")
    credentials_note = models.CharField(_("ghi chú thẩm tra"), max_length=300, blank=True)

    class Meta:
        ordering = ["congress", "number"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "member"], name="delegate_member_unique"),
            models.UniqueConstraint(fields=["congress", "number"], name="delegate_number_unique"),
        ]
        indexes = [
            # The live count at check-in: official delegates of a congress by attendance.
            models.Index(fields=["congress", "kind", "attendance"], name="delegate_attendance_idx"),
            # The roster, delegation by delegation.
            models.Index(fields=["congress", "delegation"], name="delegate_delegation_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number:03d} {self.member}"

    @property
    def official(self) -> bool:
        """Summoned as an official delegate: not an alternate, unless seated in someone's place."""
        return self.kind != Kind.ALTERNATE or self.replaces_id is not None


class ScanOutcome(models.TextChoices):
    CHECKED_IN = "checked_in", _("Đã ghi nhận có mặt")
    ALREADY = "already", _("Đã có mặt từ trước")
    UNKNOWN = "unknown", _("Không tìm thấy thẻ")
    NOT_SUMMONED = "not_summoned", _("Không thuộc danh sách triệu tập")


class CheckIn(models.Model):
    """One scan or typed number at the door, kept whether it was accepted or refused."""

    congress = models.ForeignKey("congresses.Congress", on_delete=models.CASCADE, related_name="+")
    raw = models.CharField(max_length=64)
    delegate = models.ForeignKey(
        Delegate, null=True, blank=True, on_delete=models.CASCADE, related_name="checkins"
    )
    outcome = models.CharField(max_length=12, choices=ScanOutcome.choices)
    nonce = models.CharField(max_length=40, blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at"]
        constraints = [
            # A retried request (the same nonce) is answered from its first row.
            models.UniqueConstraint(
                fields=["congress", "nonce"],
                condition=~models.Q(nonce=""),
                name="checkin_nonce_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.raw} → {self.outcome}"


class QuorumSetting(models.Model):
    """The organisers' attendance line for one congress (a practice, not a party rule)."""

    congress = models.OneToOneField(
        "congresses.Congress", on_delete=models.CASCADE, related_name="quorum_setting"
    )
    enabled = models.BooleanField(_("hiển thị ngưỡng có mặt"), default=True)
    numerator = models.PositiveSmallIntegerField(default=2)
    denominator = models.PositiveSmallIntegerField(default=3)

    def __str__(self) -> str:
        state = "on" if self.enabled else "off"
        return f"{self.numerator}/{self.denominator} ({state})"
