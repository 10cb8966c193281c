"""Writes to personnel plans: each one atomic, with its audit entry in the same transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.concurrency import apply_changes, lock_row, save_fields
from daihoi.congresses.models import Congress
from daihoi.rules.standards import term_rules

from . import checks
from .models import Candidate, FindingOverride, LevelKey, PersonnelPlan, Relationship
from .selectors import load_plan_data

PLAN_FIELDS = (
    "level_key",
    "reference_month",
    "committee_size",
    "standing_size",
    "deputy_count",
    "inspection_size",
    "previous_max_committee",
    "merged_from",
    "women_target",
    "youth_target",
    "ethnic_target",
    "renewal_target",
)
CANDIDATE_FIELDS = (
    "post",
    "inspection",
    "re_elected",
    "local",
    "discipline_kind",
    "discipline_on",
    "note",
)
MIN_REASON = 15  # characters: "đồng ý" is not a reason


def level_key_for(congress: Congress) -> str:
    """Which rules' level applies: a 2025 commune under the province has its own sizes and month."""
    org = congress.organization
    if org.level == "grassroots" and org.parent and org.parent.level == "province":
        return LevelKey.GRASSROOTS_UNDER_PROVINCE
    return org.level


def default_reference_month(congress: Congress, level_key: str) -> dt.date:
    year, month = term_rules(congress.term).reference_month(level_key)
    return dt.date(year, month, 1)


@transaction.atomic
def create_plan(actor, congress: Congress, **fields) -> PersonnelPlan:
    level = fields.pop("level_key", None) or level_key_for(congress)
    fields.setdefault("reference_month", default_reference_month(congress, level))
    plan = PersonnelPlan(congress=congress, level_key=level, **fields)
    plan.full_clean()
    plan.save()
    record(actor, "personnel.plan.create", plan, summary=str(congress), after=_plan_state(plan))
    return plan


@transaction.atomic
def update_plan(actor, plan: PersonnelPlan, **fields) -> PersonnelPlan:
    plan = PersonnelPlan.objects.select_for_update().get(pk=plan.pk)
    before = _plan_state(plan)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValueError(f"not a plan field: {name}")
        setattr(plan, name, value)
    plan.full_clean()
    plan.save(update_fields=list(fields))
    record(actor, "personnel.plan.update", plan, before=before, after=_plan_state(plan))
    return plan


def _plan_state(plan: PersonnelPlan) -> dict:
    return {name: getattr(plan, name) for name in PLAN_FIELDS}


@transaction.atomic
def add_candidate(actor, plan: PersonnelPlan, member, **fields) -> Candidate:
    """Put a member of the congress's organisation (or below) on the plan's list."""
    if not member.organization.path.startswith(plan.congress.organization.path):
        raise ValidationError(f"{member} không sinh hoạt trong {plan.congress.organization}.")
    if Candidate.objects.filter(plan=plan, member=member).exists():
        raise ValidationError(f"{member} đã có trong danh sách.")
    last = Candidate.objects.filter(plan=plan).aggregate(n=Max("position"))["n"] or 0
    candidate = Candidate(plan=plan, member=member, position=last + 1, **fields)
    candidate.full_clean()
    candidate.save()
    record(
        actor,
        "personnel.candidate.add",
        candidate,
        summary=member.full_name,
        after=_candidate_state(candidate),
    )
    return candidate


@transaction.atomic
def update_candidate(actor, candidate: Candidate, **fields) -> Candidate:
    unknown = set(fields) - set(CANDIDATE_FIELDS)
    if unknown:
        raise ValueError(f"not a candidate field: {sorted(unknown)}")
    candidate = lock_row(candidate)  # "before" as committed; a parallel edit waits
    before = _candidate_state(candidate)
    changed = apply_changes(candidate, fields)
    if not changed:
        return candidate
    candidate.full_clean()
    save_fields(candidate, changed)
    record(
        actor,
        "personnel.candidate.update",
        candidate,
        summary=str(candidate),
        before=before,
        after=_candidate_state(candidate),
    )
    return candidate


@transaction.atomic
def remove_candidate(actor, candidate: Candidate) -> None:
    record(
        actor,
        "personnel.candidate.remove",
        candidate,
        summary=str(candidate),
        before=_candidate_state(candidate),
    )
    candidate.delete()


def _candidate_state(candidate: Candidate) -> dict:
    return {"member": candidate.member_id, **{f: getattr(candidate, f) for f in CANDIDATE_FIELDS}}


@transaction.atomic
def run_checks(actor, plan: PersonnelPlan) -> checks.Report:
    """Run every rule over the plan and keep the result with the plan (audited: what was reviewed)."""
    plan = PersonnelPlan.objects.select_for_update().select_related("congress").get(pk=plan.pk)
    report = checks.evaluate(plan, load_plan_data(plan))
    plan.findings = report.findings
    plan.figures = checks.figures_dict(report.figures)
    plan.checked_at = timezone.now()
    plan.save(update_fields=["findings", "figures", "checked_at"])
    counts = {s: sum(r["severity"] == s for r in report.findings) for s in checks.SEVERITY_ORDER}
    record(actor, "personnel.checks.run", plan, summary=str(plan.congress), after=counts)
    return report


@transaction.atomic
def override_finding(actor, candidate: Candidate, code: str, reason: str) -> FindingOverride:
    """Set a person's finding aside: only with a written reason, kept in the audit log."""
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON:
        raise ValidationError(f"Ghi rõ lý do (ít nhất {MIN_REASON} ký tự).")
    plan = PersonnelPlan.objects.select_for_update().get(pk=candidate.plan_id)
    rows = [r for r in plan.findings if r["candidate"] == candidate.pk and r["code"] == code]
    if not rows:
        raise ValidationError("Không có kết quả kiểm tra này cho người này; hãy chạy kiểm tra lại.")
    override = FindingOverride.objects.create(
        candidate=candidate, code=code, reason=reason, created_by=actor
    )
    for row in rows:
        row.update(overridden=True, override_reason=reason)
    plan.save(update_fields=["findings"])
    record(
        actor,
        "personnel.finding.override",
        override,
        summary=f"{candidate} · {code}",
        after={"candidate": candidate.pk, "code": code, "reason": reason},
    )
    return override


@transaction.atomic
def declare_relationship(actor, member_a, member_b, kind: str, note: str = "") -> Relationship:
    if member_a.pk == member_b.pk:
        raise ValidationError("Quan hệ gia đình phải giữa hai người khác nhau.")
    a, b = sorted((member_a, member_b), key=lambda m: m.pk)  # one row whichever way it is entered
    tie, created = Relationship.objects.get_or_create(
        member_a=a, member_b=b, kind=kind, defaults={"note": note}
    )
    if created:
        record(
            actor,
            "personnel.relationship.declare",
            tie,
            summary=str(tie),
            after={"a": a.pk, "b": b.pk, "kind": kind},
        )
    return tie


@transaction.atomic
def remove_relationship(actor, tie: Relationship) -> None:
    record(
        actor,
        "personnel.relationship.remove",
        tie,
        summary=str(tie),
        before={"a": tie.member_a_id, "b": tie.member_b_id, "kind": tie.kind},
    )
    tie.delete()
