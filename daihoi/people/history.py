"""Members' history: keeping MemberAssignment in step with Member, and counting on a day.

The open official assignment of an active member always names the member's
current organisation. Writers change Member rows (one UPDATE for a whole merge)
and call `sync_assignments(on=…)`: open rows that no longer match are closed
on that day and new ones opened, each in one set-based statement. A member
created without history gets a first row from the day of admission.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from daihoi.organizations.history import is_current, path_on, valid_on
from daihoi.organizations.models import Organization

from .models import AssignmentKind, Member, MemberAssignment

OFFICIAL = AssignmentKind.OFFICIAL.value
TEMPORARY = AssignmentKind.TEMPORARY.value


def _tables() -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    return (
        quote(Member._meta.db_table),
        quote(MemberAssignment._meta.db_table),
        quote(Organization._meta.db_table),
    )


def _in(column: str, values: Iterable[int]) -> tuple[str, list]:
    values = sorted(set(values))
    if not values:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def _member_scope(
    org_ids: Iterable[int] | None,
    under: str | None,
    member_ids: Iterable[int] | None,
    alias: str = "m",
) -> tuple[str, list]:
    """A WHERE fragment selecting members (rows of the member table under `alias`)."""
    _member, _assignment, org_table = _tables()
    parts, params = [], []
    if org_ids:
        sql, values = _in(f"{alias}.organization_id", org_ids)
        parts.append(sql)
        params += values
    if under is not None:  # "" is every organisation
        parts.append(f"{alias}.organization_id IN (SELECT id FROM {org_table} WHERE path LIKE %s)")
        params.append(under + "%")
    if member_ids:
        sql, values = _in(f"{alias}.id", member_ids)
        parts.append(sql)
        params += values
    return ("(" + " OR ".join(parts) + ")" if parts else "1 = 0"), params


def sync_assignments(
    on: dt.date,
    *,
    org_ids: Iterable[int] | None = None,
    under: str | None = None,
    member_ids: Iterable[int] | None = None,
    reference: str = "",
    transfer_id: int | None = None,
    restructuring_id: int | None = None,
) -> None:
    """Close the open official assignments that no longer match, open the missing ones.

    Scope: members now in these organisations (or under this path, or with these
    ids), and the open assignments of members who were in these organisations.
    """
    member_table, table, _org = _tables()
    scope, params = _member_scope(org_ids, under, member_ids)
    scope2, _same = _member_scope(org_ids, under, member_ids, alias="m2")
    held_in, held_params = _in(f"{table}.organization_id", org_ids or ())
    stale = (
        f"{table}.valid_to IS NULL AND {table}.kind = %s AND ({held_in} OR {table}.member_id IN "
        f"(SELECT m.id FROM {member_table} m WHERE {scope})) AND NOT EXISTS (SELECT 1 FROM "
        f"{member_table} c WHERE c.id = {table}.member_id AND c.organization_id = "
        f"{table}.organization_id AND c.active = %s)"
    )
    stale_params = [OFFICIAL, *held_params, *params, True]
    with connection.cursor() as cursor:
        _refuse_backdating(cursor, stale, stale_params, on)
        cursor.execute(f"UPDATE {table} SET valid_to = %s WHERE {stale}", [on, *stale_params])
        # Joins, not per-row subqueries: a planner with stale statistics right after a
        # bulk load would otherwise scan the whole table once per member.
        cursor.execute(
            f"INSERT INTO {table} (member_id, organization_id, kind, valid_from, valid_to, "
            f"reference, transfer_id, restructuring_id) SELECT m.id, m.organization_id, %s, "
            f"CASE WHEN seen.member_id IS NOT NULL THEN %s WHEN m.admitted_on > %s THEN %s "
            f"ELSE m.admitted_on END, NULL, %s, %s, %s FROM {member_table} m "
            f"LEFT JOIN (SELECT p.member_id, MAX(CASE WHEN p.valid_to IS NULL THEN 1 ELSE 0 END) "
            f"AS still_open FROM {table} p JOIN {member_table} m2 ON m2.id = p.member_id "
            f"WHERE p.kind = %s AND {scope2} GROUP BY p.member_id) seen "
            f"ON seen.member_id = m.id WHERE m.active = %s AND {scope} "
            f"AND (seen.member_id IS NULL OR seen.still_open = 0)",
            [OFFICIAL, on, on, on, reference, transfer_id, restructuring_id, OFFICIAL]
            + params
            + [True]
            + params,
        )


def _refuse_backdating(cursor, stale: str, params: list, on: dt.date) -> None:
    """An open row to close that began after `on` would end before it began."""
    member_table, table, _org = _tables()
    cursor.execute(
        f"SELECT m.full_name, {table}.valid_from FROM {table} JOIN {member_table} m "
        f"ON m.id = {table}.member_id WHERE {stale} AND {table}.valid_from > %s",
        [*params, on],
    )
    late = cursor.fetchone()
    if late:
        since = late[1] if isinstance(late[1], dt.date) else dt.date.fromisoformat(late[1])
        raise ValidationError(
            _(
                "Ngày hiệu lực %(on)s trước ngày %(name)s đến tổ chức hiện nay "
                "(%(since)s): không ghi lùi lịch sử."
            )
            % {"on": f"{on:%d/%m/%Y}", "name": late[0], "since": f"{since:%d/%m/%Y}"}
        )


def move_temporary_attachments(
    from_ids: Iterable[int], to_id: int | None, on: dt.date, restructuring_id: int | None
) -> int:
    """Members attached temporarily to closing organisations follow them to `to_id`
    (or their attachment ends when there is none). Returns how many were open."""
    open_rows = MemberAssignment.objects.filter(
        kind=TEMPORARY, valid_to__isnull=True, organization_id__in=list(from_ids)
    )
    rows = list(open_rows.values("member_id", "transfer_id", "reference"))
    if to_id is not None:
        MemberAssignment.objects.bulk_create(
            MemberAssignment(
                organization_id=to_id,
                kind=TEMPORARY,
                valid_from=on,
                restructuring_id=restructuring_id,
                **row,
            )
            for row in rows
        )
    open_rows.update(valid_to=on)
    return len(rows)


def backfill_assignments() -> None:
    """Give every active member without history a first assignment (migrations, bulk loads)."""
    member_table, table, _org = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (member_id, organization_id, kind, valid_from, valid_to, "
            f"reference) SELECT m.id, m.organization_id, %s, m.admitted_on, NULL, '' "
            f"FROM {member_table} m WHERE m.active = %s AND NOT EXISTS "
            f"(SELECT 1 FROM {table} q WHERE q.member_id = m.id)",
            [OFFICIAL, True],
        )


# ---- reading a day -----------------------------------------------------------------


def official_on(day: dt.date) -> QuerySet[MemberAssignment]:
    return MemberAssignment.objects.filter(valid_on(day), kind=OFFICIAL)


def official_under_on(path: str, day: dt.date) -> QuerySet[MemberAssignment]:
    """Official assignments on `day` to organisations whose path on that day starts with `path`.

    One filter() call, so the version conditions apply to the same joined row.
    """
    return official_on(day).filter(
        valid_on(day, "organization__versions__") & Q(organization__versions__path__startswith=path)
    )


def members_in(org: Organization, as_of: dt.date | None = None) -> QuerySet[Member]:
    """The members of a subtree: today (active, by current path) or on a past day."""
    if is_current(as_of):
        return Member.objects.filter(organization__path__startswith=org.path, active=True)
    path = path_on(org.pk, as_of)
    if path is None:
        return Member.objects.none()
    return Member.objects.filter(pk__in=official_under_on(path, as_of).values("member_id"))
