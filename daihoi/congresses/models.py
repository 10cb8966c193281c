"""A congress of an organisation in a term: who is summoned, who is present, the base.

Also the register of terms per level (`Term`) and the committees appointed by the
higher committee instead of elected (`CommitteeAppointment`), see
daihoi.rules.congress_kinds for the rules and congresses.terms / .appointments
for the services.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daihoi.organizations.models import Level


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


class BaseSource(models.TextChoices):
    """Where the congress's attendance figures (and so its base) come from: one place."""

    TYPED = "typed", _("Nhập tay")
    ROSTER = "roster", _("Theo danh sách đại biểu (điểm danh)")


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
    secretary_elected_directly = models.BooleanField(
        _("thí điểm đại hội bầu trực tiếp bí thư"),
        default=False,
        help_text=_("Đại hội bầu bí thư, với cơ sở tính kết quả của đại hội."),
    )
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
    # The figures above are the only ones elections use. `base_source` says who writes
    # them: the attendance form (typed) or check-in from the delegate roster; changing
    # it is an audited action (congresses.services.set_base_source).
    base_source = models.CharField(
        _("nguồn số liệu cơ sở tính kết quả"),
        max_length=8,
        choices=BaseSource.choices,
        default=BaseSource.TYPED,
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


class Term(models.Model):
    """A term of office (nhiệm kỳ) of one organisation level: its dates and election rules.

    `Congress.term` stays the term's name (a CharField): the congress service checks
    it against this register and takes its default rules version from it
    (congresses.terms.resolve_term).
    """

    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    name = models.CharField(_("nhiệm kỳ"), max_length=9, help_text=_("Ví dụ 2025-2030."))
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    rules_version = models.CharField(
        _("quy chế bầu cử"), max_length=4, choices=RulesVersion.choices
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["level", "-starts_on"]
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        constraints = [
            # resolve_term looks a congress's term up by (level, name).
            models.UniqueConstraint(fields=["level", "name"], name="term_level_name_uniq"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display()})"


class CommitteeAppointment(models.Model):
    """The higher committee's decision appointing an organisation's committee for a term.

    Keyed by organisation and term name, like `Congress`: the congress of that
    organisation in that term is then a congress with an appointed committee (it
    elects neither the committee nor its officers), and the appointment may be
    recorded before that congress exists (the organisation's first term).
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="committee_appointments",
        verbose_name=_("tổ chức đảng"),
    )
    term = models.CharField(_("nhiệm kỳ"), max_length=9)
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decided_on = models.DateField(_("ngày quyết định"))
    issued_by = models.CharField(_("cơ quan ban hành"), max_length=200)
    inspection_appointed = models.BooleanField(
        _("chỉ định cả ủy ban kiểm tra"),
        default=False,
        help_text=_("Không đánh dấu: cấp ủy được chỉ định bầu ủy ban kiểm tra, chủ nhiệm."),
    )
    delegates_appointed = models.BooleanField(
        _("chỉ định cả đại biểu dự đại hội cấp trên"),
        default=False,
        help_text=_("Không đánh dấu: đại hội vẫn bầu đại biểu dự đại hội cấp trên."),
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định chỉ định cấp ủy")
        verbose_name_plural = _("quyết định chỉ định cấp ủy")
        constraints = [
            # One decision per organisation and term; also serves the congress list's
            # "committee appointed" filter (EXISTS on organisation and term).
            models.UniqueConstraint(
                fields=["organization", "term"], name="appointment_org_term_uniq"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.organization}, {self.term})"


class AppointedPost(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING = "standing", _("Ủy viên Ban Thường vụ")
    COMMITTEE = "committee", _("Ủy viên Ban Chấp hành")
    INSPECTION_CHAIR = "inspection_chair", _("Chủ nhiệm Ủy ban Kiểm tra")
    INSPECTION = "inspection", _("Ủy viên Ủy ban Kiểm tra")


class AppointedCommitteeMember(models.Model):
    """One person named in the decision, with the highest post it gives them."""

    appointment = models.ForeignKey(
        CommitteeAppointment, on_delete=models.CASCADE, related_name="members"
    )
    member = models.ForeignKey(
        "people.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_appointments",
        verbose_name=_("đảng viên"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    post = models.CharField(_("chức vụ"), max_length=16, choices=AppointedPost.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["appointment", "position"]
        verbose_name = _("cấp ủy viên được chỉ định")
        verbose_name_plural = _("cấp ủy viên được chỉ định")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment"],
                condition=Q(post="secretary"),
                name="appointed_one_secretary",
            ),
            models.UniqueConstraint(
                fields=["appointment", "member"],
                condition=Q(member__isnull=False),
                name="appointed_member_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.get_post_display()}"
