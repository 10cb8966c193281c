"""The register of terms per level: reads, the check of a congress's term, and audited writes.

Why `Congress.term` stays a CharField checked against this register rather than a
foreign key: some twenty places (tracking, reports, delegates, personnel, the
demo) read and filter `congress.term` as a string; a key would change none of
them for the better, would need a backfill, and bulk loaders that build
congresses without the service would leave it empty. The name is unique per
level, so (organisation level, name) finds the row whenever it is needed.

A level with no registered term accepts any well-formed name: a fresh database
(or a test database flushed of its seeded rows) keeps working, and once a level
has terms, a congress must use one of them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from daihoi.audit.services import record
from daihoi.rules import congress_kinds

from .models import Term

EDITABLE = ["starts_on", "ends_on", "rules_version", "note"]


def terms_by_level() -> dict[str, list[Term]]:
    """Every registered term, grouped by level (levels from the top), newest first."""
    from daihoi.organizations.models import LEVEL_ORDER

    grouped: dict[str, list[Term]] = {str(level): [] for level in LEVEL_ORDER}
    for term in Term.objects.order_by("-starts_on"):
        grouped.setdefault(term.level, []).append(term)
    return grouped


def term_names() -> list[str]:
    """Distinct registered names, newest first (the congress form's choices)."""
    names = Term.objects.order_by("-name").values_list("name", flat=True).distinct()
    return list(names)


def resolve_term(organization, name: str) -> Term | None:
    """The registered term `name` of the organisation's level, or None if that level has none.

    Raises ValidationError on the field "term" when the name is malformed, or when
    the level has registered terms and none is called `name`.
    """
    try:
        congress_kinds.parse_term_name(name)
    except ValueError as exc:
        raise ValidationError({"term": str(exc)}) from None
    level_terms = Term.objects.filter(level=organization.level)
    term = level_terms.filter(name=name.strip()).first()
    if term is None and level_terms.exists():
        known = ", ".join(level_terms.order_by("-starts_on").values_list("name", flat=True))
        level = organization.get_level_display()
        raise ValidationError(
            {"term": f"Nhiệm kỳ “{name}” chưa có trong danh mục nhiệm kỳ cấp {level} ({known})."}
        )
    return term


def rules_version_for(organization, name: str) -> str:
    """The default rules of a congress: its registered term's, else those in force when it starts."""
    term = resolve_term(organization, name)
    return term.rules_version if term else congress_kinds.default_rules_version(name)


def term_errors(name: str, starts_on, ends_on) -> dict[str, list[str]]:
    """Field errors of a term's name and dates (the form and the services share them)."""
    try:
        problems = congress_kinds.check_term_dates(name, starts_on, ends_on)
    except ValueError as exc:
        return {"name": [str(exc)]}
    errors: dict[str, list[str]] = {}
    for text in problems:
        field = "starts_on" if text.startswith("Ngày bắt đầu") else "ends_on"
        errors.setdefault(field, []).append(text)
    return errors


def _validate(term: Term) -> None:
    errors = term_errors(term.name, term.starts_on, term.ends_on)
    if errors:
        raise ValidationError(errors)
    term.full_clean()


def _snapshot(term: Term) -> dict:
    return {"level": term.level, "name": term.name, **{f: getattr(term, f) for f in EDITABLE}}


@transaction.atomic
def create_term(
    actor, *, level: str, name: str, starts_on, ends_on, rules_version: str, note: str = ""
) -> Term:
    term = Term(
        level=level,
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        rules_version=rules_version,
        note=note.strip(),
    )
    if Term.objects.filter(level=level, name=term.name).exists():
        label = Term(level=level).get_level_display()
        raise ValidationError({"name": f"Nhiệm kỳ {term.name} của cấp {label} đã có."})
    _validate(term)
    term.save()
    record(actor, "term.create", term, summary=str(term), after=_snapshot(term))
    return term


@transaction.atomic
def update_term(actor, term: Term, **fields) -> Term:
    """Dates, rules and note; a term's level and name are its identity and stay."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    term = Term.objects.select_for_update().get(pk=term.pk)
    before = _snapshot(term)
    for name, value in fields.items():
        setattr(term, name, value.strip() if isinstance(value, str) else value)
    _validate(term)
    term.save(update_fields=list(fields))
    record(actor, "term.update", term, summary=str(term), before=before, after=_snapshot(term))
    return term
