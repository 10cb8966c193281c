"""`daihoi scan ELECTION FILES…` with a scripted reader (one process; see test_real_scans for the pool)."""

import io

import pytest
from django.core.management import CommandError, call_command

from daihoi.cli import main as cli_main
from daihoi.elections import lists
from daihoi.scanning.models import ScanBatch, ScanStatus
from daihoi.scanning.omr.types import PageStatus as ReaderStatus
from tests.scanning.conftest import png, rejected, struck_page


@pytest.fixture
def scans(tmp_path):
    folder = tmp_path / "hom1"
    folder.mkdir()
    for i in range(1, 4):
        (folder / f"p{i:02d}.png").write_bytes(png(i))
    (folder / "ghi-chu.txt").write_text("không phải ảnh")
    return folder


def run(*args, **options):
    out = io.StringIO()
    call_command("scan", *map(str, args), stdout=out, **options)
    return out.getvalue()


def test_it_reads_a_folder_and_prints_a_summary(batch, counting, fake_reader, scans):
    fake_reader.extend(
        [
            struck_page([5]),
            rejected(ReaderStatus.WRONG_BALLOT, "Phiếu của cuộc bầu khác."),
            struck_page([2], uncertain=[2, 3]),
        ]
    )
    out = run(batch.election.pk, scans, workers=1)
    scan = ScanBatch.objects.get()
    assert (scan.status, scan.uploaded_by, scan.files) == (
        ScanStatus.NEEDS_REVIEW,
        counting.leader,
        ["p01.png", "p02.png", "p03.png"],
    )
    assert "hòm 1: 3 trang, 1 tiến trình" in out
    assert "! trang 2 (p02.png · 1): Phiếu của cuộc bầu khác" in out
    assert "Phiếu đọc được: 2" in out
    assert "Trang bị loại: 1" in out and "Phiếu của cuộc bầu khác: 1 (trang 2)" in out
    assert "Dòng cần người quyết định: 2 (trên 1 phiếu)" in out
    assert f"/scanning/{scan.pk}/" in out


def test_it_needs_the_box_when_the_election_has_several(batch, counting, scans):
    from daihoi.elections import entry

    entry.create_batch(None, batch.election, team=counting.team, number=2)
    with pytest.raises(CommandError, match="--batch"):
        run(batch.election.pk, scans)
    with pytest.raises(CommandError, match="không có hòm phiếu số 7"):
        run(batch.election.pk, scans, batch=7)


def test_it_refuses_a_round_the_election_does_not_have(batch, scans):
    with pytest.raises(CommandError, match="không có lần bầu 2"):
        run(batch.election.pk, scans, round=2)


def test_it_refuses_a_user_outside_the_team(batch, users, scans):
    with pytest.raises(CommandError, match="không thuộc tổ kiểm phiếu"):
        run(batch.election.pk, scans, user="dong")


def test_a_corrupt_file_stores_nothing(batch, tmp_path):
    broken = tmp_path / "hom1.pdf"
    broken.write_bytes(b"%PDF-1.5\n1 0 obj broken")
    with pytest.raises(CommandError, match="hom1.pdf"):
        run(batch.election.pk, broken)
    assert not ScanBatch.objects.exists()


def test_an_unlocked_list_cannot_be_scanned(batch, users, scans):
    lists.unlock_list(users.east, batch.election, "Sửa danh sách")
    with pytest.raises(CommandError, match="chưa được biểu quyết"):
        run(batch.election.pk, scans)


def test_the_console_script_forwards_scan_to_the_command(batch, fake_reader, scans, capsys):
    fake_reader.extend([struck_page([5]) for _ in range(3)])
    cli_main(["scan", str(batch.election.pk), str(scans), "--workers", "1"])
    assert "Phiếu đọc được: 3" in capsys.readouterr().out
