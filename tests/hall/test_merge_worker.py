"""A real `daihoi worker` killed in the middle of a merge (PostgreSQL). The test holds the
audit chain's head, so the worker stops at its first audit line, after it has written
the return's rows inside its transaction; killed there, it leaves nothing written, and
the next worker takes the job up again and merges the return once."""

import os
import signal
import time

import pytest
from django.db import connection, transaction

from daihoi.audit.models import AuditEntry, AuditHead
from daihoi.audit.verify import verify_chain
from daihoi.elections.models import CountedBallot
from daihoi.hall.jobs import start_merge
from daihoi.hall.models import HallPackage
from daihoi.jobs.models import Job, JobState
from tests.processes import needs_postgres, start

from .returns import counted_return


@pytest.fixture
def on_postgres(transactional_db):
    needs_postgres()


def waiting_queries() -> list[str]:
    """What the other sessions of the test database wait on a lock to run."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else frozen for the transaction
        cursor.execute(
            "SELECT query FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return [query for (query,) in cursor.fetchall()]


def wait_for_lock_wait(timeout: float = 120) -> list[str]:
    deadline = time.monotonic() + timeout
    while not (waiting := waiting_queries()):
        assert time.monotonic() < deadline, "the worker never reached the audit chain's head"
        time.sleep(0.05)
    return waiting


def test_a_worker_killed_mid_merge_writes_nothing_and_the_next_one_merges(
    on_postgres, congress, counting, election, users
):
    job = start_merge(
        users.east, congress, "ket-qua.zip", counted_return(users.east, congress, counting)
    )
    assert job.state == JobState.QUEUED
    with transaction.atomic():
        AuditHead.objects.select_for_update().get(id=1)
        worker = start("worker", "--poll", "0.1")
        try:
            waiting = wait_for_lock_wait()
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        assert any(AuditHead._meta.db_table in query for query in waiting), waiting
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and job.attempts == 1 and not job.effect_committed
    assert not CountedBallot.objects.filter(batch__election=election).exists()
    assert HallPackage.objects.get(congress=congress).returned_at is None
    assert not AuditEntry.objects.filter(action__in=["hall.entry", "hall.return_import"]).exists()

    survivor = start("worker", "--burst")
    assert survivor.wait(timeout=600) == 0
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2
    assert job.result["verdict"] == "merged" and job.result["created"]
    assert CountedBallot.objects.filter(batch__election=election).count() == 3
    assert AuditEntry.objects.filter(action="hall.return_import").count() == 1
    assert Job.objects.count() == 1
    report = verify_chain()
    assert report.ok, report.problems
