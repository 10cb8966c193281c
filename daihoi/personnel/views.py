"""Personnel plan pages: the list, one plan (sizes, targets, candidates, findings).

Everyone who sees the congress's organisation reads; staff and administrators
change. A plan outside the user's subtree is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.congresses.models import Congress
from daihoi.organizations.selectors import visible_organizations

from . import checks, services, summary
from .forms import AddCandidateForm, CandidateForm, NewPlanForm, OverrideForm, PlanForm
from .models import Candidate
from .selectors import access_plan, load_plan_data, visible_plans


def flash_errors(request, exc_or_form) -> None:
    if isinstance(exc_or_form, ValidationError):
        for text in exc_or_form.messages:
            messages.error(request, text)
        return
    for field, errors in exc_or_form.errors.items():
        label = exc_or_form.fields[field].label if field in exc_or_form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def findings_url(pk: int) -> str:
    return reverse("personnel:detail", args=[pk]) + "#findings"


def _congresses_without_plan(user):
    return Congress.objects.filter(
        organization__in=visible_organizations(user), personnel_plan__isnull=True
    ).select_related("organization")


@require_GET
@login_required
def plan_list(request):
    form = NewPlanForm(congresses=_congresses_without_plan(request.user))
    plans = visible_plans(request.user).order_by("congress__organization__path")
    return render(request, "personnel/list.html", {"plans": plans, "form": form})


@require_POST
@login_required
def plan_create(request):
    if not request.user.can_edit:
        raise Http404("not an editor")
    form = NewPlanForm(request.POST, congresses=_congresses_without_plan(request.user))
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("personnel:list")
    data = dict(form.cleaned_data)
    plan = services.create_plan(request.user, data.pop("congress"), **data)
    messages.success(request, _("Đã lập đề án nhân sự. Thêm nhân sự dự kiến."))
    return redirect("personnel:detail", plan.pk)


@require_GET
@login_required
def plan_detail(request, pk: int):
    plan = access_plan(request.user, pk)
    data = load_plan_data(plan)
    rules, reference = checks.rules_of(plan), checks.reference_of(plan)
    report = checks.evaluate(plan, data)  # live figures; stored findings are the reviewed ones
    rows = []
    for candidate, person in zip(data.candidates, report.people, strict=True):
        facts = summary.person_facts(person, rules, reference)
        rows.append(
            {
                "c": candidate,
                "p": person,
                **facts,
                "open_letters": sum(not x.resolved for x in person.letters),
            }
        )
    by = request.GET.get("by", "person")
    grouped = (summary.findings_by_rule if by == "rule" else summary.findings_by_person)(
        plan.findings
    )
    context = {
        "plan": plan,
        "rules": rules,
        "rows": rows,
        "structure": summary.structure_rows(report.figures, report.targets),
        "figures": report.figures,
        "grouped": grouped,
        "by": by,
        "counts": summary.counts(plan.findings),
        "stale": plan.checked_at is None,
        "can_edit": request.user.can_edit,
        "add_form": AddCandidateForm(),
        "plan_form": PlanForm(instance=plan),
        "override_form": OverrideForm(),
    }
    return render(request, "personnel/detail.html", context)


@require_POST
@login_required
def plan_update(request, pk: int):
    plan = access_plan(request.user, pk, edit=True)
    form = PlanForm(request.POST, instance=plan)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("personnel:detail", plan.pk)
    changed = {name: form.cleaned_data[name] for name in form.changed_data}
    if changed:
        services.update_plan(request.user, plan, **changed)
    messages.success(request, _("Đã lưu số lượng và chỉ tiêu cơ cấu."))
    return redirect("personnel:detail", plan.pk)


@require_POST
@login_required
def candidate_add(request, pk: int):
    plan = access_plan(request.user, pk, edit=True)
    form = AddCandidateForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("personnel:detail", plan.pk)
    data = form.cleaned_data
    try:
        services.add_candidate(
            request.user, plan, data["member"], post=data["post"], re_elected=data["re_elected"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Đã thêm %(name)s.") % {"name": data["member"]})
    return redirect("personnel:detail", plan.pk)


def _candidate(request, pk: int, candidate_pk: int) -> Candidate:
    plan = access_plan(request.user, pk, edit=True)
    return get_object_or_404(
        Candidate.objects.select_related("member", "plan"), pk=candidate_pk, plan=plan
    )


@login_required
def candidate_edit(request, pk: int, candidate_pk: int):
    candidate = _candidate(request, pk, candidate_pk)
    form = CandidateForm(request.POST or None, instance=candidate)
    if request.method == "POST":
        if form.is_valid():
            changed = {name: form.cleaned_data[name] for name in form.changed_data}
            if changed:
                services.update_candidate(request.user, candidate, **changed)
            messages.success(request, _("Đã lưu %(name)s.") % {"name": candidate.member})
            return redirect("personnel:detail", pk)
        candidate.refresh_from_db()
    context = {"plan": candidate.plan, "candidate": candidate, "form": form}
    return render(request, "personnel/candidate.html", context)


@require_POST
@login_required
def candidate_remove(request, pk: int, candidate_pk: int):
    candidate = _candidate(request, pk, candidate_pk)
    services.remove_candidate(request.user, candidate)
    messages.success(request, _("Đã bỏ %(name)s khỏi danh sách.") % {"name": candidate.member})
    return redirect("personnel:detail", pk)


@require_POST
@login_required
def run_checks(request, pk: int):
    plan = access_plan(request.user, pk, edit=True)
    report = services.run_checks(request.user, plan)
    tally = summary.counts(report.findings)
    messages.success(
        request,
        _("Đã kiểm tra: %(b)s vướng, %(w)s cần lưu ý, %(i)s thông tin.")
        % {"b": tally["blocking"], "w": tally["warning"], "i": tally["info"]},
    )
    return redirect(findings_url(plan.pk))


@require_POST
@login_required
def override(request, pk: int, candidate_pk: int):
    candidate = _candidate(request, pk, candidate_pk)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(findings_url(pk))
    try:
        services.override_finding(
            request.user, candidate, form.cleaned_data["code"], form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Đã ghi lý do bỏ qua cho %(name)s.") % {"name": candidate})
    return redirect(findings_url(pk))
