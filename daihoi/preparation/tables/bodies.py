"""The bodies that prepare a congress, their members, the organisations a working group
inspects, and its visits."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    STEERING = "steering", _("Ban chỉ đạo")
    DOCUMENTS = "documents", _("Tiểu ban Văn kiện")
    PERSONNEL = "personnel", _("Tiểu ban Nhân sự")
    LOGISTICS = "logistics", _("Tiểu ban Tổ chức phục vụ")
    ORDER = "order", _("Tổ giúp việc về đơn thư, an ninh trật tự")
    SOFTWARE = "software", _("Tổ phần mềm kiểm phiếu")
    WORKING_GROUP = "working_group", _("Tổ công tác")


class Body(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="preparation_bodies",
        verbose_name=_("cấp thành lập"),
    )
    term = models.CharField(_("nhiệm kỳ"), max_length=9, default="2025-2030")
    kind = models.CharField(_("loại"), max_length=16, choices=BodyKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("trực thuộc"),
    )
    decision = models.CharField(_("quyết định thành lập"), max_length=80, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    duties = models.TextField(_("nhiệm vụ"), blank=True)

    class Meta:
        ordering = ["organization__path", "kind", "name"]
        verbose_name = _("ban, tiểu ban, tổ")
        indexes = [models.Index(fields=["organization", "term"], name="prep_body_org_term_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_working_group(self) -> bool:
        return self.kind == BodyKind.WORKING_GROUP


class BodyRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban / Tổ trưởng")
    DEPUTY = "deputy", _("Phó trưởng ban / Tổ phó")
    STANDING = "standing", _("Thường trực")
    MEMBER = "member", _("Thành viên")
    SECRETARY = "secretary", _("Thư ký, giúp việc")


ROLE_ORDER = [
    BodyRole.HEAD,
    BodyRole.DEPUTY,
    BodyRole.STANDING,
    BodyRole.MEMBER,
    BodyRole.SECRETARY,
]


class BodyMember(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        "people.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("đảng viên")
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=BodyRole.choices)
    title = models.CharField(_("chức vụ"), max_length=150, blank=True)

    class Meta:
        ordering = ["body", "role", "member__given_name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "member"], name="prep_body_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_role_display()}"


class Assignment(models.Model):
    """An organisation a working group inspects and guides (phụ trách địa bàn)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["body", "organization"], name="prep_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body} → {self.organization}"


class Visit(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="visits")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="preparation_visits",
        verbose_name=_("nơi làm việc"),
    )
    visited_on = models.DateField(_("ngày làm việc"))
    findings = models.TextField(_("nhận xét, kết quả kiểm tra"))
    follow_ups = models.TextField(_("kiến nghị, việc cần làm tiếp"), blank=True)
    follow_up_due = models.DateField(_("hạn khắc phục"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("ngày đã khắc phục"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [
            # A congress's tracking page: the visits to its organisation, newest first.
            models.Index(fields=["organization", "visited_on"], name="prep_visit_org_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.organization} ({self.visited_on:%d/%m/%Y})"

    @property
    def follow_up_open(self) -> bool:
        return bool(self.follow_ups.strip()) and self.follow_up_done_on is None
