"""Excel in and out: the grades template, the import (all rows or none), the summary workbook."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import excel_import, grade_import, report_xlsx
from .selectors import access_cycle
from .views import _scope, crumbs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 40 * 1024 * 1024


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def template_file(request, pk):
    cycle = access_cycle(request.user, pk)
    root = _scope(request, cycle)
    return _xlsx(excel_import.template(cycle, root), f"xep-loai-{root.code}-{cycle.year}.xlsx")


@login_required
def summary_file(request, pk):
    cycle = access_cycle(request.user, pk)
    root = _scope(request, cycle)
    return _xlsx(
        report_xlsx.workbook(cycle, root), f"tong-hop-xep-loai-{root.code}-{cycle.year}.xlsx"
    )


@login_required
def import_page(request, pk):
    cycle = access_cycle(request.user, pk)
    root = _scope(request, cycle)
    context = {"cycle": cycle, "root": root, "crumbs": crumbs(request.user, root), "result": None}
    return render(request, "grading/import.html", context)


@login_required
@require_POST
def import_file(request, pk):
    cycle = access_cycle(request.user, pk)
    root = _scope(request, cycle)
    if not request.user.can_edit:
        raise PermissionDenied(_("Tài khoản của bạn chỉ được xem, không được sửa."))
    upload = request.FILES.get("file")
    if upload is None or upload.size > MAX_UPLOAD:
        messages.error(request, _("Chọn một tệp Excel (.xlsx) không quá 40 MB."))
        return redirect(reverse("grading:import", args=[cycle.pk]) + f"?org={root.pk}")
    result = grade_import.import_grades(
        request.user, cycle, root, upload.read(), timezone.localdate()
    )
    if result.ok:
        messages.success(
            request,
            _("Đã nhập %(n)s xếp loại của %(units)s tổ chức.")
            % {"n": result.written, "units": result.units},
        )
        return redirect(reverse("grading:dashboard", args=[cycle.pk]) + f"?org={root.pk}")
    context = {"cycle": cycle, "root": root, "crumbs": crumbs(request.user, root), "result": result}
    response = render(request, "grading/import.html", context)
    response.status_code = 422
    return response
