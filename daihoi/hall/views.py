"""The congress's hall page: issue and download a package, upload the hall's return."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from . import keys
from .access import access_congress
from .export import export_package
from .fileformat import HallFileError
from .forms import ReturnUploadForm
from .merge import import_return, record_download, record_refusal
from .models import HallPackage


def _page(request, congress, **extra):
    context = {
        "congress": congress,
        "packages": HallPackage.objects.filter(congress=congress).defer("file")[:20],
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
    congress = access_congress(request.user, pk)
    form = ReturnUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, congress, form=form)
    try:
        merged = import_return(request.user, form.cleaned_data["file"].read(), congress=congress)
    except HallFileError as error:
        record_refusal(request.user, congress, error)
        return _page(request, congress, refused=error)
    return _page(request, congress, merged=merged)
