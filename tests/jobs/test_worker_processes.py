"""Real `daihoi worker` processes on PostgreSQL, killed with SIGKILL in the middle of a
queue of imports: no job is lost, none takes effect twice."""

import os
import signal
import time

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.jobs.models import Job, JobState
from daihoi.people.models import Member
from daihoi.people.views.import_jobs import start_import
from tests.processes import needs_postgres, start

from ..conftest import make_user
from .books import member_row, workbook

JOBS = 24


def settled() -> int:
    return Job.objects.filter(state__in=[JobState.DONE, JobState.FAILED]).count()


def _unsettled() -> list:
    """What a failure should show: the jobs left behind and why."""
    left = Job.objects.exclude(state__in=[JobState.DONE, JobState.FAILED])
    return list(
        left.values_list("state", "attempts", "worker", "lease_until", "run_after", "error")
    )


def wait_for(count: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while settled() < count:
        assert time.monotonic() < deadline, f"{settled()} of {count} jobs settled"
        time.sleep(0.1)


@pytest.fixture
def clerk(transactional_db, tree):
    needs_postgres()
    return make_user("can-bo", tree.province)


def test_no_job_is_lost_or_run_twice_when_workers_are_killed(clerk):
    for number in range(JOBS):
        start_import(clerk, workbook(member_row(f"K{number:03d}", "C011")), "k.xlsx", False)
    workers = [start("worker", "--poll", "0.1") for _ in range(2)]
    wait_for(JOBS // 3)
    for proc in workers:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert settled() < JOBS  # killed with work left in the queue
    survivor = start("worker", "--burst")
    assert survivor.wait(timeout=600) == 0
    assert settled() == JOBS, _unsettled()
    assert Job.objects.filter(state=JobState.DONE).count() == JOBS
    assert Member.objects.filter(code__startswith="K").count() == JOBS
    assert AuditEntry.objects.filter(action="import.members").count() == JOBS
