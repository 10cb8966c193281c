"""Plan pages: create and change a plan, issue it, its tasks, timeline, calendar and Excel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.documents import xlsx
from daihoi.organizations.selectors import access_organization, ancestors, can_see, user_root

from .. import plans as services
from .. import schedule, timeline
from ..access import access_plan, access_task, can_report_task, is_organiser
from ..errors import PreparationError
from ..forms import IssueForm, PlanForm, TaskForm, TaskReportForm
from ..models import Body, Plan
from ..tables.files import check_upload
from .common import XLSX, download, flash_error, flash_form, stored_file


def _organization_for_new(request):
    pk = request.GET.get("org") or request.POST.get("org")
    org = access_organization(request.user, pk) if pk else user_root(request.user)
    if org is None or not is_organiser(request.user, org):
        raise Http404("not an organiser")
    return org


def _save(request, form, org, plan=None) -> Plan:
    upload = form.cleaned_data.get("file")
    if upload:
        check_upload(upload, (".pdf",), _("Văn bản kế hoạch"))
    data = form.cleaned_data
    saved = services.save_plan(
        request.user,
        org,
        term=data["term"] if plan is None else plan.term,
        title=data["title"],
        levels=form.level_inputs(),
        plan=plan,
        number=data["number"],
        basis=data["basis"],
        review_lead_days=data["review_lead_days"],
    )
    if upload:
        saved.file.save(upload.name, upload, save=True)
    return saved


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request):
    org = _organization_for_new(request)
    form = PlanForm(request.POST or None, request.FILES or None, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            plan = _save(request, form, org)
        except (PreparationError, ValidationError) as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch. Kiểm tra các mốc rồi ban hành."))
            return redirect("preparation:plan", plan.pk)
    elif request.method == "POST":
        flash_form(request, form)
    return render(request, "preparation/plan_form.html", {"form": form, "org": org, "plan": None})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = access_plan(request.user, pk, edit=True)
    org = plan.organization
    initial = PlanForm.initial_for(plan)
    form = PlanForm(request.POST or None, request.FILES or None, organization=org, initial=initial)
    form.fields["term"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, form, org, plan)
        except (PreparationError, ValidationError) as error:
            flash_error(request, error)
        else:
            messages.success(
                request, _("Đã lưu thay đổi; hạn của các đại hội cấp dưới đã cập nhật.")
            )
            return redirect("preparation:plan", plan.pk)
    elif request.method == "POST":
        flash_form(request, form)
    return render(request, "preparation/plan_form.html", {"form": form, "org": org, "plan": plan})


def _task_form(plan, data=None):
    org = plan.organization
    bodies = Body.objects.filter(organization__path__startswith=org.path, term=plan.term)
    below = org.children.order_by("name")
    return TaskForm(data, bodies=bodies.order_by("name"), organizations=below)


@login_required
@require_GET
def plan_detail(request, pk):
    plan = access_plan(request.user, pk)
    today = timezone.localdate()
    organiser = is_organiser(request.user, plan.organization)
    tasks = plan.tasks.select_related(
        "plan__organization", "owner_body__organization", "owner_organization"
    )
    task_rows = [
        (
            task,
            schedule.task_state(task.due_on, task.status, today),
            can_report_task(request.user, task),
        )
        for task in tasks
    ]
    context = {
        "plan": plan,
        "organiser": organiser,
        "milestones": plan.milestones.order_by("finish_by"),
        "task_rows": task_rows,
        "findings": services.plan_findings(plan),
        "crumbs": [a for a in ancestors(plan.organization) if can_see(request.user, a)],
        "today": today,
        "report_form": TaskReportForm(initial={"done_on": today}),
    }
    if organiser:
        context["task_form"] = _task_form(plan)
        context["issue_form"] = IssueForm(initial={"issued_on": today})
    return render(request, "preparation/plan.html", context)


@login_required
@require_POST
def plan_issue(request, pk):
    plan = access_plan(request.user, pk, edit=True)
    form = IssueForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            services.issue_plan(request.user, plan, form.cleaned_data["issued_on"])
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(
                request, _("Đã ban hành kế hoạch: các đại hội cấp dưới nhận hạn theo kế hoạch.")
            )
    return redirect("preparation:plan", plan.pk)


@login_required
@require_POST
def task_add(request, pk):
    plan = access_plan(request.user, pk, edit=True)
    form = _task_form(plan, request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("preparation:plan", plan.pk)
    try:
        services.add_task(request.user, plan, **form.cleaned_data)
    except PreparationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Đã thêm nhiệm vụ."))
    return redirect(f"{plan_url(plan)}#tasks")


def plan_url(plan) -> str:
    return reverse("preparation:plan", args=[plan.pk])


@login_required
@require_POST
def task_report(request, pk):
    task = access_task(request.user, pk, report=True)
    form = TaskReportForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            services.report_task(request.user, task, **form.cleaned_data)
        except (PreparationError, ValidationError) as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã cập nhật tình hình thực hiện nhiệm vụ."))
    return redirect(f"{plan_url(task.plan)}#task-{task.pk}")


@login_required
@require_GET
def task_evidence(request, pk):
    task = access_task(request.user, pk)
    return stored_file(task.evidence)


@login_required
@require_GET
def plan_file(request, pk):
    plan = access_plan(request.user, pk)
    return stored_file(plan.file, inline=True)


@login_required
@require_GET
def plan_timeline(request, pk):
    plan = access_plan(request.user, pk)
    today = timezone.localdate()
    entries = timeline.entries(plan, today)
    context = {
        "plan": plan,
        "months": timeline.by_month(entries),
        "today": today,
        "crumbs": [a for a in ancestors(plan.organization) if can_see(request.user, a)],
    }
    return render(request, "preparation/timeline.html", context)


@login_required
@require_GET
def plan_calendar(request, pk):
    plan = access_plan(request.user, pk)
    url = request.build_absolute_uri(plan_url(plan))
    text = timeline.calendar_text(plan, timezone.localdate(), url)
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{plan.pk}.ics"'
    return response


TASK_HEADERS = (
    "TT",
    "Nhiệm vụ",
    "Chủ trì",
    "Thời hạn",
    "Tình trạng",
    "Ngày hoàn thành",
    "Đánh giá",
)
STATE_WORDS = {
    schedule.OVERDUE: "Quá hạn",
    schedule.AT_RISK: "Sắp đến hạn",
    schedule.ON_TRACK: "Trong hạn",
    schedule.DONE: "Hoàn thành",
    schedule.CANCELLED: "Hủy bỏ",
}


@login_required
@require_GET
def plan_tasks_xlsx(request, pk):
    plan = access_plan(request.user, pk)
    today = timezone.localdate()
    book, sheet = xlsx.new_workbook("Nhiệm vụ")
    row = xlsx.write_title(sheet, 1, [plan.title, plan.organization.name], len(TASK_HEADERS))
    rows = [
        (
            i,
            t.title,
            str(t.owner),
            t.due_on,
            t.get_status_display(),
            t.done_on,
            STATE_WORDS[schedule.task_state(t.due_on, t.status, today)],
        )
        for i, t in enumerate(
            plan.tasks.select_related("owner_body", "owner_organization"), start=1
        )
    ]
    formats = ("0", None, None, xlsx.DATE, None, xlsx.DATE, None)
    xlsx.write_table(sheet, row, TASK_HEADERS, rows, formats=formats)
    xlsx.set_widths(sheet, (5, 50, 30, 12, 16, 14, 14))
    return download(xlsx.workbook_bytes(book), f"nhiem-vu-ke-hoach-{plan.pk}.xlsx", XLSX)
