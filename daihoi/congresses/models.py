"""A congress of an organisation in a term: who is summoned, who is present, the base."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RulesVersion(models.TextChoices):
    V2024 = "2024", _("QĐ 190-QĐ/TW (2024)")
    V2014 = "2014", _("QĐ 244-QĐ/TW (2014)")


class CongressKind(models.TextChoices):
    MEMBERS = "members", _("Đại hội đảng viên")
    DELEGATES = "delegates", _("Đại hội đại biểu")


class CongressStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    PREPARED = "prepared", _("Đã chuẩn bị")
    IN_SESSION = "in_session", _("Đang diễn ra")
    HELD = "held", _("Đã tổ chức")
    POSTPONED = "postponed", _("Hoãn")


class Congress(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="congresses",
        verbose_name=_("tổ chức đảng"),
    )
    term = models.CharField(_("nhiệm kỳ"), max_length=9, default="2025-2030")
    number = models.PositiveSmallIntegerField(_("lần thứ"), null=True, blank=True)
    name = models.CharField(_("tên đại hội"), max_length=250)
    kind = models.CharField(_("hình thức"), max_length=10, choices=CongressKind.choices)
    rules_version = models.CharField(
        _("quy chế bầu cử"), max_length=4, choices=RulesVersion.choices, default=RulesVersion.V2024
    )
    pilot = models.BooleanField(_("đại hội điểm"), default=False)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=CongressStatus.choices,
        default=CongressStatus.PLANNED,
    )
    starts_on = models.DateField(_("ngày khai mạc"), null=True, blank=True)
    ends_on = models.DateField(_("ngày bế mạc"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=200, blank=True)

    # Who is summoned and the lawful exclusions from the base (DOMAIN "Who is elected").
    # Delegates' congress: official delegates summoned. Members' congress: full members.
    summoned = models.PositiveIntegerField(_("đại biểu/đảng viên được triệu tập"), default=0)
    present = models.PositiveIntegerField(_("có mặt"), default=0)
    excluded_attached_elsewhere = models.PositiveIntegerField(
        _("sinh hoạt tạm thời nơi khác"), default=0
    )
    excluded_exempt_absent = models.PositiveIntegerField(_("miễn sinh hoạt, vắng mặt"), default=0)
    excluded_suspended = models.PositiveIntegerField(_("bị đình chỉ, truy tố, tạm giam"), default=0)
    excluded_absent_with_reason = models.PositiveIntegerField(
        _("vắng mặt cả buổi có lý do được chấp thuận"), default=0
    )
    excluded_committee_absent = models.PositiveIntegerField(
        _("cấp ủy viên triệu tập vắng mặt cả buổi"), default=0
    )
    excluded_delegates_absent_no_alternate = models.PositiveIntegerField(
        _("đại biểu chính thức vắng cả buổi, không có dự khuyết thay"), default=0
    )

    # Tracking every congress of the term (congresses.tracking): the plan, a
    # postponement and its new date, the file received by the higher committee,
    # and the results reported upward.
    planned_on = models.DateField(_("ngày dự kiến tổ chức"), null=True, blank=True)
    postponed_reason = models.CharField(_("lý do hoãn"), max_length=300, blank=True)
    postponed_to = models.DateField(_("hoãn đến ngày"), null=True, blank=True)
    documents_received_on = models.DateField(_("ngày nhận văn kiện, hồ sơ"), null=True, blank=True)
    results_reported_on = models.DateField(
        _("ngày báo cáo kết quả lên cấp trên"), null=True, blank=True
    )
    committee_elected = models.PositiveSmallIntegerField(
        _("số cấp ủy viên được bầu"), null=True, blank=True
    )
    delegates_elected = models.PositiveSmallIntegerField(
        _("số đại biểu dự đại hội cấp trên được bầu"), null=True, blank=True
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("đại hội")
        verbose_name_plural = _("đại hội")
        indexes = [
            models.Index(fields=["organization", "term"], name="congress_org_term_idx"),
            # Tracking dashboard: congresses of a term counted by status, and the
            # held ones counted by week of their opening day (reports.selectors).
            models.Index(fields=["term", "status", "starts_on"], name="congress_term_status_idx"),
        ]

    def __str__(self) -> str:
        return self.name
