"""One unit's review: the grading sheet, its live check, its steps, its minutes and appeals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.rules.grading import GRADES, LABELS, SHORT, Grade

from . import checks, minutes, services, workflow
from .forms import AppealForm, ResolveForm, StepForm, sheet_input
from .models import Appeal, Evaluation, GradeChoice
from .selectors import access_unit, is_higher, load_sheet
from .views import crumbs

GRADE_KEYS = [(str(i), g.value, SHORT[g], LABELS[g]) for i, g in enumerate(GRADES, start=1)]


def _rows(sheet, data: checks.SheetInput, report: checks.SheetReport) -> list[dict]:
    rows = []
    for number, member in enumerate(sheet.members, start=1):
        row = data.rows.get(member.pk) or checks.RowInput(member.pk)
        rows.append(
            {
                "n": number,
                "member": member,
                "input": row,
                "grade": row.grade.value if row.grade else "",
                "civil": row.civil_servant.value if row.civil_servant else "",
                "findings": report.by_member.get(member.pk, []),
                "ceiling": report.ceilings.get(member.pk),
                "ceiling_label": SHORT[report.ceilings[member.pk]]
                if report.ceilings.get(member.pk)
                else "",
            }
        )
    return rows


def _context(request, unit, sheet, data, report) -> dict:
    user = request.user
    higher = is_higher(user, unit.organization)
    return {
        "unit": unit,
        "cycle": unit.cycle,
        "sheet": sheet,
        "rules": sheet.rules,
        "data": data,
        "report": report,
        "rows": _rows(sheet, data, report),
        "grade_keys": GRADE_KEYS,
        "grade_choices": GradeChoice.choices,
        "editable": workflow.editable(unit.status) and user.can_edit,
        "actions": workflow.allowed(unit.status, higher_level=higher) if user.can_edit else [],
        "log": unit.log.select_related("actor").order_by("-created_at", "-id")[:20],
        "appeals": Appeal.objects.filter(evaluation__unit=unit).select_related(
            "evaluation__member"
        ),
        "higher": higher,
        "today": timezone.localdate(),
        "crumbs": crumbs(user, unit.organization),
        "flags": checks.MEMBER_FLAGS,
    }


@login_required
def unit_page(request, pk):
    unit = access_unit(request.user, pk)
    sheet = load_sheet(unit)
    if request.method == "POST":
        data = sheet_input(request.POST, [m.pk for m in sheet.members], unit.cycle.meeting_due)
        try:
            services.save_grades(request.user, unit, data)
        except services.GradingError as error:
            messages.error(request, error.message)
            report = checks.evaluate(sheet, data)
            response = render(
                request, "grading/unit.html", _context(request, unit, sheet, data, report)
            )
            response.status_code = 422 if error.code == "rules" else 403
            return response
        messages.success(
            request, _("Đã lưu đề xuất xếp loại của %(org)s.") % {"org": unit.organization}
        )
        return redirect("grading:unit", unit.pk)
    # The grading meeting's date decides who is graded (6 months since admission): the planned one
    # until the meeting is recorded.
    data = services.stored_input(sheet, unit.proposed_on or unit.cycle.meeting_due)
    report = checks.evaluate(sheet, data)
    return render(request, "grading/unit.html", _context(request, unit, sheet, data, report))


@login_required
@require_POST
def unit_check(request, pk):
    """The live check (HTMX): the sheet as typed, every rule, nothing saved."""
    unit = access_unit(request.user, pk)
    sheet = load_sheet(unit)
    data = sheet_input(request.POST, [m.pk for m in sheet.members], unit.cycle.meeting_due)
    report = checks.evaluate(sheet, data)
    context = {
        "report": report,
        "rules": sheet.rules,
        "sheet": sheet,
        "rows": _rows(sheet, data, report),
        "oob_rows": True,
    }
    return render(request, "grading/_check.html", context)


@login_required
@require_POST
def unit_step(request, pk, action):
    unit = access_unit(request.user, pk)
    if action not in workflow.ACTIONS or action == "propose":
        raise Http404("unknown action")
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày không hợp lệ."))
        return redirect("grading:unit", unit.pk)
    try:
        services.record_step(
            request.user, unit, action, form.cleaned_data["on"], form.cleaned_data["note"]
        )
    except services.GradingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Đã cập nhật: %(step)s.") % {"step": workflow.ACTIONS[action].label}
        )
    return redirect("grading:unit", unit.pk)


@login_required
def unit_minutes(request, pk, fmt):
    unit = access_unit(request.user, pk)
    if fmt not in ("pdf", "docx"):
        raise Http404("format")
    content, mime = minutes.render(unit, fmt)
    response = HttpResponse(content, content_type=mime)
    name = f"bien-ban-xep-loai-{unit.organization.code}-{unit.year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def appeal_file(request, pk):
    unit = access_unit(request.user, pk)
    form = AppealForm(request.POST)
    if form.is_valid():
        evaluation = get_object_or_404(Evaluation, pk=form.cleaned_data["evaluation"], unit=unit)
        try:
            services.file_appeal(
                request.user, evaluation, form.cleaned_data["reason"], timezone.localdate()
            )
        except services.GradingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã ghi kiến nghị."))
    return redirect("grading:unit", unit.pk)


@login_required
@require_POST
def appeal_resolve(request, pk):
    appeal = get_object_or_404(Appeal.objects.select_related("evaluation__unit"), pk=pk)
    unit = access_unit(request.user, appeal.evaluation.unit_id)
    form = ResolveForm(request.POST)
    if form.is_valid():
        grade = form.cleaned_data["new_grade"]
        try:
            services.resolve_appeal(
                request.user,
                appeal,
                form.cleaned_data["outcome"],
                Grade(grade) if grade else None,
                timezone.localdate(),
            )
        except services.GradingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã ghi kết quả giải quyết kiến nghị."))
    return redirect("grading:unit", unit.pk)
