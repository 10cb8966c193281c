"""The personnel plan of a congress (đề án nhân sự): sizes, targets, candidates, findings, steps.

Family ties between members live here too (``Relationship``): they matter only
to personnel work, and the people app stays the registry of members.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LevelKey(models.TextChoices):
    """The level whose reference month and size rules apply (standards.TermRules keys)."""

    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện và tương đương")
    GRASSROOTS = "grassroots", _("Cấp cơ sở")
    GRASSROOTS_UNDER_PROVINCE = "grassroots_under_province", _("Xã, phường trực thuộc tỉnh")
    CELL = "cell", _("Chi bộ")


class ProposedPost(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING = "standing", _("Ủy viên Ban Thường vụ")
    COMMITTEE = "committee", _("Ủy viên Ban Chấp hành")


class DisciplineKind(models.TextChoices):
    NONE = "", _("Không")
    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DISMISSAL = "dismissal", _("Cách chức")


class PersonnelPlan(models.Model):
    congress = models.OneToOneField(
        "congresses.Congress",
        on_delete=models.PROTECT,
        related_name="personnel_plan",
        verbose_name=_("đại hội"),
    )
    level_key = models.CharField(_("cấp áp dụng"), max_length=32, choices=LevelKey.choices)
    reference_month = models.DateField(_("thời điểm tính tuổi (tháng)"))
    committee_size = models.PositiveSmallIntegerField(_("số lượng ban chấp hành"))
    standing_size = models.PositiveSmallIntegerField(_("số lượng ban thường vụ"), default=0)
    deputy_count = models.PositiveSmallIntegerField(_("số phó bí thư"), default=0)
    inspection_size = models.PositiveSmallIntegerField(_("số lượng ủy ban kiểm tra"), default=0)
    previous_max_committee = models.PositiveSmallIntegerField(
        _("số cấp ủy tối đa nhiệm kỳ trước"), null=True, blank=True
    )
    merged_from = models.PositiveSmallIntegerField(
        _("hợp nhất từ số đơn vị"), default=1, help_text=_("Xã, phường hợp nhất từ mấy đơn vị.")
    )
    women_target = models.DecimalField(
        _("chỉ tiêu nữ (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    youth_target = models.DecimalField(
        _("chỉ tiêu cán bộ trẻ (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    ethnic_target = models.DecimalField(
        _("chỉ tiêu dân tộc thiểu số (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    renewal_target = models.DecimalField(
        _("chỉ tiêu đổi mới (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(_("lần kiểm tra gần nhất"), null=True, blank=True)
    # The last run of the checks, as stored data: the report and the export read
    # these instead of re-running the rules, so they show what was reviewed.
    findings = models.JSONField(default=list, blank=True)
    figures = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("đề án nhân sự")
        verbose_name_plural = _("đề án nhân sự")

    def __str__(self) -> str:
        return f"Đề án nhân sự — {self.congress}"


class Candidate(models.Model):
    plan = models.ForeignKey(PersonnelPlan, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(
        "people.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("đảng viên")
    )
    post = models.CharField(
        _("chức danh dự kiến"),
        max_length=20,
        choices=ProposedPost.choices,
        default=ProposedPost.COMMITTEE,
    )
    inspection = models.BooleanField(_("dự kiến ủy ban kiểm tra"), default=False)
    re_elected = models.BooleanField(_("tái cử"), default=False)
    local = models.BooleanField(_("người địa phương"), default=True)
    discipline_kind = models.CharField(
        _("kỷ luật"), max_length=12, choices=DisciplineKind.choices, blank=True, default=""
    )
    discipline_on = models.DateField(_("ngày công bố kỷ luật"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("nhân sự dự kiến")
        verbose_name_plural = _("nhân sự dự kiến")
        constraints = [
            models.UniqueConstraint(fields=["plan", "member"], name="candidate_once_per_plan")
        ]

    def __str__(self) -> str:
        return str(self.member)


class FindingOverride(models.Model):
    """A person's finding set aside by the subcommittee, with its written reason."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="overrides")
    code = models.CharField(max_length=64)
    reason = models.TextField(_("lý do"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "code"], name="override_once_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.code}"


class RelationKind(models.TextChoices):
    SPOUSE = "spouse", _("Vợ, chồng")
    PARENT = "parent", _("Cha mẹ – con")
    SIBLING = "sibling", _("Anh chị em ruột")
    IN_LAW = "in_law", _("Thông gia, dâu rể")
    RELATIVE = "relative", _("Họ hàng gần")


class Relationship(models.Model):
    """A family tie a member declared (kê khai) with another member."""

    member_a = models.ForeignKey("people.Member", on_delete=models.CASCADE, related_name="+")
    member_b = models.ForeignKey("people.Member", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("quan hệ"), max_length=12, choices=RelationKind.choices)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quan hệ gia đình")
        verbose_name_plural = _("quan hệ gia đình")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(member_a=models.F("member_b")), name="relationship_two_people"
            ),
            models.UniqueConstraint(
                fields=["member_a", "member_b", "kind"], name="relationship_once"
            ),
        ]
        indexes = [
            # The checks load the ties touching a plan's candidates from either side.
            models.Index(fields=["member_b"], name="relationship_b_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.member_a} – {self.member_b} ({self.get_kind_display()})"


class NominationStep(models.Model):
    """One step of the introduction procedure: a body polls the carried list by secret ballot."""

    plan = models.ForeignKey(PersonnelPlan, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("nội dung"), max_length=200)
    voters_kind = models.CharField(_("thành phần"), max_length=40)
    summoned = models.PositiveIntegerField(_("số được triệu tập"))
    present = models.PositiveIntegerField(_("số có mặt"))
    held_on = models.DateField(_("ngày"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="step_number_once")]

    def __str__(self) -> str:
        return f"Bước {self.number}: {self.name}"


class NominationVote(models.Model):
    step = models.ForeignKey(NominationStep, on_delete=models.CASCADE, related_name="votes")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    votes = models.PositiveIntegerField(_("số phiếu"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "candidate"], name="vote_once_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.votes}"
