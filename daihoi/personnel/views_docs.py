"""Downloads of a plan: the report (DOCX, PDF), candidate dossiers (PDF), findings (Excel)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from . import documents
from .selectors import access_plan

KINDS = {
    "report.pdf": (documents.render_report_pdf, "application/pdf", "de-an-nhan-su"),
    "report.docx": (
        documents.render_report_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "de-an-nhan-su",
    ),
    "dossiers.pdf": (documents.render_dossiers_pdf, "application/pdf", "ho-so-nhan-su"),
    "findings.xlsx": (
        documents.render_findings_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ket-qua-kiem-tra",
    ),
}


@require_GET
@login_required
def download(request, pk: int, kind: str):
    plan = access_plan(request.user, pk)
    render, content_type, stem = KINDS[kind]
    extension = kind.rsplit(".", 1)[1]
    name = f"{stem}-{slugify(plan.congress.organization.code)}.{extension}"
    response = HttpResponse(render(plan), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
