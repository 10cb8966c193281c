"""Writes to congresses. Atomic and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from daihoi.audit.services import record
from daihoi.organizations.models import Organization

from .models import Congress
from .terms import rules_version_for

ATTENDANCE_FIELDS = [
    "summoned",
    "present",
    "excluded_attached_elsewhere",
    "excluded_exempt_absent",
    "excluded_suspended",
    "excluded_absent_with_reason",
    "excluded_committee_absent",
    "excluded_delegates_absent_no_alternate",
]


@transaction.atomic
def create_congress(
    actor,
    organization,
    *,
    name: str,
    kind: str,
    term: str = "2025-2030",
    rules_version: str | None = None,
    rerun_reason: str = "",
    **extra,
) -> Congress:
    """A congress of `organization` in a registered term of its level (congresses.terms).

    Without `rules_version`, the congress takes its term's election rules. One congress
    per organisation and term: a second one is refused unless it is a re-run congress
    with its reason, which the audit entry keeps with the earlier congresses' ids.
    """
    term = term.strip()
    term_rules = rules_version_for(organization, term)  # refuses a term not in the register
    earlier = _earlier_congresses(organization, term, rerun_reason)
    rules_version = rules_version or term_rules
    congress = Congress(
        organization=organization,
        name=name,
        kind=kind,
        term=term,
        rules_version=rules_version,
        **extra,
    )
    congress.full_clean()
    congress.save()
    record(
        actor,
        "congress.create",
        congress,
        summary=name,
        after={"kind": kind, "term": term, "rules_version": rules_version}
        | ({"rerun_reason": rerun_reason.strip(), "earlier": earlier} if earlier else {}),
    )
    return congress


def _earlier_congresses(organization, term: str, rerun_reason: str) -> list[int]:
    """Ids of the organisation's congresses in `term`; refuses a second one without a reason."""
    # Lock the organisation so that two clerks cannot both create "the first" congress.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    earlier = list(
        Congress.objects.filter(organization=organization, term=term)
        .order_by("id")
        .values_list("id", "name")
    )
    if earlier and not rerun_reason.strip():
        message = (
            f"{organization.name} đã có đại hội nhiệm kỳ {term} ({earlier[0][1]}). "
            "Chỉ tạo thêm khi tổ chức lại đại hội: ghi lý do tổ chức lại."
        )
        raise ValidationError({"organization": ValidationError(message, code="congress.duplicate")})
    return [pk for pk, _ in earlier]


@transaction.atomic
def update_attendance(actor, congress: Congress, **counts) -> Congress:
    """Summoned, present and the lawful exclusions that make the base."""
    unknown = set(counts) - set(ATTENDANCE_FIELDS)
    if unknown:
        raise ValueError(f"not attendance fields: {sorted(unknown)}")
    congress = Congress.objects.select_for_update().get(pk=congress.pk)
    before = {f: getattr(congress, f) for f in ATTENDANCE_FIELDS}
    for field, value in counts.items():
        setattr(congress, field, int(value))
    congress.full_clean()
    congress.save(update_fields=list(counts))
    record(
        actor,
        "congress.attendance",
        congress,
        summary=congress.name,
        before=before,
        after={f: getattr(congress, f) for f in ATTENDANCE_FIELDS},
    )
    return congress
