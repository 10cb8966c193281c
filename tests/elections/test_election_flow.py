"""A whole election through the services: list, double entry with a difference, result, recount."""

import json

import pytest
from django.core.exceptions import ValidationError

from daihoi.audit.models import AuditEntry
from daihoi.cli_count import main as count_main
from daihoi.elections import entry, lists, results
from daihoi.elections.entry_machine import EntryError
from daihoi.elections.judging import BallotInputError
from daihoi.elections.models import BatchStatus, CountedBallot

# Ballot order is Vietnamese alphabetical by given name: An, Bình, Cường, Dung, Em.
BALLOTS = [[5], [5], [4], [5], [1], [4], [5], [2], [5], [], [1, 2]]


def enter(op, batch, ballots):
    e = entry.start_entry(op, batch)
    for struck in ballots:
        entry.save_ballot(op, e, {"struck": struck})
    return entry.finalise_entry(op, e)


def test_it_orders_the_list_alphabetically_by_given_name(election):
    names = [c.full_name for c in lists.live_candidates(election)]
    assert names == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Quốc Cường",
        "Phạm Thị Dung",
        "Hoàng Văn Em",
    ]


def test_it_reconciles_two_equal_entries_and_elects_above_half(election, counting):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    enter(counting.op1, batch, BALLOTS)
    batch = enter(counting.op2, batch, BALLOTS)
    assert batch.status == BatchStatus.RECONCILED
    result = results.compute_result(election)
    # [] keeps 5 names for 4 seats: invalid (too_many); [1, 2] keeps 3: valid.
    assert (result["collected"], result["valid"], result["invalid"]) == (11, 10, 1)
    assert result["invalid_by_reason"] == {"too_many": 1}
    votes = {c["name"]: c["votes"] for c in result["candidates"]}
    assert votes == {
        "Nguyễn Văn An": 8,
        "Trần Thị Bình": 8,
        "Lê Quốc Cường": 10,
        "Phạm Thị Dung": 8,
        "Hoàng Văn Em": 5,
    }
    # Base 11: 5 votes is not more than half (the portal's worked example); 6 would be.
    assert result["base"] == 11
    assert result["elected"] == ["Lê Quốc Cường", "Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung"]
    assert result["seats_unfilled"] == 0


def test_it_holds_a_batch_whose_entries_differ_until_the_leader_decides(election, counting):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    enter(counting.op1, batch, BALLOTS)
    typo = [list(b) for b in BALLOTS]
    typo[3] = [3]
    batch = enter(counting.op2, batch, typo)
    assert batch.status == BatchStatus.DIFFERENT
    assert not CountedBallot.objects.exists()
    with pytest.raises(EntryError) as err:
        entry.resolve_differences(counting.op1, batch, {4: 1}, "xem lại phiếu")
    assert err.value.code == "not_leader"
    entry.resolve_differences(counting.leader, batch, {4: 1}, "Đối chiếu phiếu gốc: gạch tên số 5")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED
    assert [b.content for b in CountedBallot.objects.order_by("seq")][3] == {"struck": [5]}
    assert AuditEntry.objects.filter(action="batch.reconcile").count() == 1


def test_it_refuses_a_second_entry_by_the_same_operator(election, counting):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    enter(counting.op1, batch, BALLOTS)
    with pytest.raises(EntryError) as err:
        entry.start_entry(counting.op1, batch)
    assert err.value.code == "same_operator"


def test_it_refuses_typing_errors_without_saving(election, counting):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    e = entry.start_entry(counting.op1, batch)
    for bad, code in [
        ({"struck": [6]}, "out_of_range"),
        ({"struck": [2, 2]}, "repeated"),
        ({"marks": {"1": "agree"}}, "wrong_form"),
    ]:
        with pytest.raises(BallotInputError) as err:
            entry.save_ballot(counting.op1, e, bad)
        assert err.value.code == code
    assert e.ballots.count() == 0


def test_it_undoes_the_last_ballot(election, counting):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    e = entry.start_entry(counting.op1, batch)
    entry.save_ballot(counting.op1, e, {"struck": [1]})
    entry.save_ballot(counting.op1, e, {"struck": [2]})
    entry.undo_last_ballot(counting.op1, e)
    assert [b.content for b in e.ballots.all()] == [{"struck": [1]}]


def test_it_refuses_to_publish_before_every_batch_is_reconciled(election, counting, users):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    enter(counting.op1, batch, BALLOTS)
    with pytest.raises(ValidationError, match="0/1"):
        results.publish_result(users.east, election)


def test_it_exports_ballots_that_recount_to_the_same_result(
    election, counting, users, tmp_path, capsys
):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    enter(counting.op1, batch, BALLOTS)
    enter(counting.op2, batch, BALLOTS)
    published = results.publish_result(users.east, election)
    path = tmp_path / "election.json"
    path.write_text(
        json.dumps(results.export_ballots(election), ensure_ascii=False), encoding="utf-8"
    )
    assert count_main([str(path)]) == 0
    recount = json.loads(capsys.readouterr().out)
    for key in ("collected", "valid", "invalid", "elected", "tied_for_last_seat", "seats_unfilled"):
        assert recount[key] == published.data[key], key
    assert [c["votes"] for c in recount["candidates"]] == [
        c["votes"] for c in published.data["candidates"]
    ]


def test_it_locks_the_list_once_approved(election, users):
    with pytest.raises(lists.ListLocked):
        lists.add_candidate(users.east, election, full_name="Vũ Văn Giang")
    lists.unlock_list(users.east, election, "Đại hội biểu quyết bổ sung")
    lists.add_candidate(users.east, election, full_name="Vũ Văn Giang")
    assert AuditEntry.objects.filter(action="election.list_unlock").exists()


def test_it_blocks_a_committee_list_without_surplus(congress, users):
    e = lists.create_election(users.east, congress, kind="committee", title="Bầu BCH", seats=2)
    lists.add_candidate(users.east, e, full_name="Nguyễn Văn An")
    lists.add_candidate(users.east, e, full_name="Trần Thị Bình")
    codes = {f.code for f in lists.list_findings(e)}
    assert "surplus_required" in codes
    with pytest.raises(ValidationError):
        lists.approve_list(users.east, e)
