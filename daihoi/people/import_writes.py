"""The writes of a members import: organisations level by level, members in bulk."""

from django.db import connection

from daihoi.organizations.models import LEVEL_ORDER, Organization, path_segment

from .import_plan import (
    BATCH,
    ORGANIZATION_UPDATE_FIELDS,
    ImportResult,
    _OrgRef,
    _Plan,
    _Row,
)


def write_organizations(plan: _Plan, result: ImportResult) -> list[int]:
    """Write the organisation rows that passed, parents first; ids go into `plan.db_orgs`.
    Returns the ids of the organisations created or changed."""
    good_orgs = [row for row in plan.organizations if not row.errors]
    new_orgs = [row for row in good_orgs if row.code not in plan.db_orgs]
    changed = _update_organizations([row for row in good_orgs if row.code in plan.db_orgs], plan)
    _create_organizations(new_orgs, plan)
    result.organizations_created = len(new_orgs)
    result.organizations_updated = len(good_orgs) - len(new_orgs)
    return changed + [plan.db_orgs[row.code].id for row in new_orgs]


def _update_organizations(rows: list[_Row], plan: _Plan) -> list[int]:
    # Only the columns the file has: a file without "Ngày thành lập" leaves those dates alone.
    if not rows:
        return []
    fields = [f for f in ORGANIZATION_UPDATE_FIELDS if f in rows[0].sheet.positions]
    changed = []
    for row in rows:
        ref = plan.db_orgs[row.code]
        values = {f: row.clean[f] for f in fields}
        if any(ref.values[f] != value for f, value in values.items()):
            changed.append(Organization(id=ref.id, **values))
    Organization.objects.bulk_update(changed, fields, batch_size=BATCH)
    return [org.id for org in changed]


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
        _set_paths([org for org, *_ in created])


def _set_paths(orgs: list[Organization]) -> None:
    """The paths and depths of a level's new organisations, BATCH rows per UPDATE joined to
    a VALUES list: a national tree has 170,000 of them, and one UPDATE statement per row
    (each parsed and planned on its own) took minutes of the server's time."""
    table = connection.ops.quote_name(Organization._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(orgs), BATCH):
            chunk = orgs[start : start + BATCH]
            rows = ", ".join(["(%s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"WITH v (id, path, depth) AS (VALUES {rows}) UPDATE {table} SET "
                f"path = v.path, depth = v.depth FROM v WHERE {table}.id = v.id",
                [value for org in chunk for value in (org.pk, org.path, org.depth)],
            )
