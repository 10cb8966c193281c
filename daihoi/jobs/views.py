"""A job's page (polled while it runs) and its result file; only its owner sees them."""

import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from .files import load_output
from .models import Job, JobState
from .registry import own_page


def access_job(user, public_id: str) -> Job:
    job = Job.objects.filter(public_id=public_id, owner_id=user.pk).first()
    if job is None:
        raise Http404("no such job")
    return job


@require_GET
@login_required
def job_page(request, public_id: str):
    job = access_job(request.user, public_id)
    partial = request.headers.get("HX-Request") == "true"
    page = own_page(job)
    if page:  # its app's page tells the outcome in its own words (a hall merge's verdict)
        if partial:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = page
            return response
        return redirect(page)
    template = "jobs/_job.html" if partial else "jobs/job.html"
    return render(request, template, {"job": job})


@require_GET
@login_required
def download(request, public_id: str, name: str):
    job = access_job(request.user, public_id)
    data = load_output(job.public_id, name) if job.state == JobState.DONE else None
    if data is None:
        raise Http404("no such file")
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
