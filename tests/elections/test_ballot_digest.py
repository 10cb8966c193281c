"""Issue 15.7: every typed ballot, undo and leader decision is in a per-box digest that the
audit chain records at reconciliation and publication; `daihoi audit verify` recomputes it
from the ballot tables and names the first box and ballot that differ."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.audit.models import AuditEntry
from daihoi.audit.verify import verify_chain
from daihoi.elections import entry, results
from daihoi.elections.ballot_digest import batch_leaves, root_of
from daihoi.elections.models import (
    BallotDecision,
    BatchEntry,
    CountedBallot,
    EnteredBallot,
    UndoneBallot,
)
from tests.elections.conftest import name_the_signers

BALLOTS = [[5], [5], [4], [5], [1], [4], [5], [2], [5], [], [1, 2]]


def enter(op, batch, ballots, undo_at=None):
    e = entry.start_entry(op, batch)
    for i, struck in enumerate(ballots, 1):
        if i == undo_at:  # a slip of the finger, taken back with "-"
            entry.save_ballot(op, e, {"struck": [1, 2, 3]})
            entry.undo_last_ballot(op, e)
        entry.save_ballot(op, e, {"struck": struck})
    return entry.finalise_entry(op, e)


@pytest.fixture
def counted(election, counting):
    """Box 1: agreed; box 2: a difference at ballot 4 decided by the leader, an undo at 6."""
    one = entry.create_batch(None, election, team=counting.team, number=1)
    enter(counting.op1, one, BALLOTS)
    enter(counting.op2, one, BALLOTS)
    two = entry.create_batch(None, election, team=counting.team, number=2)
    enter(counting.op1, two, BALLOTS, undo_at=6)
    typo = [list(b) for b in BALLOTS]
    typo[3] = [3]
    enter(counting.op2, two, typo)
    entry.resolve_differences(counting.leader, two, {4: 1}, "Đối chiếu phiếu gốc")
    return one, two


def only_problem(**where):
    report = verify_chain()
    assert len(report.problems) == 1, report.problems
    problem = report.problems[0]
    for name, value in where.items():
        assert getattr(problem, name) == value, (name, problem)
    return problem


def test_each_reconciled_box_is_sealed_into_the_chain(counted):
    one, two = counted
    seals = AuditEntry.objects.filter(action="batch.seal").order_by("seq")
    assert [s.object_id for s in seals] == [str(one.pk), str(two.pk)]
    assert seals[1].after["root"] == root_of(batch_leaves(two))
    assert verify_chain().ok


def test_it_seals_a_decided_box_from_the_rows_in_hand_as_the_tables_hold_them(election, counting):
    # The reconcile builds the digest from the rows it has just written (issue 17.3):
    # the leaves must be exactly those the tables give afterwards, here with several
    # decisions, an extra ballot decided away and a reason longer than its column.
    box = entry.create_batch(None, election, team=counting.team, number=3)
    enter(counting.op1, box, BALLOTS, undo_at=2)
    typo = [list(b) for b in BALLOTS] + [[5]]
    typo[0], typo[7] = [3], [1]
    enter(counting.op2, box, typo)
    choices = {1: 2, 8: 1, 12: 1}
    entry.resolve_differences(counting.leader, box, choices, "Đối chiếu " * 40)
    assert BallotDecision.objects.filter(batch=box).count() == 3
    assert CountedBallot.objects.filter(batch=box).count() == len(BALLOTS)
    seal = box.seals.get()
    assert seal.leaves == batch_leaves(box)
    assert seal.root == root_of(batch_leaves(box))
    assert verify_chain().ok


def test_an_undo_leaves_a_record_in_the_digest(counted):
    _, two = counted
    undone = UndoneBallot.objects.get(entry__batch=two)
    assert (undone.seq, undone.content) == (6, {"struck": [1, 2, 3]})
    undone.delete()
    problem = only_problem(code="ballot_deleted", box=2, ballot=6)
    assert "hòm 2" in problem.message and "phiếu hoàn tác số 6" in problem.message


def test_it_detects_an_edited_typed_ballot(counted):
    _, two = counted
    e2 = BatchEntry.objects.get(batch=two, slot=2)
    EnteredBallot.objects.filter(entry=e2, seq=9).update(content={"struck": [1]})
    problem = only_problem(code="ballot_edited", box=2, ballot=9)
    assert "lần nhập 2, phiếu số 9" in problem.message


def test_it_detects_an_edited_counted_ballot(counted):
    one, _ = counted
    CountedBallot.objects.filter(batch=one, seq=7).update(content={"struck": [2]})
    problem = only_problem(code="ballot_edited", box=1, ballot=7)
    assert "hòm 1, phiếu kiểm số 7" in problem.message


def test_it_detects_an_edited_validity(counted):
    one, _ = counted
    CountedBallot.objects.filter(batch=one, seq=10).update(valid=False, reason="all_struck")
    only_problem(code="ballot_edited", box=1, ballot=10)


def test_it_detects_a_deleted_ballot(counted):
    one, _ = counted
    CountedBallot.objects.filter(batch=one, seq=11).delete()
    only_problem(code="ballot_deleted", box=1, ballot=11)


def test_it_detects_an_inserted_ballot(counted):
    one, _ = counted
    CountedBallot.objects.create(batch=one, seq=12, content={"struck": [5]}, valid=True)
    problem = only_problem(code="ballot_inserted", box=1, ballot=12)
    assert "được chèn thêm" in problem.message


def test_it_detects_a_changed_leader_decision(counted, counting):
    _, two = counted
    decision = BallotDecision.objects.get(batch=two)
    assert (decision.seq, decision.chosen_slot, decision.decided_by) == (4, 1, counting.leader)
    BallotDecision.objects.filter(pk=decision.pk).update(chosen_slot=2, content={"struck": [3]})
    problem = only_problem(code="ballot_edited", box=2, ballot=4)
    assert "quyết định của tổ trưởng về phiếu số 4" in problem.message


def test_the_command_names_the_box_and_ballot(counted):
    one, _ = counted
    CountedBallot.objects.filter(batch=one, seq=3).update(content={"struck": []})
    with pytest.raises(CommandError, match=r"hòm 1, phiếu kiểm số 3"):
        call_command("audit", "verify")


def test_it_detects_a_box_whose_seal_was_removed_from_the_tables_too(counted):
    one, _ = counted
    one.seals.all().delete()  # the helper rows go; the chain still holds the root
    CountedBallot.objects.filter(batch=one, seq=2).update(content={"struck": [1]})
    only_problem(code="box_changed", box=1)


def test_publication_records_the_digest_and_refuses_a_changed_box(counted, users):
    one, _ = counted
    CountedBallot.objects.filter(batch=one, seq=1).update(content={"struck": [1]})
    with pytest.raises(ValidationError, match="hòm 1, phiếu kiểm số 1"):
        results.publish_result(users.east, one.election)
    CountedBallot.objects.filter(batch=one, seq=1).update(content={"struck": [5]})
    published = results.publish_result(users.east, one.election)
    seal = AuditEntry.objects.get(action="election.seal")
    assert published.data["ballot_digest"] == seal.after["digest"]
    assert set(seal.after["boxes"]) == {"1", "2"}
    assert verify_chain().ok
    CountedBallot.objects.filter(batch=one, seq=1).update(content={"struck": [2]})
    only_problem(code="ballot_edited", box=1, ballot=1)


def test_a_publication_cut_from_the_chain_is_detected(counted, users):
    one, _ = counted
    results.publish_result(users.east, one.election)
    AuditEntry.objects.filter(action="election.publish").delete()
    codes = verify_chain().codes
    assert "publication_missing" in codes and codes[0] == "head_mismatch"


def test_the_minutes_print_the_digest_they_rest_on(counted, users, client):
    from tests.documents.pdftools import pdf_text

    one, _ = counted
    published = results.publish_result(users.east, one.election)
    name_the_signers(one.election.congress)
    client.force_login(users.east)
    response = client.get(f"/elections/{one.election_id}/minutes.pdf")
    assert response.status_code == 200
    text = "".join(pdf_text(response.content).split())
    assert published.data["ballot_digest"] in text
    assert published.audit_hash in text


class _Rollback(Exception):
    pass


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    box=st.sampled_from([1, 2]),
    seq=st.integers(1, len(BALLOTS)),
    how=st.sampled_from(["edit", "delete", "validity"]),
    table=st.sampled_from(["counted", "typed"]),
)
def test_any_tampered_ballot_is_named_by_box_and_number(counted, box, seq, how, table):
    batch = counted[box - 1]
    if table == "counted":
        rows = CountedBallot.objects.filter(batch=batch, seq=seq)
    else:
        rows = EnteredBallot.objects.filter(entry__batch=batch, entry__slot=2, seq=seq)
    try:
        with transaction.atomic():
            if how == "delete":
                rows.delete()
            elif how == "edit":
                content = rows.get().content
                rows.update(content={"struck": [] if content["struck"] else [1]})
            else:
                rows.update(valid=not rows.get().valid)
            code = "ballot_deleted" if how == "delete" else "ballot_edited"
            only_problem(code=code, box=box, ballot=seq)
            raise _Rollback
    except _Rollback:
        pass
