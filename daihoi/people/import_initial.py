"""The first load of the registry: members written into empty member tables with their
secondary indexes and constraints set aside, then built once, in the import's transaction.

Why: inserting millions of rows into tables with eight indexes each updates every index
row by row (the search-name and citizen ID indexes at random pages, far beyond the
server's cache), and every row queues deferred foreign key checks that run one lookup
each at commit. Building an index from the sorted table once, and checking a foreign
key with one join, costs a fraction of that.

PostgreSQL only, and only when the member and assignment tables are empty: the tables
are locked (ACCESS EXCLUSIVE) from the write until the commit, so nobody reads them
meanwhile, nor the tables their foreign keys point to (organisations, transfers,
restructurings: dropping a foreign key locks both ends), which is acceptable for the
first load of a registry that has no members yet. Every later import, into
a registry with members, takes the ordinary path and locks nothing beyond its rows.
All-or-nothing still holds: PostgreSQL's DDL is transactional, so a failure anywhere
before the commit, including an index or constraint that cannot be rebuilt, rolls the
drops back with the rows, and the tables are as they were.
"""

from contextlib import contextmanager

from django.db import connection

from .models import Member, MemberAssignment

TABLES = (Member, MemberAssignment)
# Memory for the index builds and the foreign key checks, this transaction only: each
# index of 5.6 million rows sorts in memory instead of in temporary files.
MAINTENANCE_WORK_MEM = "1GB"


def _tables() -> list[str]:
    return [connection.ops.quote_name(model._meta.db_table) for model in TABLES]


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# The transaction-level advisory lock every import takes first (an arbitrary constant,
# "dhim"): one import writes the registry at a time.
IMPORT_LOCK = 0x6468696D


def one_import_at_a_time() -> None:
    """Wait for any other import's transaction to end (PostgreSQL; SQLite has one writer).

    Two imports of an empty registry would each read the member tables, then each ask
    to lock them for a first load: a deadlock, one of them failed and retried later.
    Taken before the import reads anything, the advisory lock queues them instead. It
    holds nobody else: readers and single edits never ask for it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def lock_if_empty() -> bool:
    """Are the member tables both empty? If so, they are locked for the rest of the
    transaction first, so that no member can be written between the question and the load.

    Only ever asked on PostgreSQL. A registry with members (every import after the
    first) is asked without a lock and takes no lock here: its readers are never held.
    """
    if connection.vendor != "postgresql" or not _empty():
        return False
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE")
    return _empty()


def _empty() -> bool:
    rows = " UNION ALL ".join(f"(SELECT 1 FROM {t} LIMIT 1)" for t in _tables())
    return not _fetch(rows, [])


def _set_aside(names: list[str]) -> tuple[list[str], list[str]]:
    """(drop statements, rebuild statements) for the tables' unique and foreign key
    constraints and their other indexes; primary keys and checks stay."""
    constraints = _fetch(
        "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f')",
        [names],
    )
    indexes = _fetch(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        [names],
    )
    quote = connection.ops.quote_name
    drops = [f"ALTER TABLE {t} DROP CONSTRAINT {quote(n)}" for t, n, _k, _d in constraints]
    drops += [f"DROP INDEX {name}" for name, _d in indexes]
    # Unique constraints and indexes first, foreign keys last: each foreign key's check
    # is one join, over tables whose indexes are built by then.
    add = [f"ALTER TABLE {t} ADD CONSTRAINT {quote(n)} {d}" for t, n, k, d in constraints]
    unique = [a for a, (_t, _n, kind, _d) in zip(add, constraints, strict=True) if kind == "u"]
    foreign = [a for a, (_t, _n, kind, _d) in zip(add, constraints, strict=True) if kind == "f"]
    return drops, unique + [definition for _n, definition in indexes] + foreign


@contextmanager
def indexes_set_aside():
    """Drop the member tables' secondary indexes and constraints, run the body (the
    load), then build them again; inside the caller's transaction."""
    drops, rebuilds = _set_aside([model._meta.db_table for model in TABLES])
    _run(drops)
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
    _run(rebuilds)
    # Statistics for the first queries on the new registry, rather than plans for empty
    # tables until autovacuum comes by: a sample, about a second whatever the size.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(_tables())}")


def _run(statements: list[str]) -> None:
    """Run DDL on tables the transaction has written: the foreign key checks it deferred
    (the organisations just written) run first, since PostgreSQL alters no table with
    checks pending; later writes are deferred again, as Django declares its keys."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in statements:
            cursor.execute(statement)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
