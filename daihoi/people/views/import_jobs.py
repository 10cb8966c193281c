"""Excel imports run as background jobs (daihoi.jobs), `daihoi worker` runs them.

A province's file takes minutes, longer than a request should wait, so the
upload queues a job and the page polls it every second. The job's state and
progress live in the database, so any web worker answers the poll, and a worker
that dies loses nothing: the job is taken up again, or reported as failed.

The import commits in one transaction; the job is marked inside it (through the
"write" progress, which the engine reports inside that transaction), so a worker
killed after the commit is never followed by a second import of the same file.

Only the user who started a job can read it.
"""

import io

from django.contrib.auth import get_user_model
from django.db import connection

from daihoi.jobs.files import load_output
from daihoi.jobs.models import Job, JobState
from daihoi.jobs.services import enqueue_job
from daihoi.jobs.submit import start
from daihoi.organizations.selectors import user_root

MAX_ERRORS_SHOWN = 1000
REJECTED = "rejected.xlsx"


def start_import(user, data: bytes, filename: str, only_valid: bool, mapping=None) -> str:
    job = enqueue_job(
        "people.import",
        owner=user,
        args={"filename": filename, "only_valid": only_valid, "mapping": mapping},
        files=[(filename, data)],
        summary=f"nhập {filename}"[:200],
    )
    start(job)
    return job.public_id


def get_job(job_id: str, user) -> dict | None:
    """The job as the page shows it: state, stage, done, total, result, error."""
    job = Job.objects.filter(public_id=job_id, owner_id=user.pk, kind="people.import").first()
    if job is None:
        return None
    return {
        "owner": job.owner_id,
        "filename": job.args.get("filename", ""),
        "only_valid": job.args.get("only_valid", False),
        "state": JobState.RUNNING if job.state == JobState.QUEUED else job.state,
        "queued": job.state == JobState.QUEUED,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "result": job.result,
        "error": job.error,
    }


def rejected_workbook(job_id: str, user) -> bytes | None:
    if get_job(job_id, user) is None:
        return None
    return load_output(job_id, REJECTED)


class _Progress:
    """The importer reports (phase, done, total); the "write" phase runs inside the
    import's transaction, where the job is marked as having taken effect."""

    def __init__(self, ctx):
        self.ctx, self.marked = ctx, False

    def __call__(self, stage, done=0, total=0) -> None:
        if stage == "write" and not self.marked and connection.in_atomic_block:
            self.ctx.mark_effect_committed()
            self.marked = True
        self.ctx.progress(stage, done or 0, total or 0)


def run(ctx) -> dict:
    """The worker's handler for "people.import"."""
    from daihoi.people.importing import import_workbook

    user = get_user_model().objects.select_related("organization").get(pk=ctx.job.owner_id)
    [(_name, data)] = ctx.files()
    result = import_workbook(
        io.BytesIO(data),
        actor=user,
        scope=user_root(user),
        only_valid=ctx.args["only_valid"],
        progress=_Progress(ctx),
        mapping=ctx.args.get("mapping"),
        filename=ctx.args.get("filename", ""),
    )
    if result.rejected_xlsx:
        ctx.save_output(REJECTED, result.rejected_xlsx)
    return summarise(result)


def summarise(result) -> dict:
    """What the result page shows, as plain data."""
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
