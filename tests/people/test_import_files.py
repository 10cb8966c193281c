"""Several files (and sheets) as one import: all written or none, each error naming its file,
sheet, row and field; member sheets read by worker processes give what one process gives."""

import csv
import io
import multiprocessing
import signal

import pytest
from django.core.management import CommandError, call_command

from daihoi.audit.models import AuditEntry
from daihoi.organizations.models import Organization
from daihoi.people.excel_template import MEMBER_COLUMNS
from daihoi.people.import_members_stream import worker_pool
from daihoi.people.importing import import_files
from daihoi.people.models import Member
from tests.people.test_import import organization_row, workbook
from tests.people.test_import_national import book, row


def csv_file(path, rows):
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([c.header for c in MEMBER_COLUMNS])
        writer.writerows([str(r.get(c.field) or "") for c in MEMBER_COLUMNS] for r in rows)
    return path


def where(result) -> list[tuple]:
    return [(e.file, e.sheet, e.row, e.field, e.code) for e in result.errors]


@pytest.fixture
def three_files(tmp_path):
    """A tree file with a new cell and members, a CSV and a two-sheet workbook."""
    tree = tmp_path / "to-chuc.xlsx"
    new_cell = organization_row("C019", "X01")
    tree.write_bytes(workbook([new_cell], [row("F1", "C019")]).getvalue())
    members = csv_file(tmp_path / "dong.csv", [row("F2"), row("F3", "C012")])
    sheets = {"DangVien": [row("F4", "C019")], "DangVien 2": [row("F5", "C021")]}
    more = tmp_path / "tay.xlsx"
    more.write_bytes(book(sheets).getvalue())
    return [tree, members, more]


