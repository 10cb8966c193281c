"""A write of the count that fails halfway leaves nothing of itself behind.

Each test breaks one service after it has already written something (a ballot
row, the counted ballots, the batch status), and checks that the database is
as it was before the call, then that the same call succeeds once the fault is
gone. Transactional tests: the services' own transactions really commit or roll
back, instead of savepoints inside the test's transaction.
"""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.audit.services import record, verify_chain
from daihoi.elections import ballot_save, entry
from daihoi.elections.models import (
    BallotBatch,
    BatchEntry,
    BatchStatus,
    CountedBallot,
    Election,
    ElectionStatus,
    EntryStatus,
)

BALLOTS = [[5], [5], [4], [5], [1], [4], [5], [2], [5], [], [1, 2]]
pytestmark = pytest.mark.django_db(transaction=True)


class Fault(Exception):
    pass


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher costs a second a user on a busy machine; these tests are about ballots.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def batch(election, counting):
    return entry.create_batch(None, election, team=counting.team, number=1)


def typed(op, batch, ballots=BALLOTS) -> BatchEntry:
    mine = entry.start_entry(op, batch)
    for struck in ballots:
        entry.save_ballot(op, mine, {"struck": struck})
    return mine


def fail_after(real, when=lambda *args, **kwargs: True):
    """`real`, which does its write and then raises: the fault comes after the damage."""

    def broken(*args, **kwargs):
        result = real(*args, **kwargs)
        if when(*args, **kwargs):
            raise Fault("the disk filled up")
        return result

    return broken


def test_it_keeps_nothing_of_a_ballot_whose_save_fails_after_the_insert(
    batch, counting, monkeypatch
):
    mine = typed(counting.op1, batch, BALLOTS[:2])
    # The save's insert (ballot_save._insert) writes the row, then the fault strikes.
    monkeypatch.setattr(ballot_save, "_insert", fail_after(ballot_save._insert))
    with pytest.raises(Fault):
        entry.save_ballot(counting.op1, mine, {"struck": [3]})
    assert list(mine.ballots.values_list("seq", flat=True)) == [1, 2]
    monkeypatch.undo()
    assert entry.save_ballot(counting.op1, mine, {"struck": [3]}).seq == 3


def test_it_starts_no_entry_when_its_audit_line_fails(batch, counting, election, monkeypatch):
    monkeypatch.setattr(entry, "record", fail_after(record))
    with pytest.raises(Fault):
        entry.start_entry(counting.op1, batch)
    assert not BatchEntry.objects.exists()
    assert BallotBatch.objects.get(pk=batch.pk).status == BatchStatus.OPEN
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.LIST_APPROVED
    assert verify_chain().ok


def test_it_writes_no_counted_ballot_when_reconciliation_fails_midway(batch, counting, monkeypatch):
    entry.finalise_entry(counting.op1, typed(counting.op1, batch))
    second = typed(counting.op2, batch)
    audits = AuditEntry.objects.count()
    # The reconcile audit line is the last write: counted ballots and status are already in.
    monkeypatch.setattr(
        entry,
        "record",
        fail_after(record, lambda actor, action, *a, **k: action == "batch.reconcile"),
    )
    with pytest.raises(Fault):
        entry.finalise_entry(counting.op2, second)
    assert not CountedBallot.objects.exists()
    assert BallotBatch.objects.get(pk=batch.pk).status == BatchStatus.ENTERING
    assert BatchEntry.objects.get(pk=second.pk).status == EntryStatus.IN_PROGRESS
    assert AuditEntry.objects.count() == audits
    assert verify_chain().ok

    monkeypatch.undo()
    assert entry.finalise_entry(counting.op2, second).status == BatchStatus.RECONCILED
    assert CountedBallot.objects.count() == len(BALLOTS)


def test_it_leaves_a_differing_batch_undecided_when_the_decision_fails_midway(
    batch, counting, monkeypatch
):
    entry.finalise_entry(counting.op1, typed(counting.op1, batch))
    typo = [list(b) for b in BALLOTS]
    typo[3] = [3]
    entry.finalise_entry(counting.op2, typed(counting.op2, batch, typo))
    manager = CountedBallot.objects
    monkeypatch.setattr(manager, "bulk_create", fail_after(manager.bulk_create))
    with pytest.raises(Fault):
        entry.resolve_differences(counting.leader, batch, {4: 1}, "Đối chiếu phiếu gốc")
    assert not CountedBallot.objects.exists()
    assert BallotBatch.objects.get(pk=batch.pk).status == BatchStatus.DIFFERENT
    assert not AuditEntry.objects.filter(action="batch.reconcile").exists()

    monkeypatch.undo()
    entry.resolve_differences(counting.leader, batch, {4: 1}, "Đối chiếu phiếu gốc")
    assert CountedBallot.objects.count() == len(BALLOTS)
    assert verify_chain().ok
