"""`daihoi hall import-return FILE` still merges at once: its output and its refusals
(`[code] reason`, exit status 1 through the CLI) are a contract (README)."""

import pytest
from django.core.management import CommandError, call_command

from daihoi.elections.models import CountedBallot
from daihoi.jobs.models import Job

from .returns import counted_return, with_data_changed


def merge_file(path, capsys) -> str:
    call_command("hall", "import-return", str(path))
    return capsys.readouterr().out


def test_it_merges_at_once_then_says_nothing_changed(
    tmp_path, capsys, congress, counting, election, users
):
    path = tmp_path / "ket-qua.zip"
    path.write_bytes(counted_return(users.east, congress, counting))
    out = merge_file(path, capsys)
    assert f"đã nhận kết quả hội trường cho đại hội #{congress.pk}: " in out
    assert " dòng cập nhật, " in out and " mục nhật ký" in out
    assert CountedBallot.objects.filter(batch__election=election).count() == 3
    again = merge_file(path, capsys)
    assert again.strip() == "kết quả này đã được nhận trước đó, không thay đổi gì"
    assert not Job.objects.exists()


def test_it_refuses_a_tampered_return_with_its_code(tmp_path, congress, counting, election, users):
    path = tmp_path / "ket-qua.zip"
    path.write_bytes(with_data_changed(counted_return(users.east, congress, counting)))
    with pytest.raises(CommandError) as error:
        call_command("hall", "import-return", str(path))
    assert str(error.value).startswith("[data_changed] ")
