"""The "Nhập/Xuất Excel" page: template, export of the user's subtree, and import.

The Excel engine (people.excel_template, .exporting, .importing) is imported
inside the views, so these pages load, and say so, while it is missing.
"""

import importlib.util

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from daihoi.organizations.selectors import member_count, user_root

from ..forms import ImportForm
from . import export_jobs, import_jobs
from .members import is_htmx_partial, require_editor

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def available(module: str) -> bool:
    return importlib.util.find_spec(f"daihoi.people.{module}") is not None


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def require_module(module: str) -> None:
    if not available(module):
        raise Http404(f"daihoi.people.{module} is not installed yet")


def page_context(request, form) -> dict:
    return {
        "root": user_root(request.user),
        "form": form,
        "has_template": available("excel_template"),
        "has_export": available("exporting"),
        "has_import": available("importing"),
    }


@require_GET
@login_required
def excel_page(request):
    return render(request, "people/excel.html", page_context(request, ImportForm()))


@require_GET
@login_required
def excel_template(request):
    require_module("excel_template")
    from daihoi.people.excel_template import template_workbook

    return xlsx_response(template_workbook(), "mau-nhap-dang-vien.xlsx")


@require_GET
@login_required
def excel_export(request):
    require_module("exporting")
    root = user_root(request.user)
    if root is None:
        raise Http404("the user has no organisation")
    if member_count(root) > settings.DAIHOI_EXPORT_INLINE_LIMIT:
        # A province's export takes a while: a background job, with a page to wait on.
        return redirect("jobs:job", export_jobs.start_export(request.user, root))
    from daihoi.people.exporting import export_workbook

    return xlsx_response(export_workbook(root), export_jobs.export_name(root))


@require_POST
@login_required
def excel_import(request):
    require_editor(request.user)
    require_module("importing")
    if user_root(request.user) is None:
        # Without an organisation there is no scope, and an import must never run unscoped.
        raise PermissionDenied("the user has no organisation")
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return invalid_import(request, form)
    upload = form.cleaned_data["file"]
    mapping = form.cleaned_data.get("mapping")
    job_id = import_jobs.start_import(
        request.user,
        upload.read(),
        upload.name,
        form.cleaned_data["only_valid"],
        mapping=mapping.columns if mapping else None,
    )
    if is_htmx_partial(request):
        return render_job(request, job_id)
    return redirect("people:excel_job", job_id)


def invalid_import(request, form) -> HttpResponse:
    if not is_htmx_partial(request):
        return render(request, "people/excel.html", page_context(request, form), status=400)
    # htmx swaps only 2xx answers; the errors replace the form, not the job area.
    response = render(request, "people/_import_form.html", {"form": form, "has_import": True})
    response["HX-Retarget"] = "#import-form"
    response["HX-Reswap"] = "outerHTML"
    return response


@require_GET
@login_required
def excel_job(request, job_id: str):
    return render_job(request, job_id)


def render_job(request, job_id: str) -> HttpResponse:
    job = import_jobs.get_job(job_id, request.user)
    if job is None:
        raise Http404("no such import job")
    context = {"job": job, "job_id": job_id}
    template = "people/_import_job.html" if is_htmx_partial(request) else "people/import_job.html"
    return render(request, template, context)


@require_GET
@login_required
def excel_rejected(request, job_id: str):
    data = import_jobs.rejected_workbook(job_id, request.user)
    if data is None:
        raise Http404("no rejected rows for this job")
    return xlsx_response(data, "cac-dong-bi-loai.xlsx")
