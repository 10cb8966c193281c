"""The tree's history: keeping OrganizationVersion in step with Organization, and reading a day.

Writers change the Organization rows (today's state, which the fast queries
read) and then call `sync_versions(on=…)` for the rows they touched: every open
version that no longer matches its organisation is closed on that day, and a
new open version copies the organisation as it now stands. Both are single
set-based statements (UPDATE … WHERE EXISTS, INSERT … SELECT) on SQLite and
PostgreSQL alike, so moving a subtree of hundreds of units costs two
statements, not a save per row.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import HISTORY_START, Organization, OrganizationVersion

# Columns a version copies from its organisation; a difference in any closes it.
TRACKED = ("parent_id", "path", "depth", "name", "level", "kind", "active")


def today() -> dt.date:
    return timezone.localdate()


def is_current(as_of: dt.date | None) -> bool:
    """True when a question about `as_of` is a question about today (the fast path)."""
    return as_of is None or as_of >= today()


def _scope_sql(ids: Iterable[int] | None, under: str | Iterable[str] | None) -> tuple[str, list]:
    """A WHERE fragment on the organisation table (alias o) for ids and/or path prefixes."""
    parts, params = [], []
    ids = sorted(set(ids or ()))
    if ids:
        parts.append(f"o.id IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    prefixes = [under] if isinstance(under, str) else sorted(set(under or ()))
    for prefix in prefixes:  # "" is every organisation
        parts.append("o.path LIKE %s")
        params.append(prefix + "%")  # paths hold digits and dots only: no LIKE wildcards
    if not parts:
        return "1 = 0", []
    return "(" + " OR ".join(parts) + ")", params


def _tables() -> tuple[str, str]:
    quote = connection.ops.quote_name
    return quote(Organization._meta.db_table), quote(OrganizationVersion._meta.db_table)


def _differs(org: str, version: str) -> str:
    tests = [f"{org}.{c} <> {version}.{c}" for c in TRACKED if c != "parent_id"]
    tests.append(f"COALESCE({org}.parent_id, 0) <> COALESCE({version}.parent_id, 0)")
    return "(" + " OR ".join(tests) + ")"


def sync_versions(
    on: dt.date,
    *,
    ids: Iterable[int] | None = None,
    under: str | Iterable[str] | None = None,
    restructuring_id: int | None = None,
) -> None:
    """Bring the versions of the organisations in scope up to date as of `on`.

    Refuses (ValidationError) to close a version that opened after `on`: a change
    cannot be dated before the last change of the same organisation.
    """
    org_table, version_table = _tables()
    scope, params = _scope_sql(ids, under)
    stale = (
        f"{version_table}.valid_to IS NULL AND {version_table}.organization_id IN "
        f"(SELECT o.id FROM {org_table} o WHERE {scope}) AND EXISTS (SELECT 1 FROM {org_table} c "
        f"WHERE c.id = {version_table}.organization_id AND {_differs('c', version_table)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {version_table}.name, {version_table}.valid_from FROM {version_table} "
            f"WHERE {stale} AND {version_table}.valid_from > %s",
            [*params, on],
        )
        late = cursor.fetchone()
        if late:
            raise ValidationError(
                _(
                    "Ngày hiệu lực %(on)s trước lần thay đổi gần nhất của %(name)s "
                    "(%(since)s): không ghi lùi lịch sử."
                )
                % {"on": f"{on:%d/%m/%Y}", "name": late[0], "since": _date_text(late[1])}
            )
        cursor.execute(f"UPDATE {version_table} SET valid_to = %s WHERE {stale}", [on, *params])
        columns = ", ".join(TRACKED)
        selected = ", ".join(f"o.{c}" for c in TRACKED)
        # A join, not a per-row subquery (see people.history.sync_assignments).
        cursor.execute(
            f"INSERT INTO {version_table} (organization_id, valid_from, valid_to, {columns}, "
            f"restructuring_id) SELECT o.id, CASE WHEN seen.organization_id IS NOT NULL THEN %s "
            f"WHEN o.founded_on IS NULL THEN %s WHEN o.founded_on > %s THEN %s "
            f"ELSE o.founded_on END, NULL, {selected}, %s FROM {org_table} o LEFT JOIN "
            f"(SELECT p.organization_id, MAX(CASE WHEN p.valid_to IS NULL THEN 1 ELSE 0 END) "
            f"AS still_open FROM {version_table} p GROUP BY p.organization_id) seen "
            f"ON seen.organization_id = o.id WHERE {scope} "
            f"AND (seen.organization_id IS NULL OR seen.still_open = 0)",
            [on, HISTORY_START, on, on, restructuring_id, *params],
        )


def backfill_versions() -> None:
    """Give every organisation without history its first version (migrations, bulk loads)."""
    org_table, version_table = _tables()
    columns = ", ".join(TRACKED)
    selected = ", ".join(f"o.{c}" for c in TRACKED)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {version_table} (organization_id, valid_from, valid_to, {columns}) "
            f"SELECT o.id, COALESCE(o.founded_on, %s), NULL, {selected} FROM {org_table} o "
            f"WHERE NOT EXISTS (SELECT 1 FROM {version_table} q WHERE q.organization_id = o.id)",
            [HISTORY_START],
        )


def analyze() -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load (the history queries join
    big tables; with a never-analysed table the planner guesses it empty)."""
    if connection.vendor != "postgresql":
        return
    from daihoi.people.models import Member, MemberAssignment

    tables = [Organization, OrganizationVersion, Member, MemberAssignment]
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _date_text(value) -> str:
    if isinstance(value, str):  # SQLite hands dates back as text from a raw cursor
        value = dt.date.fromisoformat(value)
    return f"{value:%d/%m/%Y}"


# ---- reading a day -----------------------------------------------------------------


def valid_on(day: dt.date, prefix: str = "") -> Q:
    """Rows valid on `day`: valid_from <= day < valid_to (NULL = still open)."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def versions_on(day: dt.date) -> QuerySet[OrganizationVersion]:
    return OrganizationVersion.objects.filter(valid_on(day))


def version_on(pk: int, day: dt.date) -> OrganizationVersion | None:
    return (
        versions_on(day)
        .filter(organization_id=pk)
        .select_related("organization")
        .order_by("-valid_from", "-id")
        .first()
    )


def organization_on(pk: int, day: dt.date) -> Organization | None:
    """The organisation as it stood on `day` (an unsaved copy), or None if it did not exist."""
    version = version_on(pk, day)
    return version.as_organization() if version else None


def path_on(pk: int, day: dt.date) -> str | None:
    if is_current(day):
        return Organization.objects.filter(pk=pk).values_list("path", flat=True).first()
    return versions_on(day).filter(organization_id=pk).values_list("path", flat=True).first()


def history_of(org: Organization) -> list[OrganizationVersion]:
    """Every version of one organisation, oldest first, with its decision."""
    return list(org.versions.select_related("parent", "restructuring").order_by("valid_from", "id"))
