"""Excel imports run in a background thread; their progress lives in Django's cache.

A province's file takes minutes, longer than a request should wait, so the
upload starts a job and the page polls it every second. The job record is a
small dict under `import-job:<id>`; the rejected rows' workbook, which may be
large, sits under its own key and is fetched only when downloaded.

Only the user who started a job can read it. Behind several worker processes the
cache must be shared (database, file or Redis) for the polling to find the job.
"""

import io
import logging
import secrets
import threading
import time
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connections

from daihoi.organizations.selectors import user_root

log = logging.getLogger(__name__)

JOB_TTL_SECONDS = 6 * 3600
MAX_ERRORS_SHOWN = 1000
PROGRESS_INTERVAL_SECONDS = 0.3


def _key(job_id: str, suffix: str = "") -> str:
    return f"import-job:{job_id}{suffix}"


def get_job(job_id: str, user) -> dict | None:
    job = cache.get(_key(job_id))
    if job is None or job["owner"] != user.pk:
        return None
    return job


def rejected_workbook(job_id: str, user) -> bytes | None:
    if get_job(job_id, user) is None:
        return None
    return cache.get(_key(job_id, ":rejected"))


def _save(job_id: str, job: dict) -> None:
    cache.set(_key(job_id), job, timeout=JOB_TTL_SECONDS)


def start_import(user, data: bytes, filename: str, only_valid: bool, mapping=None) -> str:
    job_id = secrets.token_urlsafe(12)
    job = {"owner": user.pk, "filename": filename, "only_valid": only_valid, "mapping": mapping}
    _save(job_id, {**job, "state": "running", "done": 0, "total": 0, "stage": ""})
    run = partial(_run, job_id, job, user.pk, data)
    # Tests (and a single-user laptop, if wished) can run the job inline.
    if getattr(settings, "DAIHOI_INLINE_JOBS", False):
        run()
    else:
        threading.Thread(
            target=_in_thread, args=(run,), name=f"import-{job_id}", daemon=True
        ).start()
    return job_id


def _in_thread(run) -> None:
    try:
        run()
    finally:
        # A thread opens its own database connections; nobody else will close them.
        connections.close_all()


class _Progress:
    """Writes the importer's progress to the cache, at most a few times a second."""

    def __init__(self, job_id: str, job: dict):
        self.job_id, self.job, self.last = job_id, job, 0.0

    def __call__(self, *args, **kwargs) -> None:
        # The importer reports (done, total) or (stage, done, total).
        if args and isinstance(args[0], str):
            kwargs.setdefault("stage", args[0])
            args = args[1:]
        done, total = (list(args) + [None, None])[:2]
        done, total = kwargs.get("done", done), kwargs.get("total", total)
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL_SECONDS and done != total:
            return
        self.last = now
        self.job.update(done=done or 0, total=total or 0, stage=kwargs.get("stage", ""))
        _save(self.job_id, {**self.job, "state": "running"})


def _run(job_id: str, job: dict, user_pk: int, data: bytes) -> None:
    from daihoi.people.importing import import_workbook

    try:
        user = get_user_model().objects.select_related("organization").get(pk=user_pk)
        result = import_workbook(
            io.BytesIO(data),
            actor=user,
            scope=user_root(user),
            only_valid=job["only_valid"],
            progress=_Progress(job_id, job),
            mapping=job.get("mapping"),
            filename=job["filename"],
        )
    except Exception:
        log.exception("import job %s failed", job_id)
        _save(job_id, {**job, "state": "failed"})
        return
    if result.rejected_xlsx:
        cache.set(_key(job_id, ":rejected"), result.rejected_xlsx, timeout=JOB_TTL_SECONDS)
    _save(job_id, {**job, "state": "done", "result": summarise(result)})


def summarise(result) -> dict:
    """What the result page shows, as plain data the cache can keep."""
    errors = [
        {
            "sheet": e.sheet,
            "row": e.row,
            "column": e.column,
            "field": e.field,
            "code": e.code,
            "message": str(e.message),
        }
        for e in result.errors[:MAX_ERRORS_SHOWN]
    ]
    return {
        "organizations_created": result.organizations_created,
        "organizations_updated": result.organizations_updated,
        "members_created": result.members_created,
        "members_updated": result.members_updated,
        "written": result.written,
        "errors": errors,
        "error_count": len(result.errors),
        "has_rejected": bool(result.rejected_xlsx),
    }
