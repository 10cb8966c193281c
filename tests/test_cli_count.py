"""`daihoi count FILE...` on hand-crafted files in tests/data/count/."""

import json
from pathlib import Path

import pytest

from daihoi.cli_count import main

DATA = Path(__file__).parent / "data" / "count"


def run(capsys, *names: str) -> tuple[int, list[dict], list[str]]:
    status = main([str(DATA / name) if name.endswith(".json") else name for name in names])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err.splitlines()


def votes(result: dict) -> list[int]:
    return [row["votes"] for row in result["candidates"]]


def test_it_counts_a_strike_through_election(capsys):
    """QĐ 190-QĐ/TW 2024, Điều 15 and 30: 12 collected, 3 invalid, 3 of 5 elected."""
    status, [result], err = run(capsys, "strike.json")
    assert (status, err) == (0, [])
    assert (result["collected"], result["valid"], result["invalid"]) == (12, 9, 3)
    assert result["invalid_by_reason"] == {"all_struck": 1, "signed_or_marked": 1, "too_many": 1}
    assert votes(result) == [8, 7, 7, 1, 2]
    assert result["elected"] == ["Trần Văn Bình", "Lê Thị Anh", "Nguyễn Văn Cường"]
    assert result["candidates"][0] == {
        "position": 1,
        "name": "Trần Văn Bình",
        "votes": 8,
        "percent_of_base": 66.67,
        "percent_of_valid": 88.89,
        "elected": True,
    }
    assert (result["tied_for_last_seat"], result["seats_unfilled"]) == ([], 0)


def test_it_counts_a_box_election_and_reads_a_missing_row_as_none(capsys):
    """QĐ 244-QĐ/TW 2014, Điều 17.2, 32.1: both/neither rows give no vote; electing nobody on
    a multi-name list is invalid (our reading)."""
    status, [result], _ = run(capsys, "boxes.json")
    assert status == 0
    assert (result["collected"], result["valid"], result["invalid"]) == (10, 7, 3)
    assert result["invalid_by_reason"] == {"elects_nobody": 2, "not_issued": 1}
    assert votes(result) == [7, 4, 6]
    assert result["elected"] == ["Đỗ Văn Hùng", "Bùi Văn Minh"]
    assert result["seats_unfilled"] == 1


def test_it_counts_a_single_candidate_against_the_whole_base(capsys):
    """Điều lệ Đảng, Điều 12.3: 6 of base 11 (10 present) elects; both/neither is invalid."""
    status, [result], _ = run(capsys, "single.json")
    assert status == 0
    assert result["invalid_by_reason"] == {"single_not_marked_once": 2}
    assert result["candidates"][0]["votes"] == 6
    assert result["candidates"][0]["percent_of_base"] == 54.55
    assert result["candidates"][0]["percent_of_valid"] == 75.0
    assert result["elected"] == ["Ngô Thị Hạnh"]


def test_it_declares_none_of_a_tie_for_the_last_seat(capsys):
    status, [result], _ = run(capsys, "tie.json")
    assert status == 0
    assert votes(result) == [5, 4, 4, 1]
    assert result["elected"] == ["Lê Văn An"]
    assert result["tied_for_last_seat"] == ["Trần Thị Bình", "Phạm Văn Cường"]
    assert result["seats_unfilled"] == 1


def test_it_reports_a_shortfall(capsys):
    status, [result], _ = run(capsys, "shortfall.json")
    assert status == 0
    assert votes(result) == [6, 4, 4, 4]
    assert result["elected"] == ["Lê Văn An"]
    assert result["seats_unfilled"] == 2


def test_it_prints_one_line_per_file_in_argument_order(capsys):
    status, results, _ = run(capsys, "tie.json", "strike.json", "tie.json")
    assert status == 0
    assert [r["collected"] for r in results] == [7, 12, 7]


MALFORMED = [
    ("malformed_unknown_key.json", "unknown key 'seat'"),
    ("malformed_ballot_key.json", "ballot 2: unknown key 'note'"),
    ("malformed_out_of_range.json", "ballot 3: position 4 is outside 1..3"),
    ("malformed_repeated.json", "ballot 1: position 2 is struck twice"),
    ("malformed_wrong_form.json", "ballot 2: a 'marks' ballot"),
    ("malformed_duplicate_names.json", "candidate 3"),
    ("malformed_seats.json", "seats must be at least 1"),
    ("malformed_bad_json.json", "bad JSON"),
]


@pytest.mark.parametrize(("name", "words"), MALFORMED)
def test_it_reports_a_malformed_file_once_on_stderr_and_exits_2(capsys, name, words):
    status, results, err = run(capsys, name)
    assert status == 2
    assert results == []
    assert len(err) == 1
    assert err[0].startswith(str(DATA / name) + ": ")
    assert words in err[0]


def test_it_still_counts_the_good_files_around_a_bad_one(capsys):
    status, results, err = run(capsys, "strike.json", "malformed_out_of_range.json", "tie.json")
    assert status == 2
    assert [r["collected"] for r in results] == [12, 7]
    assert len(err) == 1 and "malformed_out_of_range.json: ballot 3" in err[0]


def test_it_reports_a_missing_file(capsys, tmp_path):
    status, results, err = run(capsys, str(tmp_path / "nowhere.json"))
    assert (status, results) == (2, [])
    assert "nowhere.json: cannot read the file" in err[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"seats": 1, "seats": 2}', "duplicate key 'seats'"),
        ('{"seats": NaN}', "NaN"),
        ("", "bad JSON"),
        (b"\xff\xfe", "cannot read"),
    ],
)
def test_it_refuses_json_that_hides_or_mangles_an_entry(capsys, tmp_path, text, words):
    path = tmp_path / "count.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    status, _, err = run(capsys, str(path))
    assert status == 2
    assert words in err[0]


def test_it_prints_usage_without_files(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
    assert main(["--help"]) == 0
    assert "usage" in capsys.readouterr().out


def test_the_daihoi_console_script_dispatches_to_count(capsys):
    from daihoi.cli import main as daihoi_main

    assert daihoi_main(["count", str(DATA / "tie.json")]) == 0
    assert json.loads(capsys.readouterr().out)["seats_unfilled"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000 + "]" * 200_000,
        '{"rules": "2024", "ballots": [{"struck": ' + "[" * 50_000 + "]" * 50_000 + "}]}",
        '{"a":' * 100_000 + "1" + "}" * 100_000,
    ],
    ids=["deep-list", "deep-in-a-ballot", "deep-object"],
)
def test_it_names_a_deeply_nested_file_and_counts_the_files_after_it(tmp_path, text):
    """Issue 16.7: the real console script, so the crash would show as exit 1 and a traceback."""
    import subprocess
    import sys

    bomb = tmp_path / "bomb.json"
    bomb.write_text(text)
    script = Path(sys.executable).parent / "daihoi"
    done = subprocess.run(
        [str(script), "count", str(bomb), str(DATA / "tie.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"{bomb}: bad JSON: nested too deeply"]
    [result] = [json.loads(line) for line in done.stdout.splitlines()]
    assert result["seats_unfilled"] == 1
