"""The seat plan of a delegates' congress: compute, adjust by hand with a reason, approve.

Every write is atomic and audited. The subordinate organisations are the
direct children of the congress's organisation; their members and their own
subordinate organisations are counted in SQL (organizations.selectors).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.organizations.models import Organization
from daihoi.organizations.selectors import children_with_counts
from daihoi.rules import apportion as rules
from daihoi.rules.findings import Finding, Severity

from .models import AllocationLine, AllocationPlan, Delegate, Kind, PlanStatus

SETTINGS = [
    "total",
    "method",
    "minimum",
    "member_weight",
    "organization_weight",
    "ex_officio_mode",
    "per_unit",
    "members_per_seat",
]


class PlanError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def children_counted(org: Organization) -> list[Organization]:
    """Direct children with `member_total` and `child_total`, in path order (the plan's order)."""
    return sorted(children_with_counts(org), key=lambda child: child.path)


def ex_officio_counts(congress) -> dict[int, int]:
    """Ex-officio delegates on the roster, by delegation (organisation id)."""
    rows = (
        Delegate.objects.filter(congress=congress, kind=Kind.EX_OFFICIO)
        .values_list("delegation_id")
        .order_by()
    )
    counts: dict[int, int] = {}
    for (org_id,) in rows:
        counts[org_id] = counts.get(org_id, 0) + 1
    return counts


def plan_rules(plan: AllocationPlan) -> rules.Rules:
    return rules.Rules(
        total=plan.total,
        method=rules.Method(plan.method),
        minimum=plan.minimum,
        member_weight=plan.member_weight,
        organization_weight=plan.organization_weight,
        ex_officio=rules.ExOfficio(plan.ex_officio_mode),
        per_unit=plan.per_unit,
        members_per_seat=plan.members_per_seat,
    )


@transaction.atomic
def save_plan(actor, congress, **settings) -> AllocationPlan:
    """Create or change the plan's settings and recompute every line (hand adjustments reset)."""
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise ValueError(f"not plan settings: {sorted(unknown)}")
    plan = AllocationPlan.objects.select_for_update().filter(congress=congress).first()
    before = {f: getattr(plan, f) for f in SETTINGS} if plan else None
    if plan is None:
        plan = AllocationPlan(congress=congress, **settings)
    elif plan.status == PlanStatus.APPROVED:
        raise PlanError("allocation.approved", "Đề án đã thông qua: không sửa được.")
    for name, value in settings.items():
        setattr(plan, name, value)
    plan.full_clean(exclude=["congress"])
    plan.save()
    allocation = _recompute(plan)
    record(
        actor,
        "allocation.compute",
        plan,
        summary=f"{congress.name}: {plan.total} đại biểu ({plan.get_method_display()})",
        before=before,
        after={**{f: getattr(plan, f) for f in SETTINGS}, "computed_total": allocation.total},
    )
    return plan


def _recompute(plan: AllocationPlan) -> rules.Allocation:
    children = children_counted(plan.congress.organization)
    old = {line.organization_id: line for line in plan.lines.all()}
    ex_officio = ex_officio_counts(plan.congress)
    units = [
        rules.Unit(
            key=str(org.pk),
            members=org.member_total,
            organizations=org.child_total,
            ex_officio=ex_officio.get(org.pk, 0),
            fixed=old[org.pk].fixed if org.pk in old else None,
            bonus=old[org.pk].bonus if org.pk in old else 0,
        )
        for org in children
    ]
    try:
        allocation = rules.apportion(units, plan_rules(plan))
    except rules.ApportionError as error:
        raise PlanError(error.code, str(error)) from None
    _write_lines(plan, children, units, allocation)
    plan.solved_members_per_seat = allocation.members_per_seat
    plan.computed_at = timezone.now()
    plan.version += 1
    plan.save(update_fields=["solved_members_per_seat", "computed_at", "version"])
    return allocation


def _write_lines(plan, children, units, allocation) -> None:
    shares = {s.key: s for s in allocation.shares}
    plan.lines.exclude(organization__in=children).delete()
    existing = {line.organization_id: line for line in plan.lines.all()}
    fields = ["members", "organizations", "ex_officio", "quota", "computed", "seats"]
    fields += ["at_minimum", "adjusted_reason"]
    new, changed = [], []
    for org, unit in zip(children, units, strict=True):
        share = shares[unit.key]
        line = existing.get(org.pk) or AllocationLine(plan=plan, organization=org)
        line.members, line.organizations = unit.members, unit.organizations
        line.ex_officio, line.at_minimum = unit.ex_officio, share.at_minimum
        line.quota = Decimal(share.quota.numerator) / Decimal(share.quota.denominator)
        line.quota = line.quota.quantize(Decimal("0.0001"), ROUND_HALF_UP)
        line.computed = line.seats = share.elected
        line.adjusted_reason = ""
        (changed if line.pk else new).append(line)
    AllocationLine.objects.bulk_create(new)
    AllocationLine.objects.bulk_update(changed, fields)


@transaction.atomic
def set_line_inputs(actor, line: AllocationLine, *, fixed: int | None, bonus: int):
    """A special unit's fixed share, or bonus seats for an important position; then recompute."""
    plan = AllocationPlan.objects.select_for_update().get(pk=line.plan_id)
    if plan.status == PlanStatus.APPROVED:
        raise PlanError("allocation.approved", "Đề án đã thông qua: không sửa được.")
    before = {"fixed": line.fixed, "bonus": line.bonus}
    AllocationLine.objects.filter(pk=line.pk).update(fixed=fixed, bonus=bonus)
    allocation = _recompute(plan)
    record(
        actor,
        "allocation.line_inputs",
        line,
        summary=f"{line.organization}: cố định {fixed}, ưu tiên {bonus}",
        before=before,
        after={"fixed": fixed, "bonus": bonus, "computed_total": allocation.total},
    )
    return plan


@transaction.atomic
def adjust_line(actor, line: AllocationLine, *, seats: int, reason: str) -> AllocationLine:
    """Change one organisation's seats by hand; the reason is required and audited."""
    line = AllocationLine.objects.select_for_update().select_related("plan").get(pk=line.pk)
    if line.plan.status == PlanStatus.APPROVED:
        raise PlanError("allocation.approved", "Đề án đã thông qua: không sửa được.")
    if not reason.strip():
        raise PlanError("allocation.reason_required", "Điều chỉnh bằng tay phải ghi lý do.")
    if seats < 0:
        raise PlanError("allocation.negative", "Số đại biểu không được âm.")
    before = {"seats": line.seats, "computed": line.computed}
    line.seats, line.adjusted_reason = seats, reason.strip()
    line.save(update_fields=["seats", "adjusted_reason"])
    record(
        actor,
        "allocation.adjust",
        line,
        summary=f"{line.organization}: {before['seats']} → {seats} ({line.adjusted_reason})",
        before=before,
        after={"seats": seats, "reason": line.adjusted_reason},
    )
    return line


def delegations_total(plan: AllocationPlan) -> int:
    return sum(line.delegation for line in plan.lines.all())


def issues_before_approval(plan: AllocationPlan) -> list[Finding]:
    """What blocks approval: the lines do not add up to the total, or the total is above the cap."""
    congress = plan.congress
    cap = rules.delegate_cap(congress.organization.level, congress.term)
    findings = rules.check_total(plan.total, cap)
    counted = delegations_total(plan)
    if counted != plan.total:
        findings.append(
            Finding(
                "allocation.total_mismatch",
                Severity.BLOCKING,
                rules.CHARTER,
                f"Các đoàn cộng lại {counted} đại biểu, khác tổng số {plan.total}.",
            )
        )
    return findings


@transaction.atomic
def approve_plan(actor, plan: AllocationPlan) -> AllocationPlan:
    plan = AllocationPlan.objects.select_for_update().get(pk=plan.pk)
    blocking = [f for f in issues_before_approval(plan) if f.blocking]
    if blocking:
        raise PlanError(blocking[0].code, blocking[0].message)
    plan.status = PlanStatus.APPROVED
    plan.save(update_fields=["status"])
    record(actor, "allocation.approve", plan, summary=str(plan), after={"total": plan.total})
    return plan
