"""Restructuring pages: the form of each operation, its preview, "Áp dụng", and the result.

One view serves every operation: GET shows the form; POST "Xem trước" checks it
and shows what will change (restructure.preview); POST "Áp dụng" applies it
through the atomic, audited service and opens the decision's before/after page.
Only editors restructure, and only below their own organisation.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from . import compare, forms, restructure, selectors
from .models import Organization, Restructuring
from .views import day_context


@dataclass(frozen=True)
class OperationPage:
    form: type
    preview: object
    apply: object
    title: str
    on_children: bool  # the page's organisation is the parent of what changes


OPERATIONS = {
    "merge": OperationPage(
        forms.MergeForm,
        restructure.preview_merge_into_new,
        restructure.merge_into_new,
        gettext_lazy("Hợp nhất tổ chức trực thuộc"),
        True,
    ),
    "absorb": OperationPage(
        forms.AbsorbForm,
        restructure.preview_absorb,
        restructure.absorb,
        gettext_lazy("Sáp nhập tổ chức trực thuộc"),
        True,
    ),
    "split": OperationPage(
        forms.SplitForm,
        restructure.preview_split,
        restructure.split,
        gettext_lazy("Chia tách tổ chức"),
        False,
    ),
    "move": OperationPage(
        forms.MoveForm,
        restructure.preview_move_subtree,
        restructure.move_subtree,
        gettext_lazy("Chuyển trực thuộc"),
        False,
    ),
    "rename": OperationPage(
        forms.RenameForm,
        restructure.preview_rename,
        restructure.rename,
        gettext_lazy("Đổi tên tổ chức"),
        False,
    ),
    "dissolve": OperationPage(
        forms.DissolveForm,
        restructure.preview_dissolve,
        restructure.dissolve,
        gettext_lazy("Giải thể tổ chức"),
        False,
    ),
}


def require_editor(user) -> None:
    if not user.can_edit:
        raise PermissionDenied(_("Tài khoản của bạn chỉ được xem, không được sửa."))


def require_below_own(user, org: Organization) -> None:
    """A unit's own account does not restructure that unit: the level above decides."""
    if not user.is_superuser and org.pk == user.organization_id:
        raise PermissionDenied(_("Việc sắp xếp %(org)s do cấp trên quyết định.") % {"org": org})


def _arguments(page: OperationPage, form, org: Organization) -> tuple[tuple, dict]:
    kwargs = form.arguments()
    if page.on_children:
        sources = kwargs.pop("sources")
        return (sources,), kwargs
    return (org,), kwargs


@require_http_methods(["GET", "POST"])
@login_required
def restructure_form(request, pk: int, op: str):
    page = OPERATIONS.get(op)
    if page is None:
        raise Http404("no such operation")
    require_editor(request.user)
    org = selectors.access_organization(request.user, pk)
    if not page.on_children:
        require_below_own(request.user, org)
    extra = {"parts": _int(request.GET.get("parts") or request.POST.get("parts"), 2)}
    form_kwargs = {"anchor": org, "user": request.user, **(extra if op == "split" else {})}
    form = page.form(request.POST or None, **form_kwargs)
    context = {"org": org, "op": op, "page": page, "form": form, **extra}
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        args, kwargs = _arguments(page, form, org)
        try:
            if "apply" in request.POST:
                done = page.apply(request.user, *args, **kwargs)
                messages.success(request, _("Đã áp dụng: %(s)s") % {"s": done.summary})
                return redirect("organizations:restructuring", done.pk)
            context["preview"] = page.preview(*args, **kwargs)
            return render(request, "organizations/restructure_preview.html", context)
        except ValidationError as error:
            form.add_service_error(error)
    return render(request, "organizations/restructure_form.html", context)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def access_restructuring(user, pk) -> Restructuring:
    """Seen by who sees its scope, or by an account of a unit it touched."""
    try:
        r = Restructuring.objects.select_related("scope", "created_by").get(pk=pk)
    except (Restructuring.DoesNotExist, ValueError, TypeError):
        raise Http404("restructuring not found") from None
    touched = r.versions.filter(organization_id=user.organization_id).exists()
    if selectors.can_see(user, r.scope) or touched:
        return r
    raise Http404("restructuring not found")


@require_GET
@login_required
def restructuring_detail(request, pk: int):
    r = access_restructuring(request.user, pk)
    before = r.effective_on - dt.timedelta(days=1)
    context = {
        "r": r,
        "before": before,
        "levels": compare.compare(r.scope, before, r.effective_on),
        "units": compare.units_changed(r),
        "scope_visible": selectors.can_see(request.user, r.scope),
    }
    if not context["scope_visible"]:
        context["levels"] = []
    return render(request, "organizations/restructuring.html", context)


@require_GET
@login_required
def compare_page(request, pk: int):
    """Before / after under one organisation between any two days (?before=…&after=…)."""
    org = selectors.access_organization(request.user, pk)
    day = day_context(request)
    after = forms.parse_day(request.GET.get("after")) or day["today"]
    before = forms.parse_day(request.GET.get("before")) or after - dt.timedelta(days=365)
    if before > after:
        before, after = after, before
    context = {
        "org": org,
        "before": before,
        "after": after,
        "levels": compare.compare(org, before, after),
        "decisions": Restructuring.objects.filter(
            scope__path__startswith=org.path, effective_on__gt=before, effective_on__lte=after
        ).order_by("effective_on", "id")[:200],
        **day,
    }
    return render(request, "organizations/compare.html", context)


@require_GET
@login_required
def restructure_index(request):
    root = selectors.user_root(request.user)
    if root is None:
        raise Http404("no organisation")
    decisions = Restructuring.objects.filter(scope__path__startswith=root.path).select_related(
        "scope"
    )
    context = {"root": root, "decisions": decisions[:300], "total": decisions.count()}
    context["upload"] = forms.PlanUploadForm()
    return render(request, "organizations/restructure_index.html", context)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def plan_template_file(request):
    from django.http import HttpResponse

    from .restructure.plan_template import plan_template

    response = HttpResponse(plan_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="phuong-an-sap-xep.xlsx"'
    return response


@require_http_methods(["POST"])
@login_required
def plan_import(request):
    """Check (a dry run, rolled back) or apply the uploaded plan: all of it or nothing."""
    from .restructure.excel import import_plan

    require_editor(request.user)
    form = forms.PlanUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chọn tệp phương án (.xlsx)."))
        return redirect("organizations:restructure_index")
    apply = "apply" in request.POST
    result = import_plan(form.cleaned_data["file"].read(), actor=request.user, dry_run=not apply)
    context = {"result": result, "applied": apply, "root": selectors.user_root(request.user)}
    return render(request, "organizations/plan_result.html", context)
