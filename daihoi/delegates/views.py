"""Delegates' pages: the congresses, the seat plan and its files.

Thin views: `access_congress` (404 outside the user's subtree), one service per
POST, refusals shown as their messages, then post/redirect/get.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.congresses.models import Congress, CongressKind
from daihoi.organizations.selectors import can_see, visible_organizations
from daihoi.rules import apportion

from . import allocation, attendance, documents, quota
from .forms import LineAdjustForm, LineAmendForm, LineInputsForm, PlanForm
from .models import AllocationLine, AllocationPlan, Delegate

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def access_congress(user, pk, *, edit: bool = False) -> Congress:
    congress = (
        Congress.objects.select_related("organization", "organization__parent")
        .filter(pk=pk, kind=CongressKind.DELEGATES)
        .first()
    )
    if congress is None or not user.is_authenticated or not can_see(user, congress.organization):
        raise Http404("congress not found")
    if edit and not user.can_edit:
        raise PermissionDenied
    return congress


def file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def index(request):
    congresses = (
        Congress.objects.filter(
            kind=CongressKind.DELEGATES, organization__in=visible_organizations(request.user)
        )
        .select_related("organization")
        .order_by("organization__path", "-term")[:200]
    )
    return render(request, "delegates/index.html", {"congresses": congresses})


@login_required
def overview(request, pk):
    congress = access_congress(request.user, pk)
    plan = AllocationPlan.objects.filter(congress=congress).first()
    counts = {
        row["kind"]: row["n"]
        for row in Delegate.objects.filter(congress=congress)
        .order_by()
        .values("kind")
        .annotate(n=Count("id"))
    }
    context = {
        "congress": congress,
        "plan": plan,
        "counts": counts,
        "status": (roster_status := attendance.status(congress)),
        "base_figures": attendance.base_panel(congress, roster_status),
    }
    return render(request, "delegates/overview.html", context)


@login_required
def plan_page(request, pk):
    congress = access_congress(request.user, pk)
    plan = AllocationPlan.objects.filter(congress=congress).first()
    if request.method == "POST":
        if not request.user.can_edit:
            raise PermissionDenied
        form = PlanForm(request.POST, instance=plan)
        if form.is_valid():
            try:
                allocation.save_plan(request.user, congress, **form.settings())
                messages.success(request, _("Đã tính phân bổ."))
                return redirect("delegates:plan", pk=congress.pk)
            except allocation.PlanError as error:
                messages.error(request, str(error))
    else:
        form = PlanForm(instance=plan, initial=_suggested(congress))
    return render(request, "delegates/plan.html", _plan_context(congress, plan, form))


def _suggested(congress) -> dict:
    cap = apportion.delegate_cap(congress.organization.level, congress.term)
    return {"total": min(350, cap.high) if cap and cap.high else 150}


def _plan_context(congress, plan, form) -> dict:
    lines = list(plan.lines.select_related("organization")) if plan else []
    cap = apportion.delegate_cap(congress.organization.level, congress.term)
    return {
        "congress": congress,
        "plan": plan,
        "form": form,
        "lines": lines,
        "cap": cap,
        "issues": allocation.issues_before_approval(plan) if plan else [],
        "delegations": sum(line.delegation for line in lines),
        "members": sum(line.members for line in lines),
        "elected": sum(line.seats for line in lines),
        "alternates": sum(line.alternates for line in lines),
        "ex_officio": sum(line.ex_officio for line in lines),
    }


@login_required
@require_POST
def plan_line(request, pk, line_pk):
    congress = access_congress(request.user, pk, edit=True)
    line = get_object_or_404(AllocationLine, pk=line_pk, plan__congress=congress)
    adjusting = "seats" in request.POST
    form = (LineAdjustForm if adjusting else LineInputsForm)(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("delegates:plan", pk=congress.pk)
    try:
        if adjusting:
            allocation.adjust_line(request.user, line, **form.cleaned_data)
        else:
            allocation.set_line_inputs(request.user, line, **form.cleaned_data)
        messages.success(request, _("Đã cập nhật %(org)s.") % {"org": line.organization.name})
    except allocation.PlanError as error:
        messages.error(request, str(error))
    return redirect("delegates:plan", pk=congress.pk)


@login_required
@require_POST
def plan_amend(request, pk, line_pk):
    """Seats and alternates of one line; after approval, with the higher committee's decision."""
    congress = access_congress(request.user, pk, edit=True)
    line = get_object_or_404(AllocationLine, pk=line_pk, plan__congress=congress)
    form = LineAmendForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("delegates:plan", pk=congress.pk)
    try:
        quota.amend_allocation(request.user, line, **form.cleaned_data)
        messages.success(request, _("Đã cập nhật %(org)s.") % {"org": line.organization.name})
    except allocation.PlanError as error:
        messages.error(request, str(error))
    return redirect("delegates:plan", pk=congress.pk)


@login_required
@require_POST
def plan_approve(request, pk):
    congress = access_congress(request.user, pk, edit=True)
    plan = get_object_or_404(AllocationPlan, congress=congress)
    try:
        allocation.approve_plan(request.user, plan)
        messages.success(request, _("Đề án phân bổ đã được thông qua."))
    except allocation.PlanError as error:
        messages.error(request, str(error))
    return redirect("delegates:plan", pk=congress.pk)


@login_required
def plan_file(request, pk, fmt):
    congress = access_congress(request.user, pk)
    plan = get_object_or_404(AllocationPlan, congress=congress)
    lines = list(plan.lines.select_related("organization"))
    name = f"de-an-phan-bo-dai-bieu-{congress.organization.code}"
    if fmt == "docx":
        data = documents.plan_docx(plan, lines, timezone.localdate())
        return file_response(data, DOCX, name + ".docx")
    if fmt == "xlsx":
        return file_response(documents.plan_xlsx(plan, lines), XLSX, name + ".xlsx")
    raise Http404("unknown format")
