"""The checks of a members import beyond one row's fields: duplicates, references, scope."""

from collections import defaultdict

from daihoi.organizations.models import ALLOWED_PARENT_LEVELS, LEVEL_ORDER, Level, Organization

from .import_plan import ORGANIZATION_UPDATE_FIELDS, _chunks, _Counter, _OrgRef, _Plan, _Row
from .models import Member
from .validation import validate_member, validate_organization

# Members belong to a chi bộ: a cell, or a grassroots organisation (chi bộ cơ sở).
MEMBER_LEVELS = {Level.GRASSROOTS, Level.CELL}


def _validate(plan: _Plan, counter: _Counter) -> None:
    for rows, validate in (
        (plan.organizations, validate_organization),
        (plan.members, validate_member),
    ):
        for row in rows:
            row.clean, errors = validate(row.raw())
            for error in errors:
                row.add(error.field, error.code, error.message)
            counter.step()
        _flag_duplicates(rows)
    _check_national_codes(plan.organizations)
    plan.orgs_in_file = {row.code: row for row in plan.organizations if row.code}
    keys = ("code", "parent_code", "organization_code")
    plan.db_orgs = _fetch_organizations({row.clean.get(k) for row in plan.rows() for k in keys})
    plan.db_members = _fetch_members({row.code for row in plan.members})
    # Parents before children, so that a child knows whether its parent passed. A level
    # may only sit under a higher one, so this order also rules out cycles.
    for row in sorted(plan.organizations, key=_level_rank):
        if not row.errors:
            _check_organization(row, plan)
    for row in plan.members:
        if not row.errors:
            _check_member(row, plan)
    counter.finish()


def _level_rank(row: _Row) -> int:
    level = row.clean.get("level")
    return LEVEL_ORDER.index(level) if level else len(LEVEL_ORDER)


def _flag_duplicates(rows: list[_Row]) -> None:
    by_code = defaultdict(list)
    for row in rows:
        if row.code:
            by_code[row.code].append(row)
    for code, same in by_code.items():
        for row in same if len(same) > 1 else []:
            row.fail(
                "code", "duplicate_code", code=code, rows=", ".join(str(r.number) for r in same)
            )


def _check_national_codes(rows: list[_Row]) -> None:
    """A national catalogue code names one organisation: in the file and in the registry."""
    by_code = defaultdict(list)
    for row in rows:
        if row.clean.get("national_code"):
            by_code[row.clean["national_code"]].append(row)
    held = {}
    for chunk in _chunks(sorted(by_code)):
        found = Organization.objects.filter(national_code__in=chunk)
        held.update(found.values_list("national_code", "code"))
    for value, same in by_code.items():
        others = {r.code for r in same}
        for row in same:
            if len(others) > 1:
                numbers = ", ".join(str(r.number) for r in same if r is not row)
                row.fail("national_code", "duplicate_national_code", value=value, rows=numbers)
            elif held.get(value, row.code) != row.code:
                row.fail("national_code", "national_code_taken", value=value, other=held[value])


def _fetch_organizations(codes: set) -> dict[str, _OrgRef]:
    found = {}
    fields = ["code", "id", "level", "path", "parent__code", *ORGANIZATION_UPDATE_FIELDS]
    for chunk in _chunks(sorted(codes - {None})):
        rows = Organization.objects.filter(code__in=chunk).values_list(*fields)
        for code, pk, level, path, parent, *values in rows:
            updatable = dict(zip(ORGANIZATION_UPDATE_FIELDS, values, strict=True))
            found[code] = _OrgRef(pk, level, path, parent, updatable)
    return found


def _fetch_members(codes: set) -> dict[str, Member]:
    found = {}
    for chunk in _chunks(sorted(codes - {None})):
        for member in Member.objects.filter(code__in=chunk).select_related("organization"):
            found[member.code] = member
    return found


def _check_organization(row: _Row, plan: _Plan) -> None:
    c = row.clean
    existing = plan.db_orgs.get(c["code"])
    if existing is not None:
        if not plan.in_scope(row, "code", c["code"], existing.path):
            return
        if existing.level != c["level"]:
            row.fail("level", "level_changed")
        elif existing.parent_code != c["parent_code"]:
            row.fail("parent_code", "organization_moved", parent=existing.parent_code or "—")
        return
    if c["parent_code"] is None:  # a new province: only an import without a scope adds one
        plan.in_scope(row, "code", c["code"], "")
        return
    parent_level = _referenced_level(row, "parent_code", plan)
    if parent_level is not None and parent_level not in ALLOWED_PARENT_LEVELS[Level(c["level"])]:
        labels = {"child": Level(c["level"]).label, "parent": Level(parent_level).label}
        row.fail("parent_code", "parent_level", **labels)


def _check_member(row: _Row, plan: _Plan) -> None:
    c, org_code = row.clean, row.clean["organization_code"]
    level = _referenced_level(row, "organization_code", plan)
    if level is not None and level not in MEMBER_LEVELS:
        row.fail("organization_code", "organization_level", code=org_code)
    existing = plan.db_members.get(c["code"])
    if row.errors or existing is None:
        return
    if plan.scope is not None and not existing.organization.path.startswith(plan.scope.path):
        row.fail("code", "member_outside_scope", code=c["code"])
    elif existing.organization.code != org_code:
        row.fail("organization_code", "member_transfer", org=existing.organization.code)


def _referenced_level(row: _Row, field_name: str, plan: _Plan) -> str | None:
    """The level of the organisation the row points to (its parent, or a member's
    organisation), or None after recording why that organisation cannot be used."""
    code = row.clean[field_name]
    in_file = plan.orgs_in_file.get(code)
    if in_file is not None:
        if in_file.errors:
            row.fail(field_name, "reference_rejected", code=code, n=in_file.number)
            return None
        return in_file.clean["level"]  # a row that passed is inside the scope
    existing = plan.db_orgs.get(code)
    if existing is None:
        row.fail(field_name, "reference_missing", code=code)
        return None
    return existing.level if plan.in_scope(row, field_name, code, existing.path) else None
