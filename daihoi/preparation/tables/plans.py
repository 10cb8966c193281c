"""The preparation plan of a level, its dates by level and its tasks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.organizations.models import Level

from .files import evidence_path, plan_file_path


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Plan(models.Model):
    """Kế hoạch tổ chức đại hội: one per organisation and term, changed in place (audited)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="preparation_plans",
        verbose_name=_("cấp ban hành"),
    )
    term = models.CharField(_("nhiệm kỳ"), max_length=9, default="2025-2030")
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    title = models.CharField(_("trích yếu"), max_length=250)
    basis = models.TextField(_("căn cứ"), blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    review_lead_days = models.PositiveSmallIntegerField(
        _("duyệt nội dung đại hội cấp dưới trước (ngày làm việc)"), null=True, blank=True
    )
    file = models.FileField(_("văn bản kế hoạch"), upload_to=plan_file_path, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization__path", "term"]
        verbose_name = _("kế hoạch chuẩn bị đại hội")
        constraints = [
            models.UniqueConstraint(fields=["organization", "term"], name="prep_plan_org_term")
        ]
        indexes = [
            # Deadlines: the issued plans of a term among a congress's ancestors.
            models.Index(fields=["term", "status"], name="prep_plan_term_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def issued(self) -> bool:
        return self.status == PlanStatus.ISSUED


class Milestone(models.Model):
    """The date by which the congresses of one level finish (and, optionally, its pilots)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    starts_on = models.DateField(_("bắt đầu từ"), null=True, blank=True)
    finish_by = models.DateField(_("hoàn thành trước ngày"))
    pilots_by = models.DateField(_("đại hội điểm trước ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=250, blank=True)

    class Meta:
        ordering = ["finish_by"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "level"], name="prep_milestone_plan_level")
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.finish_by:%d/%m/%Y}"


class TaskStatus(models.TextChoices):
    TODO = "todo", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Hủy bỏ")


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("nhiệm vụ"), max_length=250)
    detail = models.TextField(_("nội dung"), blank=True)
    owner_body = models.ForeignKey(
        "preparation.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("cơ quan chủ trì"),
    )
    owner_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="preparation_tasks",
        verbose_name=_("tổ chức chủ trì"),
    )
    due_on = models.DateField(_("thời hạn"))
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    evidence = models.FileField(_("minh chứng"), upload_to=evidence_path, blank=True)
    evidence_note = models.CharField(_("ghi chú kết quả"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_body__isnull=False)
                | models.Q(owner_organization__isnull=False),
                name="prep_task_has_owner",
            )
        ]
        indexes = [
            # Overdue lists: open tasks by due date.
            models.Index(fields=["status", "due_on"], name="prep_task_status_due_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        return self.owner_body or self.owner_organization
