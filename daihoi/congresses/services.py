"""Writes to congresses. Atomic and audited."""

from django.db import transaction

from daihoi.audit.services import record

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
    **extra,
) -> Congress:
    """A congress of `organization` in a registered term of its level (congresses.terms).

    Without `rules_version`, the congress takes its term's election rules.
    """
    term = term.strip()
    term_rules = rules_version_for(organization, term)  # refuses a term not in the register
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
        after={"kind": kind, "term": term, "rules_version": rules_version},
    )
    return congress


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
