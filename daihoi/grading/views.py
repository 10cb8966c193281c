"""The year's review: the list of cycles, opening one, the progress dashboard, the summary tables.

Thin views: organisations come through ``access_*`` (404 outside the user's
subtree), reads through ``progress``/``summary``, writes through ``services``
(each refusal shown as its message).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.organizations.selectors import access_organization, ancestors, can_see, user_root
from daihoi.rules.grading import GRADES, LABELS, SHORT, rules_for_year

from . import progress, services, summary
from .forms import CycleForm
from .selectors import access_cycle, cycle_root, visible_cycles


def crumbs(user, org) -> list:
    return [a for a in ancestors(org) if can_see(user, a)]


@login_required
def index(request):
    today = timezone.localdate()
    cycles = list(visible_cycles(request.user)[:50])
    for cycle in cycles:
        cycle.root = cycle_root(request.user, cycle)
        cycle.progress = progress.by_level(cycle, cycle.root, today)[0]
        cycle.rules = rules_for_year(cycle.year)
    root = user_root(request.user)
    context = {
        "cycles": cycles,
        "form": CycleForm.for_year(today.year),
        "root": root,
        "can_open": request.user.can_edit and root is not None,
    }
    return render(request, "grading/index.html", context)


@login_required
@require_POST
def open_cycle(request):
    root = user_root(request.user)
    form = CycleForm(request.POST)
    if root is None or not request.user.can_edit:
        raise Http404("no organisation")
    if form.is_valid():
        try:
            cycle = services.open_cycle(request.user, root, **form.cleaned_data)
        except services.GradingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Đã mở kiểm điểm, xếp loại năm %(year)s cho %(org)s.")
                % {"year": cycle.year, "org": root.name},
            )
            return redirect("grading:dashboard", cycle.pk)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {errors[0]}" if label else errors[0])
    return redirect("grading:index")


def _scope(request, cycle):
    pk = request.GET.get("org")
    root = access_organization(request.user, pk) if pk else cycle_root(request.user, cycle)
    if not root.path.startswith(cycle.organization.path):
        raise Http404("outside the cycle")
    return root


@login_required
def dashboard(request, pk):
    cycle = access_cycle(request.user, pk)
    root = _scope(request, cycle)
    today = timezone.localdate()
    data = progress.dashboard(cycle, root, today)
    chart = {
        "levels": [p.label for p in data["levels"]],
        "done": [p.done for p in data["levels"]],
        "open": [p.total - p.done for p in data["levels"]],
    }
    context = {
        "cycle": cycle,
        "root": root,
        "today": today,
        "rules": rules_for_year(cycle.year),
        "chart": chart,
        "statuses": progress.STATUSES,
        "crumbs": crumbs(request.user, root),
        **data,
    }
    return render(request, "grading/dashboard.html", context)


@login_required
def summary_page(request, pk):
    cycle = access_cycle(request.user, pk)
    root = _scope(request, cycle)
    context = {
        "cycle": cycle,
        "root": root,
        "data": summary.all_summaries(cycle.year, root),
        "grades": [(g.value, SHORT[g], LABELS[g]) for g in GRADES],
        "subject_titles": [
            ("member", _("Đảng viên")),
            ("organization", _("Tổ chức đảng")),
            ("leader", _("Cá nhân lãnh đạo, quản lý (người đứng đầu)")),
        ],
        "crumbs": crumbs(request.user, root),
    }
    return render(request, "grading/summary.html", context)
