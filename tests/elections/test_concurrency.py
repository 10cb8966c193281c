"""No ballot is lost or counted twice when counting teams save at the same time.

Real threads, each with its own database connection, save through the service
(and, in the second test, through the API). On PostgreSQL the row locks of
`entry.save_ballot` and `entry.finalise_entry` are what keep the count exact; on
SQLite the writes queue behind one another through the busy timeout.
"""

import sqlite3
import threading
from collections import Counter
from contextlib import closing

import pytest
from django.db import connection, connections
from django.test import Client

from daihoi.accounts.models import Role
from daihoi.audit.models import AuditEntry
from daihoi.audit.services import verify_chain
from daihoi.elections import entry, results
from daihoi.elections.judging import normalise
from daihoi.elections.models import BallotBatch, BatchEntry, BatchStatus, CountedBallot
from tests.conftest import make_user

BATCHES = 4  # × 2 operators of each batch typing at once = 8 threads
BALLOTS = 25
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher costs a second a user on a busy machine; these tests are about ballots.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def sqlite_on_disk(transactional_db, tmp_path):
    """SQLite's in-memory test database shares one cache among connections, where a
    second writer fails at once with "table is locked": the busy timeout never
    applies. The real database is a file (WAL, busy timeout), so on SQLite these
    tests copy the test database to a file and run there."""
    conn = connections["default"]
    if conn.vendor != "sqlite" or not conn.is_in_memory_db():
        yield
        return
    conn.ensure_connection()
    memory, name = conn.connection, conn.settings_dict["NAME"]
    path = tmp_path / "concurrency.sqlite3"
    with closing(sqlite3.connect(path)) as disk:
        memory.backup(disk)
    # Set the in-memory connection aside rather than closing it: closing destroys it.
    conn.connection = None
    conn.settings_dict["NAME"] = str(path)  # shared with the threads' new connections
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict["NAME"] = name
        conn.connection = memory


def ballot(i: int) -> dict:
    """The i-th ballot of every box: mostly valid strike-throughs, some invalid ones."""
    if i % 7 == 0:
        return {"invalid": "signed_or_marked"}
    return {"struck": [i % 5 + 1]} if i % 5 else {"struck": []}  # [] keeps 5 of 4: too_many


EXPECTED_VALID = sum(1 for i in range(1, BALLOTS + 1) if i % 7 and i % 5)


@pytest.fixture
def boxes(election, congress, tree):
    """Per batch, its own team of two operators (and a leader)."""
    made = []
    for n in range(1, BATCHES + 1):
        ops = [make_user(f"op{n}_{k}", tree.east_commune, Role.COUNTING) for k in (1, 2)]
        leader = make_user(f"leader{n}", tree.east_commune, Role.COUNTING)
        team = entry.create_team(None, congress, name=f"Tổ {n}", leader=leader, members=ops)
        made.append((entry.create_batch(None, election, team=team, number=n), ops))
    return made


def run_together(work: list) -> None:
    """Start every callable at the same instant in its own thread; re-raise the first failure."""
    barrier = threading.Barrier(len(work))
    failures = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            job()
        except BaseException as exc:  # noqa: BLE001 - reported in the main thread
            failures.append(exc)
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    if failures:
        raise failures[0]


def assert_every_entry_exact() -> None:
    for e in BatchEntry.objects.all():
        rows = list(e.ballots.order_by("seq"))
        assert [b.seq for b in rows] == list(range(1, BALLOTS + 1)), e
        assert [b.content for b in rows] == [normalise(ballot(i)) for i in range(1, BALLOTS + 1)]
        assert sum(b.valid for b in rows) == EXPECTED_VALID