@pytest.mark.parametrize("workers", [1, 2])
def test_several_files_are_one_import(tree, users, three_files, workers):
    result = import_files(three_files, actor=users.province, workers=workers)
    assert result.written and not result.errors
    assert (result.organizations_created, result.members_created) == (1, 5)
    placed = dict(
        Member.objects.filter(code__startswith="F").values_list("code", "organization__code")
    )
    assert placed == {"F1": "C019", "F2": "C011", "F3": "C012", "F4": "C019", "F5": "C021"}
    [entry] = AuditEntry.objects.filter(action="import.members")
    assert len(entry.after["sha256"]) == 3  # each file's digest, in order


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_row_in_the_last_file_writes_nothing_and_names_file_sheet_row_field(
    tree, users, three_files, tmp_path, workers
):
    bad = csv_file(tmp_path / "cuoi.csv", [row("F6"), row("F7", birth_date="31/02/1980")])
    result = import_files([*three_files, bad], actor=users.province, workers=workers)
    assert not result.written
    assert where(result) == [("cuoi.csv", "cuoi.csv", 3, "birth_date", "invalid_date")]
    assert str(result.errors[0]).startswith("cuoi.csv: cuoi.csv!F3 (Ngày sinh): ")
    assert not Member.objects.filter(code__startswith="F").exists()
    assert not Organization.objects.filter(code="C019").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_duplicates_across_files_and_against_the_registry_are_refused(
    tree, users, tmp_path, workers
):
    assert import_files(
        [io.BytesIO(book({"DangVien": [row("R1", citizen_id="001080777777")]}).getvalue())],
        actor=None,
    ).written
    first = csv_file(tmp_path / "a.csv", [row("D1", citizen_id="001080555555"), row("D2")])
    second = tmp_path / "b.xlsx"
    rows = [row("D3", citizen_id="001080555555"), row("D2"), row("D4", citizen_id="001080777777")]
    second.write_bytes(book({"DangVien": rows}).getvalue())
    result = import_files([first, second], actor=users.province, workers=workers)
    assert not result.written
    assert sorted(where(result)) == [
        ("a.csv", "a.csv", 2, "citizen_id", "duplicate_citizen_id"),
        ("a.csv", "a.csv", 3, "code", "duplicate_code"),
        ("b.xlsx", "DangVien", 2, "citizen_id", "duplicate_citizen_id"),
        ("b.xlsx", "DangVien", 3, "code", "duplicate_code"),
        ("b.xlsx", "DangVien", 4, "citizen_id", "citizen_id_taken"),
    ]
    assert "R1" in next(e.message for e in result.errors if e.code == "citizen_id_taken")
    assert not Member.objects.filter(code__startswith="D").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_rows_naming_a_missing_or_outside_organisation_are_refused_once_per_row(
    tree, users, tmp_path, workers
):
    first = csv_file(tmp_path / "a.csv", [row("O1", "C999"), row("O2")])
    second = csv_file(tmp_path / "b.csv", [row("O3", "C021"), row("O4", "C999")])
    result = import_files([first, second], actor=users.east, scope=tree.east, workers=workers)
    assert sorted(where(result)) == [
        ("a.csv", "a.csv", 2, "organization_code", "reference_missing"),
        ("b.csv", "b.csv", 2, "organization_code", "outside_scope"),
        ("b.csv", "b.csv", 3, "organization_code", "reference_missing"),
    ]
    kept = import_files(
        [first, second], actor=users.east, scope=tree.east, workers=workers, only_valid=True
    )
    assert kept.written and kept.members_created == 1 and kept.rejected_xlsx
    assert list(Member.objects.filter(code__startswith="O").values_list("code", flat=True)) == [
        "O2"
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_hostile_file_among_several_is_refused_by_name(tree, users, tmp_path, workers):
    good = csv_file(tmp_path / "a.csv", [row("H1")])
    wide = tmp_path / "rong.csv"
    header = ",".join(c.header for c in MEMBER_COLUMNS)
    wide.write_text(header + "\n" + ",".join(["x"] * 500) + "\n", encoding="utf-8")
    result = import_files([good, wide], actor=users.province, workers=workers)
    assert [(e.file, e.code) for e in result.errors] == [("rong.csv", "range_columns")]
    assert not Member.objects.filter(code="H1").exists()


def test_the_command_imports_several_files_all_or_nothing(tree, users, tmp_path):
    first = csv_file(tmp_path / "a.csv", [row("K1")])
    second = csv_file(tmp_path / "b.csv", [row("K2", "C999")])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_members", str(first), str(second), stdout=out, stderr=err)
    assert caught.value.returncode == 1 and "b.csv: b.csv!Q2" in err.getvalue()
    assert not Member.objects.filter(code__in=["K1", "K2"]).exists()
    csv_file(second, [row("K2")])
    call_command("import_members", str(first), str(second), "--workers", "2", stdout=out)
    assert "đảng viên: 2 mới" in out.getvalue()


@pytest.mark.parametrize("workers", [1, 2])
def test_text_the_copy_format_escapes_arrives_as_written(tree, users, tmp_path, workers):
    # PostgreSQL stages with COPY, whose text format gives backslash sequences (\N, \t, \.)
    # meanings of their own; SQLite with executemany. Both must store the cells as written
    # (tabs and line breaks themselves are spaces once the text is normalised).
    odd = 'Thôn 3 "Bến\\Đò" xã \\N Hòa \\t'
    first = csv_file(tmp_path / "a.csv", [row("T1", hometown=odd, religion="")])
    second = csv_file(tmp_path / "b.csv", [row("T2", hometown="\\.")])
    result = import_files([first, second], actor=users.province, workers=workers)
    assert result.written, result.errors
    stored = dict(Member.objects.filter(code__in=["T1", "T2"]).values_list("code", "hometown"))
    assert stored == {"T1": odd, "T2": "\\."}
    assert Member.objects.get(code="T1").religion == ""


@pytest.fixture
def inside_the_job_worker():
    """SIGTERM caught as `daihoi worker` catches it (finish the job first); a watchdog alarm
    turns a hang into a failure."""

    def overdue(*_args):
        raise TimeoutError("the import's workers never ended")

    previous = signal.signal(signal.SIGTERM, lambda *_args: None)
    previous_alarm = signal.signal(signal.SIGALRM, overdue)
    signal.alarm(90)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous_alarm)
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize("refused", [False, True])
def test_workers_end_inside_a_process_that_catches_sigterm(
    tree, users, tmp_path, inside_the_job_worker, refused
):
    # The refused file makes the pool terminate its workers; the good case closes it.
    first = csv_file(tmp_path / "a.csv", [row("S1")])
    second = csv_file(tmp_path / "b.csv", [row("S2")])
    if refused:
        header = ",".join(c.header for c in MEMBER_COLUMNS)
        second.write_text(header + "\n" + ",".join(["x"] * 500) + "\n", encoding="utf-8")
    result = import_files([first, second], actor=users.province, workers=2)
    assert bool(result.errors) is refused
    assert Member.objects.filter(code="S1").exists() is not refused


def _sigterm_is_default(_):
    return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_the_import_workers_die_on_sigterm_whatever_the_parent_catches(inside_the_job_worker):
    # Pool.terminate ends idle workers with SIGTERM; one that inherited the job worker's
    # handler would keep the import waiting forever.
    with worker_pool(multiprocessing.get_context("fork"), 2) as pool:
        assert pool.map(_sigterm_is_default, range(4)) == [True] * 4
