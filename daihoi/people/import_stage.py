"""The members of an import, staged in a temporary table: checked across rows and against
the whole registry in SQL, then written with a handful of set-based statements.

Rows that pass their own checks stream into the stage in batches: PostgreSQL's
COPY, or one executemany per batch on SQLite. What needs every row at once is
then a query each (duplicate codes, citizen ID or party card numbers in the
file or held by another member in the registry; members outside the scope or
in another organisation), and the write is one INSERT … SELECT for new members,
one for their first assignment, and one UPDATE … FROM for the others. No row is
held in Python's memory, and nothing is written outside the caller's transaction.
"""

import datetime as dt

from django.db import connection

from daihoi.organizations.models import Organization

from .models import AssignmentKind, Member, MemberAssignment

STAGE = "people_import_stage"
WORK_MEM = "256MB"
SQLITE_CACHE_KB = 128 * 1024
# Member columns the stage carries, in COPY order.
MEMBER_COLUMNS = [
    "code",
    "family_name",
    "middle_name",
    "given_name",
    "full_name",
    "search_name",
    "gender",
    "birth_date",
    "birth_year_only",
    "ethnicity",
    "religion",
    "hometown",
    "citizen_id",
    "party_card_number",
    "admitted_on",
    "full_member_on",
    "status",
    "general_education",
    "education",
    "political_theory",
]
KEY_COLUMNS = ["sheet_no", "row_no"]
# The organisation as the row names it. Each code is checked once (MemberStream.
# _organization_failures); the writes join it to its organisation's id, so no pass rewrites
# every staged row to set an id.
CODE_COLUMN = "organization_code"
STAGED_COLUMNS = [*KEY_COLUMNS, *MEMBER_COLUMNS, CODE_COLUMN]
NAME_COLUMNS = ["family_name", "middle_name", "given_name", "full_name", "search_name"]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _types() -> dict[str, str]:
    types = {name: "varchar(200)" for name in MEMBER_COLUMNS}
    types.update(
        birth_date="date",
        admitted_on="date",
        full_member_on="date",
        birth_year_only="boolean",
    )
    return types


def create_stage() -> None:
    types = _types()
    columns = ", ".join(f"{name} {types[name]}" for name in MEMBER_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # For this transaction only: the checks' GROUP BYs and the insert's ORDER BY
            # over millions of staged rows sort in memory rather than in files.
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        else:
            # SQLite's page cache for this connection (2 MB by default): the stage and the
            # member table's indexes stay in memory while millions of rows go in.
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} (sheet_no integer, row_no integer, "
            f"existing_id bigint, {columns}, {CODE_COLUMN} varchar(32))"
        )


def drop_stage() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")


def stage_rows(rows: list[tuple]) -> None:
    """Append rows (sheet_no, row_no, *MEMBER_COLUMNS, organization_code) to the stage."""
    if not rows:
        return
    names = ", ".join(STAGED_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(STAGED_COLUMNS))
            cursor.executemany(f"INSERT INTO {STAGE} ({names}) VALUES ({marks})", rows)


