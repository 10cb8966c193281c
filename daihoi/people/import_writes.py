"""The writes of a members import: organisations level by level, members in bulk."""

from daihoi.organizations.history import sync_versions, today
from daihoi.organizations.models import LEVEL_ORDER, Organization, path_segment

from .history import sync_assignments
from .import_plan import (
    BATCH,
    ORGANIZATION_UPDATE_FIELDS,
    ImportResult,
    _chunks,
    _Counter,
    _OrgRef,
    _Plan,
    _Row,
)
from .models import Member

NAME_FIELDS = ["family_name", "middle_name", "given_name", "full_name", "search_name"]


def _write(plan: _Plan, result: ImportResult, counter: _Counter) -> None:
    good_orgs = [row for row in plan.organizations if not row.errors]
    new_orgs = [row for row in good_orgs if row.code not in plan.db_orgs]
    _update_organizations([row for row in good_orgs if row.code in plan.db_orgs], plan)
    _create_organizations(new_orgs, plan)
    counter.step(len(good_orgs))
    result.organizations_created = len(new_orgs)
    result.organizations_updated = len(good_orgs) - len(new_orgs)
    good_members = [row for row in plan.members if not row.errors]
    result.members_created = _write_members(good_members, plan, counter)
    result.members_updated = len(good_members) - result.members_created
    # History from today for what changed; new rows get their first version or assignment.
    under = plan.scope.path if plan.scope else ""
    sync_versions(today(), under=under)
    sync_assignments(today(), under=under)
    counter.finish()


def _update_organizations(rows: list[_Row], plan: _Plan) -> None:
    # Only the columns the file has: a file without "Ngày thành lập" leaves those dates alone.
    if not rows:
        return
    fields = [f for f in ORGANIZATION_UPDATE_FIELDS if f in rows[0].sheet.positions]
    changed = []
    for row in rows:
        ref = plan.db_orgs[row.code]
        values = {f: row.clean[f] for f in fields}
        if any(ref.values[f] != value for f, value in values.items()):
            changed.append(Organization(id=ref.id, **values))
    Organization.objects.bulk_update(changed, fields, batch_size=BATCH)


def _create_organizations(rows: list[_Row], plan: _Plan) -> None:
    """Create level by level, so each parent has its id and path before its children.

    The path needs the row's own id, so rows are inserted first and their paths
    filled in by one bulk update per level: services.set_path, in bulk.
    """
    for level in LEVEL_ORDER:
        created = []
        for row in (r for r in rows if r.clean["level"] == level):
            values = {k: v for k, v in row.clean.items() if k != "parent_code"}
            parent = plan.db_orgs.get(row.clean["parent_code"])
            org = Organization(**values, parent_id=parent and parent.id, path="", depth=0)
            created.append((org, parent, row.clean["parent_code"]))
        Organization.objects.bulk_create([org for org, *_ in created], batch_size=BATCH)
        for org, parent, parent_code in created:
            org.path = (parent.path if parent else "") + path_segment(org.pk)
            org.depth = org.path.count(".") - 1
            plan.db_orgs[org.code] = _OrgRef(org.pk, level, org.path, parent_code)
        orgs = [org for org, *_ in created]
        Organization.objects.bulk_update(orgs, ["path", "depth"], batch_size=BATCH)


def _write_members(rows: list[_Row], plan: _Plan, counter: _Counter) -> int:
    """Create new members and update the changed ones; return how many were created."""
    new, changed, fields = [], [], set(NAME_FIELDS)
    # Only the columns the file has: a file without "Quê quán" leaves hometowns alone.
    provided = (rows[0].sheet.positions.keys() | {"birth_year_only"}) if rows else set()
    for row in rows:
        data = {k: v for k, v in row.clean.items() if k in provided and k != "organization_code"}
        data["organization_id"] = plan.db_orgs[row.clean["organization_code"]].id
        fields.update(data)
        existing = plan.db_members.get(row.code)
        if existing is None:
            new.append(Member(**data))
            new[-1].fill_derived_names()  # bulk_create skips save(), which would do it
        elif _apply(existing, data):
            changed.append(existing)
    for chunk in _chunks(new):
        Member.objects.bulk_create(chunk)
        counter.step(len(chunk))
    for chunk in _chunks(changed):
        Member.objects.bulk_update(chunk, sorted(fields))
        counter.step(len(chunk))
    counter.step(len(rows) - len(new) - len(changed))
    return len(new)


def _apply(member: Member, data: dict) -> bool:
    """Set the imported values on a member; True when anything changed."""
    watched = [*data, *NAME_FIELDS]
    before = [getattr(member, f) for f in watched]
    for name, value in data.items():
        setattr(member, name, value)
    member.fill_derived_names()
    return [getattr(member, f) for f in watched] != before
