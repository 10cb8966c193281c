"""The annual review of a year (kiểm điểm, đánh giá, xếp loại chất lượng) and its grades.

A higher organisation opens a ``ReviewCycle`` for its subtree; each organisation
in it gets one ``UnitReview`` that walks the steps (``workflow.Step``) with its
dates, and a ``StepLog`` line for every step: who acted, when. ``Evaluation``
holds one grade: a member in their organisation, the organisation itself as a
collective, or its head as a leader. The rules live in ``daihoi.rules.grading``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.rules.grading import Grade, Subject

from .workflow import Step


class GradeChoice(models.TextChoices):
    # The rules' words (rules/grading LABELS, checked equal by tests/grading/test_labels.py),
    # written out so that the English interface can translate them.
    EXCELLENT = Grade.EXCELLENT.value, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = Grade.GOOD.value, _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = Grade.COMPLETED.value, _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = Grade.NOT_COMPLETED.value, _("Không hoàn thành nhiệm vụ")


class SubjectChoice(models.TextChoices):
    MEMBER = Subject.MEMBER.value, _("Đảng viên")
    ORGANIZATION = Subject.ORGANIZATION.value, _("Tổ chức đảng")
    LEADER = Subject.LEADER.value, _("Cá nhân lãnh đạo, quản lý")


class StepChoice(models.TextChoices):
    NOT_STARTED = Step.NOT_STARTED.value, _("Chưa bắt đầu")
    SELF_REVIEWED = Step.SELF_REVIEWED.value, _("Đã tự kiểm điểm")
    COMMENTED = Step.COMMENTED.value, _("Đã họp góp ý")
    PROPOSED = Step.PROPOSED.value, _("Đã đề xuất xếp loại")
    DECIDED = Step.DECIDED.value, _("Cấp ủy đã quyết định")
    PUBLISHED = Step.PUBLISHED.value, _("Đã công bố")
    RETURNED = Step.RETURNED.value, _("Phải kiểm điểm lại")


class ReviewCycle(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="review_cycles",
        verbose_name=_("tổ chức mở đợt"),
    )
    year = models.PositiveSmallIntegerField(_("năm kiểm điểm"))
    rules_version = models.CharField(_("quy định áp dụng"), max_length=16)
    self_review_due = models.DateField(_("hạn tự kiểm điểm"))
    meeting_due = models.DateField(_("hạn họp kiểm điểm, đề xuất xếp loại"))
    decision_due = models.DateField(_("hạn cấp ủy quyết định"))
    report_due = models.DateField(_("hạn báo cáo cấp trên"))
    appeal_days = models.PositiveSmallIntegerField(
        _("số ngày nhận kiến nghị sau công bố"), default=15
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "organization__path"]
        verbose_name = _("đợt kiểm điểm")
        verbose_name_plural = _("đợt kiểm điểm")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="cycle_once_per_year")
        ]

    def __str__(self) -> str:
        return f"Kiểm điểm, xếp loại năm {self.year} — {self.organization}"


class UnitReview(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="units")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="unit_reviews"
    )
    year = models.PositiveSmallIntegerField()  # the cycle's, so one organisation is reviewed once
    status = models.CharField(
        _("bước"), max_length=16, choices=StepChoice.choices, default=StepChoice.NOT_STARTED
    )
    leader = models.ForeignKey(
        "people.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người đứng đầu"),
    )
    self_reviewed_on = models.DateField(_("ngày tự kiểm điểm xong"), null=True, blank=True)
    commented_on = models.DateField(_("ngày họp góp ý"), null=True, blank=True)
    proposed_on = models.DateField(_("ngày đề xuất xếp loại"), null=True, blank=True)
    decided_on = models.DateField(_("ngày cấp ủy quyết định"), null=True, blank=True)
    published_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    returned_count = models.PositiveSmallIntegerField(_("số lần kiểm điểm lại"), default=0)
    return_reason = models.CharField(_("lý do kiểm điểm lại"), max_length=300, blank=True)
    # The grading meeting, for its minutes.
    present = models.PositiveSmallIntegerField(_("số đảng viên dự họp"), null=True, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=150, blank=True)
    recorder = models.CharField(_("thư ký"), max_length=150, blank=True)
    place = models.CharField(_("địa điểm họp"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization__path"]
        verbose_name = _("kiểm điểm của tổ chức")
        verbose_name_plural = _("kiểm điểm của tổ chức")
        constraints = [
            models.UniqueConstraint(fields=["year", "organization"], name="unit_review_once")
        ]
        indexes = [
            # Dashboard: units of a cycle counted by status (joined to the organisation path).
            models.Index(fields=["cycle", "status"], name="unit_review_cycle_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.year}"


class StepLog(models.Model):
    """One step done (or undone) on a unit's review: what, when, who, why."""

    unit = models.ForeignKey(UnitReview, on_delete=models.CASCADE, related_name="log")
    step = models.CharField(max_length=16, choices=StepChoice.choices)
    done_on = models.DateField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_step_display()} · {self.done_on:%d/%m/%Y}"


class Evaluation(models.Model):
    unit = models.ForeignKey(UnitReview, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField()
    subject = models.CharField(max_length=12, choices=SubjectChoice.choices)
    member = models.ForeignKey(
        "people.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    # The organisation graded in (the unit's), kept here so summaries group without a join.
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    self_grade = models.CharField(
        _("tự xếp loại"), max_length=16, choices=GradeChoice.choices, blank=True
    )
    proposed_grade = models.CharField(
        _("đề xuất"), max_length=16, choices=GradeChoice.choices, blank=True
    )
    grade = models.CharField(
        _("cấp ủy quyết định"), max_length=16, choices=GradeChoice.choices, blank=True
    )
    reason = models.CharField(_("lý do, nhận xét"), max_length=300, blank=True)
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    criteria = models.JSONField(_("tiêu chí"), default=dict, blank=True)
    not_graded = models.BooleanField(_("không xếp loại"), default=False)

    class Meta:
        verbose_name = _("xếp loại")
        verbose_name_plural = _("xếp loại")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "subject", "member"],
                condition=models.Q(member__isnull=False),
                name="evaluation_person_once",
            ),
            models.UniqueConstraint(
                fields=["unit", "subject"],
                condition=models.Q(member__isnull=True),
                name="evaluation_collective_once",
            ),
        ]
        indexes = [
            # A member's grades by year (member page, personnel checks).
            models.Index(fields=["member", "year"], name="evaluation_member_year_idx"),
            # Summaries of a year: rows of the year joined to the organisation path.
            models.Index(fields=["year", "organization"], name="evaluation_year_org_idx"),
        ]

    def __str__(self) -> str:
        who = self.member or self.organization
        return f"{who} — {self.year}: {self.effective_grade or '—'}"

    @property
    def effective_grade(self) -> str:
        """The committee's grade once decided, else the meeting's proposal."""
        return self.grade or self.proposed_grade

    @property
    def effective_label(self) -> str:
        grade = self.effective_grade
        return str(GradeChoice(grade).label) if grade else ""


class Appeal(models.Model):
    """A member's or organisation's request to reconsider a published grade (kiến nghị)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="appeals")
    filed_on = models.DateField(_("ngày kiến nghị"))
    reason = models.TextField(_("nội dung kiến nghị"))
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    outcome = models.CharField(_("kết quả giải quyết"), max_length=300, blank=True)
    new_grade = models.CharField(
        _("mức sau giải quyết"), max_length=16, choices=GradeChoice.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"Kiến nghị về {self.evaluation}"
