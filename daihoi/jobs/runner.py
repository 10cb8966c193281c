"""Run claimed jobs: `daihoi worker` loops here; tests and a laptop may run jobs inline."""

import logging
import signal
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection, connections

from . import files as job_files
from . import services
from .models import Job
from .registry import JobRefused, kind, resolve

log = logging.getLogger(__name__)

SYSTEM_ERROR = "Lỗi hệ thống khi chạy việc này ({error}). Hãy báo quản trị viên."
PROGRESS_INTERVAL_SECONDS = 0.3


class JobContext:
    """What a handler sees: its arguments and files, and a way to report progress."""

    def __init__(self, job: Job, worker: str):
        self.job, self.worker, self._last = job, worker, 0.0

    @property
    def args(self) -> dict:
        return self.job.args

    @property
    def owner(self):
        return self.job.owner

    def files(self) -> list[job_files.File]:
        return job_files.load_inputs(self.job.public_id, self.job.args.get("files", []))

    def save_output(self, name: str, data: bytes) -> None:
        job_files.save_output(self.job.public_id, name, data)

    def progress(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_INTERVAL_SECONDS and done != total:
            return
        self._last = now
        services.report_progress(self.job, self.worker, stage, done, total)

    def mark_effect_committed(self, result: dict | None = None) -> None:
        services.mark_effect_committed(self.job, result)


def run_claimed(job: Job, worker: str) -> None:
    """Run one claimed job to its end: done, queued again for a retry, or failed."""
    heartbeat = _Heartbeat(job, worker)
    heartbeat.start()
    try:
        result = resolve(kind(job.kind).run)(JobContext(job, worker))
    except JobRefused as exc:
        _finish(services.fail_job, job, worker, str(exc), retry=False)
    except Exception as exc:
        log.exception("job %s (%s) failed", job.public_id, job.kind)
        reason = SYSTEM_ERROR.format(error=type(exc).__name__)
        _finish(services.fail_job, job, worker, reason, retry=True)
    else:
        _finish(services.complete_job, job, worker, result or {})
    finally:
        heartbeat.stop()


def _finish(step, job, worker, *args, **kwargs) -> None:
    try:
        step(job, worker, *args, **kwargs)
    except services.LeaseLost:
        log.warning("job %s was taken over by another worker; this run is not recorded", job)


class _Heartbeat(threading.Thread):
    """Renews the lease a third of its length at a time while the job runs."""

    def __init__(self, job: Job, worker: str):
        super().__init__(name=f"lease-{job.public_id}", daemon=True)
        self.job, self.worker, self.stopped = job, worker, threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(services.lease_seconds() / 3):
                try:
                    services.renew_lease(self.job, self.worker)
                except Exception:  # a busy SQLite file: try again next beat
                    log.warning("could not renew the lease of job %s", self.job.public_id)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopped.set()


def run_inline(job: Job) -> None:
    """DAIHOI_INLINE_JOBS: claim and run this very job now, in this process (tests)."""
    worker = services.worker_name()
    claimed = services.claim_job(worker)
    while claimed is not None and claimed.pk != job.pk:
        # Inline mode has no worker: run whatever else is due first, in order.
        run_claimed(claimed, worker)
        claimed = services.claim_job(worker)
    if claimed is not None:
        run_claimed(claimed, worker)


def inline() -> bool:
    return bool(getattr(settings, "DAIHOI_INLINE_JOBS", False))


class Worker:
    """Claims and runs jobs one at a time until stopped (SIGTERM/SIGINT finish the job in
    hand first) or, with `burst`, until nothing is due."""

    def __init__(self, *, burst: bool = False, poll_seconds: float = 1.0):
        self.burst, self.poll_seconds = burst, poll_seconds
        self.name, self.stopping, self.ran = services.worker_name(), False, 0

    def stop(self, *_args) -> None:
        self.stopping = True

    def run(self) -> int:
        previous = signal.signal(signal.SIGTERM, self.stop), signal.signal(signal.SIGINT, self.stop)
        try:
            return self._loop()
        finally:  # a worker run inside a longer process (a test, a shell) hands the signals back
            signal.signal(signal.SIGTERM, previous[0])
            signal.signal(signal.SIGINT, previous[1])

    def _loop(self) -> int:
        services.expire_dead_local_workers()
        while not self.stopping:
            if not connection.in_atomic_block:  # a long-lived process: drop stale connections
                close_old_connections()
            job = services.claim_job(self.name)
            if job is None:
                if self.burst:
                    break
                time.sleep(self.poll_seconds)
                continue
            run_claimed(job, self.name)
            self.ran += 1
        return self.ran