def test_it_loses_no_ballot_when_eight_operators_save_at_once(boxes):
    def typist(batch, op):
        def job():
            mine = entry.start_entry(op, batch)
            for i in range(1, BALLOTS + 1):
                entry.save_ballot(op, mine, ballot(i))

        return job

    run_together([typist(batch, op) for batch, ops in boxes for op in ops])
    assert BatchEntry.objects.count() == BATCHES * 2
    assert sorted(Counter(BatchEntry.objects.values_list("batch", "slot")).values()) == [1] * 8
    assert {e.slot for e in BatchEntry.objects.all()} == {1, 2}
    assert_every_entry_exact()

    # Both operators of each batch finalise at the same instant: one of them
    # reconciles, and the counted ballots are written exactly once.
    finalisers = [
        (lambda e=e: entry.finalise_entry(e.operator, e))
        for e in BatchEntry.objects.select_related("operator")
    ]
    run_together(finalisers)
    assert set(BallotBatch.objects.values_list("status", flat=True)) == {BatchStatus.RECONCILED}
    assert CountedBallot.objects.count() == BATCHES * BALLOTS
    assert AuditEntry.objects.filter(action="batch.reconcile").count() == BATCHES
    state = results.progress(boxes[0][0].election)
    assert (state["ballots_counted"], state["complete"]) == (BATCHES * BALLOTS, True)
    assert verify_chain().ok


def test_it_loses_no_ballot_when_operators_save_through_the_api_at_once(boxes):
    def typist(batch, op):
        def job():
            client = Client()
            client.force_login(op)
            started = client.post(f"/api/elections/batches/{batch.pk}/entries")
            assert started.status_code == 200, started.content
            url = f"/api/elections/entries/{started.json()['entry_id']}/ballots"
            for i in range(1, BALLOTS + 1):
                saved = client.post(url, ballot(i), content_type="application/json")
                assert saved.status_code == 201, saved.content
                assert saved.json()["seq"] == saved.json()["counts"]["total"] == i

        return job

    run_together([typist(batch, op) for batch, ops in boxes for op in ops])
    assert_every_entry_exact()


def test_it_numbers_ballots_without_gaps_when_one_entry_gets_saves_from_four_tabs(boxes):
    """The same operator's entry open in several tabs (or a double click): the entry's
    row lock makes each save take the next number, never the same one twice."""
    batch, (op, _) = boxes[0]
    mine = entry.start_entry(op, batch)
    tabs = 4

    def tab(k):
        def job():
            for i in range(k, BALLOTS * tabs + 1, tabs):
                entry.save_ballot(op, mine, ballot(i))

        return job

    run_together([tab(k) for k in range(1, tabs + 1)])
    rows = list(mine.ballots.order_by("seq"))
    assert [b.seq for b in rows] == list(range(1, BALLOTS * tabs + 1))
    typed = Counter(str(normalise(ballot(i))) for i in range(1, BALLOTS * tabs + 1))
    assert Counter(str(b.content) for b in rows) == typed


def test_a_save_holds_its_entry_only_so_other_boxes_and_the_election_stay_free(boxes):
    """While one operator's save is inside its transaction, the election's row and another
    box's entry are not locked: the other box's save goes through at once (NOWAIT).
    PostgreSQL only: SQLite has one writer at a time by design."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises every writer")
    from django.db import transaction

    from daihoi.elections.models import Election

    (batch_a, (op_a, _)), (batch_b, (op_b, _)) = boxes[0], boxes[1]
    mine_a, mine_b = entry.start_entry(op_a, batch_a), entry.start_entry(op_b, batch_b)
    inside, release = threading.Event(), threading.Event()

    def hold_a_save_open():
        with transaction.atomic():
            entry.save_ballot(op_a, mine_a, {"struck": [1]})
            inside.set()
            release.wait(timeout=30)

    def save_elsewhere():
        assert inside.wait(timeout=30)
        try:
            with transaction.atomic():
                Election.objects.select_for_update(nowait=True).get(pk=batch_a.election_id)
                entry.save_ballot(op_b, mine_b, {"struck": [2]})
                entry_b = BatchEntry.objects.select_for_update(nowait=True).get(pk=mine_b.pk)
                assert entry_b.ballots.count() == 1
        finally:
            release.set()

    run_together([hold_a_save_open, save_elsewhere])
    assert [b.seq for b in mine_a.ballots.all()] == [1]
    assert [b.seq for b in mine_b.ballots.all()] == [1]
