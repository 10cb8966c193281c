"""Writes to plans, their dates by level, and their tasks. Atomic and audited.

A plan may change after it is issued (a province moves a date): the change is
one audited write with the dates before and after, and the plan's version goes
up; congresses below read their deadlines from the plan as it now stands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.organizations.models import LEVEL_ORDER, Level
from daihoi.rules.findings import Finding

from . import schedule
from .deadlines import plan_dates, plans_where
from .errors import PreparationError
from .models import Body, Milestone, Plan, PlanStatus, Task, TaskStatus
from .tables.files import EVIDENCE_TYPES, check_upload


@dataclass(frozen=True)
class LevelInput:
    level: str
    finish_by: dt.date
    pilots_by: dt.date | None = None
    starts_on: dt.date | None = None
    note: str = ""


PLAN_FIELDS = ("number", "title", "basis", "issued_on", "review_lead_days")


def _level_label(level: str) -> str:
    return str(Level(level).label)


def _check_levels(org, levels: list[LevelInput]) -> None:
    """Only the plan's own level and those below it; dates in order (schedule)."""
    own = LEVEL_ORDER.index(org.level)
    above = [x for x in levels if LEVEL_ORDER.index(x.level) < own]
    if above:
        raise PreparationError(
            "plan.level_above",
            f"Kế hoạch của {org.name} không đặt hạn cho cấp trên "
            f"({', '.join(_level_label(x.level) for x in above)}).",
        )
    for x in levels:
        if x.starts_on and x.starts_on > x.finish_by:
            raise PreparationError(
                "plan.start_after_finish",
                f"{_level_label(x.level)}: ngày bắt đầu sau ngày hoàn thành.",
            )
    found = schedule.milestone_findings(
        [schedule.LevelDates(x.level, x.finish_by, x.pilots_by) for x in levels]
    )
    blocking = [f for f in found if f.blocking]
    if blocking:
        raise PreparationError(
            blocking[0].code, blocking[0].message, [f.message for f in blocking[1:]]
        )


def _snapshot(plan: Plan) -> dict:
    dates = {
        m.level: [m.finish_by, m.pilots_by, m.starts_on] for m in plan.milestones.order_by("level")
    }
    return {**{f: getattr(plan, f) for f in PLAN_FIELDS}, "status": plan.status, "dates": dates}


@transaction.atomic
def save_plan(
    actor, organization, *, term: str, title: str, levels: list[LevelInput], plan=None, **fields
) -> Plan:
    """Create the plan of ``organization`` for ``term``, or change ``plan``: its wording and
    its dates by level (levels left out are removed)."""
    if not title.strip():
        raise PreparationError("plan.title_required", "Kế hoạch: chưa nhập trích yếu.")
    _check_levels(organization, levels)
    if plan is None:
        if Plan.objects.filter(organization=organization, term=term).exists():
            raise PreparationError(
                "plan.exists", f"{organization.name} đã có kế hoạch nhiệm kỳ {term}."
            )
        plan = Plan.objects.create(organization=organization, term=term, title=title.strip())
        before = None
    else:
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        before = _snapshot(plan)
        plan.version += 1
    plan.title = title.strip()
    for name in ("number", "basis", "issued_on", "review_lead_days"):
        if name in fields:
            setattr(plan, name, fields[name])
    plan.save()
    plan.milestones.all().delete()
    Milestone.objects.bulk_create(
        [
            Milestone(
                plan=plan,
                level=x.level,
                finish_by=x.finish_by,
                pilots_by=x.pilots_by,
                starts_on=x.starts_on,
                note=x.note,
            )
            for x in levels
        ]
    )
    action = "preparation.plan_create" if before is None else "preparation.plan_change"
    record(actor, action, plan, summary=plan.title, before=before, after=_snapshot(plan))
    return plan


