"""The tracking dashboard, its drill-down, each congress's tracking page and the upward statistics.

Thin views: the organisation comes through `access_organization` (404 outside
the user's subtree), reads through `selectors`/`statistics`, writes through
`congresses.tracking` (each refusal shown as its message).
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.congresses import tracking
from daihoi.congresses.bottom_up import LateException, pending_subordinates, recorded_exception
from daihoi.congresses.listing import CongressFilters, filter_congresses
from daihoi.congresses.models import Congress
from daihoi.dates import parse_date
from daihoi.elections.results import results_from_elections
from daihoi.listing import paginate
from daihoi.organizations.models import Level
from daihoi.organizations.selectors import access_organization, ancestors, can_see, user_root

from . import selectors, statistics
from .forms import DocumentsForm, PostponeForm, ResultsForm, ScheduleForm
from .xlsx import statistics_xlsx

TERMS = ["2025-2030", "2020-2025"]


def _scope(request):
    """The organisation the page is about (?org=…, default the user's own) and the term."""
    pk = request.GET.get("org")
    root = access_organization(request.user, pk) if pk else user_root(request.user)
    if root is None:
        raise Http404("no organisation")
    term = request.GET.get("term") if request.GET.get("term") in TERMS else TERMS[0]
    return root, term


def _crumbs(user, org) -> list:
    return [a for a in ancestors(org) if can_see(user, a)]


@login_required
def dashboard(request):
    root, term = _scope(request)
    data = selectors.dashboard(root, term)
    chart = {
        "weeks": [w.strftime("%d/%m") for w, _ in data["weeks"]],
        "held": [n for _, n in data["weeks"]],
        "levels": [p.label for p in data["levels"]],
        "by_status": {
            status: [p.by_status[status] for p in data["levels"]] for status in selectors.STATUSES
        },
    }
    context = {"root": root, "term": term, "terms": TERMS, "chart": chart, **data}
    context["crumbs"] = _crumbs(request.user, root)
    return render(request, "reports/dashboard.html", context)


@login_required
def congress_list(request):
    """The tracking list of a subtree and term: search without marks, level, status, pages."""
    root, term = _scope(request)
    filters = CongressFilters.from_query(request.GET)
    qs = selectors.congresses_in(root, term).select_related("organization")
    qs = filter_congresses(qs, filters)
    listing = paginate(request, qs)
    context = {
        "root": root,
        "term": term,
        "status": filters.status,
        "filters": filters,
        "levels": Level.choices,
        "listing": listing,
        "page_obj": listing.page,
        "query": listing.query,
        "crumbs": _crumbs(request.user, root),
    }
    return render(request, "reports/congress_list.html", context)


def access_congress(user, pk) -> Congress:
    congress = Congress.objects.select_related("organization").filter(pk=pk).first()
    if congress is None or not user.is_authenticated or not can_see(user, congress.organization):
        raise Http404("congress not found")
    return congress


@login_required
def tracking_page(request, pk):
    congress = access_congress(request.user, pk)
    today = timezone.localdate()
    forms = {
        "schedule": ScheduleForm(
            initial={"planned_on": congress.planned_on, "pilot": congress.pilot}
        ),
        "postpone": PostponeForm(),
        "documents": DocumentsForm(initial={"received_on": today}),
        "results": ResultsForm(initial={**results_from_elections(congress), "reported_on": today}),
    }
    context = {
        "congress": congress,
        "actions": tracking.allowed_actions(congress.status),
        "late_exception": recorded_exception(congress) if congress.status == "held" else None,
        "pending_subordinates": pending_subordinates(congress)
        if "hold" in tracking.allowed_actions(congress.status)
        else [],
        "forms": forms,
        "today": today,
        "crumbs": _crumbs(request.user, congress.organization),
    }
    return render(request, "reports/tracking.html", context)


def _results_initial(congress, today) -> dict:
    """What was reported already, else what the congress's published elections say."""
    found = results_from_elections(congress)
    return {
        "committee_elected": congress.committee_elected or found["committee_elected"],
        "delegates_elected": congress.delegates_elected or found["delegates_elected"],
        "reported_on": congress.results_reported_on or today,
    }


FORMS = {
    "schedule": ScheduleForm,
    "postpone": PostponeForm,
    "documents": DocumentsForm,
    "results": ResultsForm,
}


@login_required
@require_POST
def tracking_action(request, pk, action):
    congress = access_congress(request.user, pk)
    if not request.user.can_edit:
        raise PermissionDenied
    try:
        _apply(request, congress, action)
    except tracking.TrackingError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("reports:tracking", pk=congress.pk)


def _apply(request, congress, action) -> None:
    user, today = request.user, timezone.localdate()
    simple = {
        "prepare": lambda: tracking.prepare_congress(user, congress),
        "resume": lambda: tracking.resume_congress(user, congress),
        "open": lambda: tracking.open_congress(user, congress, today),
        "hold": lambda: tracking.hold_congress(
            user, congress, _date(request, "held_on", today), _late_exception(request)
        ),
    }
    if action in simple:
        simple[action]()
        messages.success(request, _("Đã cập nhật trạng thái đại hội."))
        return
    if action not in FORMS:
        raise Http404("unknown action")
    form = FORMS[action](request.POST)
    if not form.is_valid():
        raise ValidationError([f"{form.fields[k].label}: {e[0]}" for k, e in form.errors.items()])
    form.apply(user, congress)
    messages.success(request, _("Đã lưu."))


def _late_exception(request) -> LateException | None:
    """The higher committee's decision letting subordinate congresses be held late, if typed."""
    number = request.POST.get("late_decision_number", "").strip()
    if not number:
        return None
    return LateException(
        number, _date(request, "late_decided_on", None), request.POST.get("late_note", "")
    )


def _date(request, name: str, default: dt.date) -> dt.date:
    return parse_date(request.POST.get(name)) or default


@login_required
def statistics_page(request):
    root, term = _scope(request)
    today = timezone.localdate()
    context = {
        "root": root,
        "term": term,
        "terms": TERMS,
        "today": today,
        "members": statistics.member_statistics(root, today),
        "reported": statistics.committees_reported(root, term),
        "structure": statistics.committee_structure(root, term, today),
        "crumbs": _crumbs(request.user, root),
    }
    return render(request, "reports/statistics.html", context)


@login_required
def statistics_file(request):
    root, term = _scope(request)
    today = timezone.localdate()
    data = statistics_xlsx(root, term, today)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="thong-ke-{root.code}-{term}.xlsx"'
    return response
