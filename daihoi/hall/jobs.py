"""Merging a hall's return as a background job (daihoi.jobs); `daihoi worker` runs it.

A province congress's return takes seconds to merge, longer than a web request
should hold a worker. The upload checks at once what needs no merge
(`merge.check_envelope`), stores the file with a "hall.merge" job and sends the
organiser to the job's page, which shows the verdict the hall page used to show.

The job's outcome is that verdict: merged (with its counts) or refused (code and
reason). Each commits together with the job's mark (`mark_effect_committed`): a
merge in its one transaction, a refusal with its audit line. A worker killed
mid-merge has written nothing and the retry merges; one killed after the commit is
not followed by a second run, and the job keeps the verdict committed with it.
"""

from django.db import transaction
from django.http import Http404
from django.urls import reverse

from daihoi.congresses.models import Congress
from daihoi.jobs.models import Job
from daihoi.jobs.services import enqueue_job
from daihoi.jobs.submit import start

from .fileformat import HallFileError
from .merge import Merged, import_return, record_refusal

KIND = "hall.merge"
LATEST = 10


def start_merge(user, congress, name: str, content: bytes) -> Job:
    job = enqueue_job(
        KIND,
        owner=user,
        args={"congress": congress.pk, "filename": name[:200]},
        files=[(name, content)],
        summary=f"nhận kết quả hội trường {name}"[:200],
    )
    start(job)
    return job


def merged_verdict(merged: Merged) -> dict:
    return {
        "verdict": "merged",
        "created": merged.created,
        "updated": merged.updated,
        "added": merged.added,
        "removed": merged.removed,
        "entries": merged.entries,
    }


def refused_verdict(error: HallFileError) -> dict:
    return {"verdict": "refused", "code": error.code, "message": str(error)}


def run(ctx) -> dict:
    """The worker's handler for "hall.merge"."""
    congress = Congress.objects.select_related("organization").get(pk=ctx.args["congress"])
    [(_name, content)] = ctx.files()
    try:
        with transaction.atomic():
            verdict = merged_verdict(import_return(ctx.owner, content, congress=congress))
            ctx.mark_effect_committed(verdict)
    except HallFileError as error:
        verdict = refused_verdict(error)
        with transaction.atomic():
            record_refusal(ctx.owner, congress, error)
            ctx.mark_effect_committed(verdict)
    return verdict


def page(job: Job) -> str:
    """Where the generic job page sends the owner: this merge's page, with its verdict."""
    return reverse("hall:merge", args=[job.args["congress"], job.public_id])


def latest_merges(congress) -> list[Job]:
    jobs = Job.objects.filter(kind=KIND, args__congress=congress.pk).select_related("owner")
    return list(jobs.order_by("-created", "-id")[:LATEST])


def access_merge(congress, public_id: str) -> Job:
    """A merge job of this congress (the caller has checked the user organises it)."""
    job = Job.objects.filter(public_id=public_id, kind=KIND, args__congress=congress.pk).first()
    if job is None:
        raise Http404("no such merge job")
    return job
