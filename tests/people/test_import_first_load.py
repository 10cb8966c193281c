"""The first load into an empty registry (import_initial.py): on PostgreSQL the member
tables are locked and their indexes and constraints set aside, then built again inside the
import's transaction. A user sees the same import; a failure leaves the database as it was."""

import pytest
from django.db import IntegrityError, connection, transaction

from daihoi.organizations.models import Organization
from daihoi.people import import_initial, import_stage
from daihoi.people.import_initial import TABLES
from daihoi.people.importing import import_files
from daihoi.people.models import Member, MemberAssignment
from tests.people.test_import import organization_row, workbook
from tests.people.test_import_files import csv_file
from tests.people.test_import_national import row

pytestmark = pytest.mark.django_db
POSTGRES = connection.vendor == "postgresql"
TREE = [
    organization_row("T01", None, "Đảng bộ tỉnh", "Tỉnh, thành phố"),
    organization_row("H01", "T01", "Cấp trên cơ sở", "Huyện"),
    organization_row("X01", "H01", "Cơ sở", "Xã"),
    organization_row("C011", "X01"),
    organization_row("C012", "X01"),
]


def schema() -> dict:
    """Every index and constraint of the member tables, as the database describes them."""
    with connection.cursor() as cursor:
        return {
            model._meta.db_table: connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
            for model in TABLES
        }


@pytest.fixture
def files(tmp_path):
    """The tree in a workbook and members in two CSVs (the last row last)."""
    tree = tmp_path / "to-chuc.xlsx"
    tree.write_bytes(workbook(TREE, [row("M1")]).getvalue())
    first = csv_file(tmp_path / "a.csv", [row(f"M{n}", "C012") for n in range(2, 40)])
    last = csv_file(tmp_path / "b.csv", [row(f"M{n}") for n in range(40, 80)])
    return [tree, first, last]


@pytest.fixture
def set_aside_calls(monkeypatch):
    """How many imports took the first-load path."""
    calls = []
    real = import_initial.indexes_set_aside

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(import_initial, "indexes_set_aside", counted)
    return calls


@pytest.mark.parametrize("workers", [1, 2])
def test_the_first_load_writes_every_member_and_rebuilds_every_index(
    files, workers, set_aside_calls
):
    before = schema()
    result = import_files(files, actor=None, workers=workers)
    assert result.written and not result.errors
    assert (result.organizations_created, result.members_created) == (5, 79)
    assert MemberAssignment.objects.filter(valid_to__isnull=True).count() == 79
    assert Member.objects.get(code="M2").organization.code == "C012"
    assert schema() == before
    assert len(set_aside_calls) == (1 if POSTGRES else 0)


def test_the_rebuilt_unique_constraint_and_foreign_keys_hold(files):
    assert import_files(files, actor=None).written
    taken = Member.objects.get(code="M1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(**{**_fields(taken), "code": "M1"})
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(**{**_fields(taken), "code": "M0", "organization_id": 10**9})
        connection.check_constraints()  # deferred foreign keys, checked now and not at commit


def _fields(member: Member) -> dict:
    return {f.attname: getattr(member, f.attname) for f in Member._meta.concrete_fields[1:]}


def test_an_error_in_the_last_row_of_the_last_file_leaves_the_database_as_it_was(files, tmp_path):
    before = schema()
    rows = [row(f"M{n}") for n in range(40, 79)] + [row("M79", birth_date="31/02/1980")]
    files[-1] = csv_file(tmp_path / "b.csv", rows)
    result = import_files(files, actor=None, workers=2)
    assert not result.written
    assert [(e.file, e.row, e.field, e.code) for e in result.errors] == [
        ("b.csv", 41, "birth_date", "invalid_date")
    ]
    assert not Member.objects.exists() and not Organization.objects.exists()
    assert schema() == before


def test_a_failure_after_the_indexes_were_dropped_rolls_the_drops_back(files, monkeypatch):
    before, seen = schema(), []
    write = import_stage.write_members

    def fail(*args, **kwargs):  # the members are in, their indexes not yet rebuilt
        write(*args, **kwargs)
        seen.append((Member.objects.count(), schema()))
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(import_stage, "write_members", fail)
    with pytest.raises(RuntimeError):
        import_files(files, actor=None)
    [(written, during)] = seen
    assert written == 79
    assert (during != before) == POSTGRES  # set aside on PostgreSQL
    assert not Member.objects.exists() and not MemberAssignment.objects.exists()
    assert not Organization.objects.exists()
    assert schema() == before


def test_a_registry_with_members_takes_the_ordinary_path(files, tmp_path, set_aside_calls):
    assert import_files(files, actor=None).written
    before = schema()
    more = csv_file(tmp_path / "c.csv", [row("M80"), row("M1", "C011", given_name="Hà")])
    result = import_files([more], actor=None)
    assert (result.members_created, result.members_updated) == (1, 1)
    assert Member.objects.get(code="M1").given_name == "Hà"
    assert len(set_aside_calls) == (1 if POSTGRES else 0)  # the first import only
    assert schema() == before


@pytest.mark.skipif(not POSTGRES, reason="the first-load path is PostgreSQL's")
def test_the_lock_is_taken_only_on_an_empty_registry(files):
    with transaction.atomic():
        assert import_initial.lock_if_empty()
    assert import_files(files, actor=None).written
    with transaction.atomic():
        assert not import_initial.lock_if_empty()


@pytest.mark.skipif(not POSTGRES, reason="the first-load path is PostgreSQL's")
def test_a_registry_with_members_is_asked_without_locking_it(members):
    """Every import after the first asks too: its readers must not wait for the answer."""
    with transaction.atomic():
        assert not import_initial.lock_if_empty()
        assert _exclusive_locks() == set()


def _exclusive_locks() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relation::regclass::text FROM pg_locks WHERE pid = pg_backend_pid() "
            "AND mode = 'AccessExclusiveLock' AND relation = ANY(%s::regclass[])",
            [[model._meta.db_table for model in TABLES]],
        )
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.skipif(not POSTGRES, reason="the advisory lock is PostgreSQL's")
def test_imports_queue_behind_each_other_instead_of_deadlocking(files):
    """Two imports of an empty registry, each reading the member tables before locking them
    for a first load, would deadlock: every import waits for the advisory lock first."""
    with transaction.atomic():
        import_initial.one_import_at_a_time()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() "
                "AND locktype = 'advisory' AND objid = %s",
                [import_initial.IMPORT_LOCK],
            )
            assert cursor.fetchone()[0] == 1
