"""Writes to congresses. Atomic and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from daihoi.audit.services import record
from daihoi.organizations.models import Organization
from daihoi.rules.sittings import attendance_problems

from .models import BaseSource, Congress, CongressKind
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

# The lawful exclusions from the base, per kind of congress (DOMAIN "Who is elected").
EXCLUSIONS_BY_KIND = {
    CongressKind.MEMBERS: [
        "excluded_attached_elsewhere",
        "excluded_exempt_absent",
        "excluded_suspended",
        "excluded_absent_with_reason",
    ],
    CongressKind.DELEGATES: [
        "excluded_committee_absent",
        "excluded_delegates_absent_no_alternate",
    ],
}
# What check-in writes when the base comes from the delegate roster.
ROSTER_FIELDS = {
    "summoned",
    "present",
    "excluded_committee_absent",
    "excluded_delegates_absent_no_alternate",
}


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


def check_attendance(congress: Congress) -> None:
    """Refuse figures that cannot be (rules.sittings.attendance_problems), naming the field."""
    exclusions = {f: getattr(congress, f) for f in EXCLUSIONS_BY_KIND[CongressKind(congress.kind)]}
    problems = attendance_problems(congress.summoned, congress.present, exclusions)
    for field in set(ATTENDANCE_FIELDS) - set(exclusions) - {"summoned", "present"}:
        if getattr(congress, field) < 0:
            problems.append(attendance_problems(0, 0, {field: getattr(congress, field)})[0])
    if problems:
        errors: dict[str, list[str]] = {}
        for p in problems:
            label = Congress._meta.get_field(p.field).verbose_name
            errors.setdefault(p.field, []).append(f"{str(label).capitalize()}: {p.message}")
        raise ValidationError(errors)


@transaction.atomic
def update_attendance(
    actor, congress: Congress, *, from_roster: bool = False, **counts
) -> Congress:
    """Summoned, present and the lawful exclusions that make the base.

    When the base comes from the delegate roster (`base_source`), only check-in
    (`from_roster`) writes the roster's figures; typing them is refused with the reason.
    """
    unknown = set(counts) - set(ATTENDANCE_FIELDS)
    if unknown:
        raise ValueError(f"not attendance fields: {sorted(unknown)}")
    congress = Congress.objects.select_for_update().get(pk=congress.pk)
    before = {f: getattr(congress, f) for f in ATTENDANCE_FIELDS}
    typed_over_roster = [
        f for f in ROSTER_FIELDS & set(counts) if int(counts[f]) != getattr(congress, f)
    ]
    if congress.base_source == BaseSource.ROSTER and not from_roster and typed_over_roster:
        raise ValidationError(
            {
                typed_over_roster[0]: "Số liệu này đang lấy từ danh sách đại biểu (điểm danh): "
                "sửa ở trang đại biểu, hoặc chuyển cơ sở tính kết quả về nhập tay trước."
            }
        )
    for field, value in counts.items():
        setattr(congress, field, int(value))
    check_attendance(congress)
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


@transaction.atomic
def set_base_source(actor, congress: Congress, source: str, reason: str = "") -> Congress:
    """Say where the base's figures come from; audited, and shown on the congress page.

    Switching to the roster is done by delegates.attendance.use_roster_for_base, which
    also writes the roster's figures in the same transaction.
    """
    if source not in BaseSource.values:
        raise ValidationError({"base_source": f"Nguồn số liệu không hợp lệ: {source}."})
    if source == BaseSource.ROSTER and congress.kind != CongressKind.DELEGATES:
        raise ValidationError(
            {"base_source": "Chỉ đại hội đại biểu mới lấy cơ sở từ danh sách đại biểu."}
        )
    congress = Congress.objects.select_for_update().get(pk=congress.pk)
    before = congress.base_source
    if before == source:
        return congress
    congress.base_source = source
    congress.save(update_fields=["base_source"])
    record(
        actor,
        "congress.base_source",
        congress,
        summary=reason or congress.name,
        before={"base_source": before},
        after={"base_source": source},
    )
    return congress