def index_stage() -> int:
    """After loading: find existing members by code, and index what the checks join on.
    Returns how many staged rows are members already in the registry."""
    member = _q(Member._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX {STAGE}_code ON {STAGE} (code)")
        # A join, not a subquery per staged row: only the members already there are touched.
        cursor.execute(
            f"UPDATE {STAGE} SET existing_id = m.id FROM {member} m WHERE m.code = {STAGE}.code"
        )
        existing = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {STAGE}")
    return existing


def _fetch(sql: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def duplicates_in_file(column: str) -> list[tuple]:
    """(value, code, sheet_no, row_no) of every staged row whose `column` a staged row of
    another member shares (a row repeated whole is the duplicate code's to report)."""
    return _fetch(
        f"SELECT s.{column}, s.code, s.sheet_no, s.row_no FROM {STAGE} s JOIN (SELECT {column} "
        f"FROM {STAGE} WHERE {column} <> '' GROUP BY {column} HAVING COUNT(DISTINCT code) > 1"
        f" OR ('{column}' = 'code' AND COUNT(*) > 1)) d ON d.{column} = s.{column} "
        f"ORDER BY s.{column}, s.sheet_no, s.row_no"
    )


def held_elsewhere(column: str) -> list[tuple]:
    """(sheet_no, row_no, value, other member's code): the value belongs to another member
    of the registry who is not in this file."""
    member = _q(Member._meta.db_table)
    return _fetch(
        f"SELECT s.sheet_no, s.row_no, s.{column}, m.code FROM {STAGE} s JOIN {member} m "
        f"ON m.{column} = s.{column} WHERE s.{column} <> '' AND m.code <> s.code "
        f"AND NOT EXISTS (SELECT 1 FROM {STAGE} x WHERE x.code = m.code)"
    )


def existing_conflicts(scope_path: str | None) -> list[tuple]:
    """(sheet_no, row_no, code, current organisation code, inside scope) for members already
    in the registry who sit in another organisation or outside the scope."""
    member, org = _q(Member._meta.db_table), _q(Organization._meta.db_table)
    return _fetch(
        f"SELECT s.sheet_no, s.row_no, s.code, o.code, o.path LIKE %s FROM {STAGE} s "
        f"JOIN {member} m ON m.id = s.existing_id JOIN {org} o ON o.id = m.organization_id "
        f"JOIN {org} named ON named.code = s.{CODE_COLUMN} "
        f"WHERE m.organization_id <> named.id OR o.path NOT LIKE %s",
        [(scope_path or "") + "%"] * 2,
    )


def staged_codes() -> list[str]:
    """The organisation codes the staged rows name, each once."""
    return [code for (code,) in _fetch(f"SELECT DISTINCT {CODE_COLUMN} FROM {STAGE}")]


def rows_naming(codes: list[str]) -> list[tuple]:
    """(sheet_no, row_no, organisation code) of the staged rows naming one of `codes`."""
    found = []
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        marks = ", ".join(["%s"] * len(chunk))
        found += _fetch(
            f"SELECT sheet_no, row_no, {CODE_COLUMN} FROM {STAGE} WHERE {CODE_COLUMN} IN ({marks})",
            chunk,
        )
    return found


def discard_naming(codes: list[str]) -> None:
    """Take the rows naming one of `codes` out of the stage."""
    with connection.cursor() as cursor:
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {STAGE} WHERE {CODE_COLUMN} IN ({marks})", chunk)


def discard(keys: set[tuple[int, int]]) -> None:
    """Take these (sheet_no, row_no) rows out of the stage (they go to the rejected file)."""
    keys = sorted(keys)
    with connection.cursor() as cursor:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            where = " OR ".join(["(sheet_no = %s AND row_no = %s)"] * len(chunk))
            cursor.execute(f"DELETE FROM {STAGE} WHERE {where}", [v for k in chunk for v in k])


def write_members(provided: set[str], on: dt.date, existing: bool = True) -> tuple[int, int]:
    """Insert the new members with their first assignment, update the others' provided
    fields (when the stage has any: `existing`); return (created, updated)."""
    member, assignment = _q(Member._meta.db_table), _q(MemberAssignment._meta.db_table)
    org = _q(Organization._meta.db_table)
    names = ", ".join(MEMBER_COLUMNS)
    staged = ", ".join(f"s.{c}" for c in MEMBER_COLUMNS)
    updated = [c for c in MEMBER_COLUMNS if c in provided or c in NAME_COLUMNS]
    updated = [c for c in updated if c != "code"]
    insert = (
        f"INSERT INTO {member} ({names}, organization_id, active) SELECT {staged}, o.id, %s "
        f"FROM {STAGE} s JOIN {org} o ON o.code = s.{CODE_COLUMN} "
        f"WHERE s.existing_id IS NULL ORDER BY s.sheet_no, s.row_no"
    )
    # The history a member created without one gets (history.sync_assignments): an
    # open official assignment from admission, or from today if admission is later.
    first = (
        f"INSERT INTO {assignment} (member_id, organization_id, kind, valid_from, valid_to, "
        f"reference, transfer_id, restructuring_id) SELECT m.id, m.organization_id, %s, "
        f"CASE WHEN m.admitted_on > %s THEN %s ELSE m.admitted_on END, NULL, '', NULL, NULL "
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The new rows straight from the insert (RETURNING), not found again by code.
            returned = f"RETURNING id, organization_id, admitted_on) {first} FROM m"
            cursor.execute(
                f"WITH m AS ({insert} {returned}", [True, AssignmentKind.OFFICIAL.value, on, on]
            )
            created = cursor.rowcount
        else:
            cursor.execute(insert, [True])
            created = cursor.rowcount
            cursor.execute(
                f"{first} FROM {member} m JOIN {STAGE} s ON s.code = m.code "
                f"WHERE s.existing_id IS NULL",
                [AssignmentKind.OFFICIAL.value, on, on],
            )
        if not existing:  # a file of new members only: the update would scan the stage for none
            return created, 0
        sets = ", ".join(f"{c} = s.{c}" for c in updated)
        cursor.execute(
            f"UPDATE {member} SET {sets} FROM {STAGE} s WHERE {member}.id = s.existing_id"
        )
        updated_count = cursor.rowcount
    return created, updated_count
