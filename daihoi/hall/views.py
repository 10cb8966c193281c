"""The congress's hall page: issue and download a package, upload the hall's return
(merged by a job: daihoi.hall.jobs), and the merge job's page."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import keys
from .access import access_congress
from .export import export_package
from .fileformat import HallFileError
from .forms import ReturnUploadForm
from .jobs import access_merge, latest_merges, refused_verdict, start_merge
from .merge import check_envelope, record_download, record_refusal
from .models import HallPackage


def _page(request, congress, **extra):
    context = {
        "congress": congress,
        "packages": HallPackage.objects.filter(congress=congress).defer("file")[:20],
        "merges": latest_merges(congress),
        "form": extra.pop("form", None) or ReturnUploadForm(),
        **extra,
    }
    return render(request, "hall/congress.html", context)


@login_required
def congress_hall(request, pk: int):
    return _page(request, access_congress(request.user, pk))


@require_POST
@login_required
def issue_package(request, pk: int):
    congress = access_congress(request.user, pk)
    package, _content, key = export_package(request.user, congress)
    return _page(request, congress, issued=package, key=keys.show(key))


@login_required
def download_package(request, package_id):
    package = get_object_or_404(HallPackage, package_id=package_id)
    access_congress(request.user, package.congress_id)
    with transaction.atomic():
        record_download(request.user, package)
    response = HttpResponse(bytes(package.file), content_type="application/zip")
    name = f"goi-hoi-truong-{package.congress_id}-{package.package_id}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@login_required
def upload_return(request, pk: int):
    """Refuse at once what the file's envelope shows; queue the merge of the rest."""
    congress = access_congress(request.user, pk)
    form = ReturnUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, congress, form=form)
    upload = form.cleaned_data["file"]
    content = upload.read()
    try:
        check_envelope(content, congress)
    except HallFileError as error:
        record_refusal(request.user, congress, error)
        return _page(request, congress, verdict=refused_verdict(error))
    job = start_merge(request.user, congress, upload.name, content)
    return redirect("hall:merge", congress.pk, job.public_id)


@require_GET
@login_required
def merge_job(request, pk: int, public_id: str):
    """The merge's page: polled while it waits or runs, then its verdict."""
    congress = access_congress(request.user, pk)
    job = access_merge(congress, public_id)
    partial = request.headers.get("HX-Request") == "true"
    template = "hall/_merge_job.html" if partial else "hall/merge_job.html"
    return render(request, template, {"congress": congress, "job": job})
