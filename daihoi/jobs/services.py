"""Queue a job, claim it, report its progress, finish it: each step one short transaction.

Claiming takes the oldest due job with `SELECT … FOR UPDATE SKIP LOCKED` on
PostgreSQL, so workers never wait for each other nor take the same job; on
SQLite every write transaction is `BEGIN IMMEDIATE` (see settings), so claims are
simply serialised. A claim is a lease: the worker renews it while it runs; a job
whose lease ran out (its worker was killed) is claimed again, unless its effect
already committed (then it is done) or it has used up its attempts (then it
fails with the reason, in the audit log).
"""

import datetime as dt
import os
import socket

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from daihoi.audit.services import record

from . import files as job_files
from .models import Job, JobState
from .registry import kind as kind_of

DIED = "Tiến trình xử lý dừng đột ngột {n} lần khi làm việc này; việc đã dừng lại. Hãy báo quản trị viên."


def lease_seconds() -> int:
    return int(getattr(settings, "DAIHOI_JOB_LEASE_SECONDS", 120))


@transaction.atomic
def enqueue_job(kind: str, *, owner=None, args=None, files=None, summary: str = "") -> Job:
    """Queue a job; `files` (name, bytes) are stored for the worker first."""
    job = Job(kind=kind, owner=owner, args=dict(args or {}))
    job.max_attempts = kind_of(kind).max_attempts
    if files is not None:
        job.args["files"] = job_files.save_inputs(job.public_id, files)
    job.save()
    record(owner, "job.enqueue", job, summary=summary or kind, after={"kind": kind})
    return job


def _due():
    now = timezone.now()
    return Job.objects.filter(
        Q(state=JobState.QUEUED, run_after__lte=now)
        | Q(state=JobState.RUNNING, lease_until__lt=now)
    ).order_by("run_after", "id")


def claim_job(worker: str) -> Job | None:
    """The next job for `worker`, now RUNNING under its lease; None when nothing is due."""
    while True:
        with transaction.atomic():
            query = _due()
            if connection.features.has_select_for_update_skip_locked:
                query = query.select_for_update(skip_locked=True)
            job = query.first()
            if job is None:
                return None
            if job.state == JobState.RUNNING and not _reclaimable(job):
                continue  # settled as done or failed; look for the next one
            now = timezone.now()
            job.state, job.worker, job.attempts = JobState.RUNNING, worker, job.attempts + 1
            job.started, job.lease_until = now, now + dt.timedelta(seconds=lease_seconds())
            job.save(update_fields=["state", "worker", "attempts", "started", "lease_until"])
            return job


def _reclaimable(job: Job) -> bool:
    """A job whose worker vanished: run it again only if that can do no harm twice."""
    if job.effect_committed:
        _settle(job, JobState.DONE, result=job.result or {"recovered": True, "written": True})
        return False
    if job.attempts >= job.max_attempts:
        reason = DIED.format(n=job.attempts)
        _settle(job, JobState.FAILED, error=reason)
        record(job.owner, "job.fail", job, summary=reason[:200], after={"kind": job.kind})
        _call_on_failed(job, reason)
        return False
    return True


def _settle(job: Job, state: str, *, result=None, error: str = "") -> None:
    job.state, job.finished, job.lease_until = state, timezone.now(), None
    job.result, job.error = result, error
    job.save(update_fields=["state", "finished", "lease_until", "result", "error"])
    transaction.on_commit(lambda: job_files.drop_inputs(job.public_id))


def _call_on_failed(job: Job, reason: str) -> None:
    from .registry import KINDS, resolve

    hook = KINDS[job.kind].on_failed if job.kind in KINDS else ""
    if hook:
        resolve(hook)(job, reason)


def renew_lease(job: Job, worker: str) -> bool:
    until = timezone.now() + dt.timedelta(seconds=lease_seconds())
    mine = Job.objects.filter(pk=job.pk, worker=worker, state=JobState.RUNNING)
    return mine.update(lease_until=until) == 1


def report_progress(job: Job, worker: str, stage: str, done: int, total: int) -> None:
    mine = Job.objects.filter(pk=job.pk, worker=worker, state=JobState.RUNNING)
    mine.update(stage=stage[:32], done=max(done, 0), total=max(total, 0))


def mark_effect_committed(job: Job, result: dict | None = None) -> None:
    """Call inside the transaction that makes the job's effect: it commits with it. A
    `result` given here commits too, so a job whose worker dies before reporting is
    settled with its real outcome rather than a bare "written"."""
    if not connection.in_atomic_block:
        raise RuntimeError("mark_effect_committed() belongs inside the effect's transaction")
    fields = (
        {"effect_committed": True}
        if result is None
        else {"effect_committed": True, "result": result}
    )
    Job.objects.filter(pk=job.pk).update(**fields)


class LeaseLost(Exception):
    """Another worker took the job over: this run's outcome is not recorded."""


@transaction.atomic
def complete_job(job: Job, worker: str, result: dict) -> None:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.worker != worker or job.state != JobState.RUNNING:
        raise LeaseLost(job.public_id)
    _settle(job, JobState.DONE, result=result)


@transaction.atomic
def fail_job(job: Job, worker: str, reason: str, *, retry: bool) -> Job:
    """A retry waits 10 s, 20 s, 40 s…; the last failure is final, audited and reported."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.worker != worker or job.state != JobState.RUNNING:
        raise LeaseLost(job.public_id)
    if retry and job.attempts < job.max_attempts:
        job.state, job.error, job.lease_until = JobState.QUEUED, reason, None
        job.run_after = timezone.now() + dt.timedelta(seconds=10 * 2 ** (job.attempts - 1))
        job.save(update_fields=["state", "error", "lease_until", "run_after"])
        return job
    _settle(job, JobState.FAILED, error=reason)
    record(job.owner, "job.fail", job, summary=reason[:200], after={"kind": job.kind})
    _call_on_failed(job, reason)
    return job


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(3).hex()}"


def expire_dead_local_workers() -> int:
    """At a worker's start: jobs held by a dead process of this machine need not wait
    for their lease to run out."""
    host = socket.gethostname()
    dead = []
    for job in Job.objects.filter(state=JobState.RUNNING, worker__startswith=f"{host}:"):
        pid = int(job.worker.split(":")[1])
        if not _alive(pid):
            dead.append(job.pk)
    return Job.objects.filter(pk__in=dead, state=JobState.RUNNING).update(
        lease_until=timezone.now() - dt.timedelta(seconds=1)
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