@transaction.atomic
def issue_plan(actor, plan: Plan, issued_on: dt.date) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.ISSUED:
        raise PreparationError("plan.already_issued", "Kế hoạch đã ban hành.")
    if not plan.milestones.exists():
        raise PreparationError(
            "plan.no_dates", "Kế hoạch chưa có mốc thời gian nào: chưa thể ban hành."
        )
    plan.status, plan.issued_on = PlanStatus.ISSUED, issued_on
    plan.save(update_fields=["status", "issued_on", "updated_at"])
    record(actor, "preparation.plan_issue", plan, summary=plan.title, after=_snapshot(plan))
    return plan


def plan_findings(plan: Plan) -> list[Finding]:
    """Dates out of order, and dates later than an issued plan above (the higher date binds)."""
    mine = plan_dates(plan)
    found = schedule.milestone_findings(list(mine.levels.values()))
    above = plans_where(plan.term, Q(organization_id__in=plan.organization.ancestor_ids))
    chain = [plan_dates(above[i]) for i in reversed(plan.organization.ancestor_ids) if i in above]
    return found + schedule.nesting_findings(mine, chain)


# --- Tasks ----------------------------------------------------------------------------------


def _check_owner(plan: Plan, body: Body | None, organization) -> None:
    if (body is None) == (organization is None):
        raise PreparationError(
            "task.owner", "Nhiệm vụ: chọn một cơ quan chủ trì (ban, tiểu ban, tổ) hoặc một tổ chức."
        )
    root = plan.organization
    if body is not None and not body.organization.path.startswith(root.path):
        raise PreparationError("task.owner_outside", f"{body.name} không thuộc {root.name}.")
    if organization is not None and (
        organization.pk == root.pk or not organization.path.startswith(root.path)
    ):
        raise PreparationError(
            "task.owner_outside", f"{organization.name} không phải tổ chức trực thuộc {root.name}."
        )


@transaction.atomic
def add_task(actor, plan: Plan, *, title: str, due_on: dt.date, detail: str = "", **owner) -> Task:
    if not title.strip():
        raise PreparationError("task.title_required", "Nhiệm vụ: chưa nhập tên nhiệm vụ.")
    body, organization = owner.get("owner_body"), owner.get("owner_organization")
    _check_owner(plan, body, organization)
    task = Task.objects.create(
        plan=plan,
        title=title.strip(),
        detail=detail,
        due_on=due_on,
        owner_body=body,
        owner_organization=organization,
        updated_by=actor,
    )
    record(
        actor,
        "preparation.task_add",
        task,
        summary=task.title,
        after={"due_on": due_on, "owner": str(task.owner)},
    )
    return task


@transaction.atomic
def report_task(
    actor, task: Task, *, status: str, done_on=None, evidence=None, evidence_note: str = ""
) -> Task:
    """The owner reports progress; "done" keeps its date (today when not given) and evidence."""
    if status not in TaskStatus.values:
        raise PreparationError("task.status", f"Tình trạng không hợp lệ: {status}.")
    task = Task.objects.select_for_update().get(pk=task.pk)
    before = {"status": task.status, "done_on": task.done_on, "evidence": task.evidence.name}
    if evidence is not None:
        check_upload(evidence, EVIDENCE_TYPES, f"Nhiệm vụ “{task.title}”, minh chứng")
        task.evidence = evidence
    task.status = status
    task.done_on = (done_on or timezone.localdate()) if status == TaskStatus.DONE else None
    task.evidence_note = evidence_note.strip() or task.evidence_note
    task.updated_by = actor
    task.version += 1
    task.save()
    after = {"status": task.status, "done_on": task.done_on, "evidence": task.evidence.name}
    record(actor, "preparation.task_report", task, summary=task.title, before=before, after=after)
    return task


@transaction.atomic
def move_task(actor, task: Task, due_on: dt.date) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    before = task.due_on
    task.due_on = due_on
    task.version += 1
    task.save(update_fields=["due_on", "version", "updated_at"])
    record(
        actor,
        "preparation.task_move",
        task,
        summary=task.title,
        before={"due_on": before},
        after={"due_on": due_on},
    )
    return task
