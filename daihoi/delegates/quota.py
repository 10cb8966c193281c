"""What the higher committee gave a lower congress to elect: its delegates and alternates.

QĐ 190-QĐ/TW 2024, Điều 18.2 (QĐ 244-QĐ/TW 2014, Điều 20.2): the number of
delegates to the higher congress is allocated by the higher committee; the lower
congress does not vote on it. The allocation lives in the higher congress's
approved plan (delegates.allocation); a different number is an amendment of
that plan, recorded with the higher committee's decision and audited here.
"""

from dataclasses import dataclass

from django.db import transaction

from daihoi.audit.services import record
from daihoi.rules import apportion as rules

from .allocation import PlanError
from .models import AllocationLine, AllocationPlan, PlanStatus

CITE = {"2024": "QĐ 190-QĐ/TW 2024, Điều 18.2", "2014": "QĐ 244-QĐ/TW 2014, Điều 20.2"}


@dataclass(frozen=True)
class Quota:
    higher: object  # the higher congress (congresses.Congress)
    plan: AllocationPlan | None
    line: AllocationLine | None

    @property
    def approved(self) -> bool:
        return self.plan is not None and self.plan.status == PlanStatus.APPROVED


def higher_congress(congress):
    """The congress of the parent organisation in the same term, if the system has one."""
    parent_id = congress.organization.parent_id
    if parent_id is None:
        return None
    return (
        type(congress)
        .objects.filter(organization_id=parent_id, term=congress.term)
        .order_by("-id")
        .first()
    )


def quota_for(congress) -> Quota | None:
    """None when no higher congress is recorded (e.g. a province electing to the national congress)."""
    higher = higher_congress(congress)
    if higher is None:
        return None
    plan = AllocationPlan.objects.filter(congress=higher).first()
    line = plan.lines.filter(organization_id=congress.organization_id).first() if plan else None
    return Quota(higher, plan, line)


@transaction.atomic
def amend_allocation(
    actor, line: AllocationLine, *, seats: int, alternates: int, decision: str, reason: str
) -> AllocationLine:
    """Change one organisation's delegates or alternates, before or after approval.

    After approval the change is an amendment by the higher committee: its decision
    (number and date, as written on it) and the reason are required; the plan's total
    follows the change and must stay within the directive's cap. Audited.
    """
    line = AllocationLine.objects.select_for_update().get(pk=line.pk)
    plan = AllocationPlan.objects.select_for_update().get(pk=line.plan_id)
    if not reason.strip() or (plan.status == PlanStatus.APPROVED and not decision.strip()):
        raise PlanError(
            "allocation.decision_required",
            "Điều chỉnh phân bổ đã phê duyệt phải ghi số, ngày quyết định của cấp ủy cấp trên "
            "và lý do.",
        )
    if seats < 0 or alternates < 0:
        raise PlanError("allocation.negative", "Số đại biểu không được âm.")
    before = {"seats": line.seats, "alternates": line.alternates, "total": plan.total}
    if plan.status == PlanStatus.APPROVED:
        plan.total += seats - line.seats
        cap = rules.delegate_cap(plan.congress.organization.level, plan.congress.term)
        blocking = [f for f in rules.check_total(plan.total, cap) if f.blocking]
        if blocking:
            raise PlanError(blocking[0].code, blocking[0].message)
        plan.save(update_fields=["total"])
    line.seats, line.alternates = seats, alternates
    line.adjusted_reason = f"{decision.strip()} — {reason.strip()}".strip(" —")[:300]
    line.save(update_fields=["seats", "alternates", "adjusted_reason"])
    record(
        actor,
        "allocation.amend",
        line,
        summary=f"{line.organization}: {before['seats']}+{before['alternates']} dự khuyết → "
        f"{seats}+{alternates} ({line.adjusted_reason})",
        before=before,
        after={
            "seats": seats,
            "alternates": alternates,
            "total": plan.total,
            "decision": decision.strip(),
            "reason": reason.strip(),
        },
    )
    return line
