"""Congress pages: the list, one congress (attendance, base, elections, open votes, teams).

Everyone who may see the organisation reads; only organisers (`access.is_organiser`)
change anything. A congress outside the user's subtree is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.elections import entry, lists, results
from daihoi.elections.access import is_counter, is_organiser
from daihoi.elections.forms import ElectionForm, ShowOfHandsForm
from daihoi.elections.models import Election, ElectionKind
from daihoi.organizations.selectors import can_see, visible_organizations
from daihoi.request_guards import query_id
from daihoi.rules.congress_kinds import election_refusal, elections_left

from . import services
from .appointments import appointed_people, appointment_of, as_rule, with_appointed_flag
from .forms import AttendanceForm, CongressForm, TeamForm
from .forms_terms import AppointedListForm, AppointedPersonForm, AppointmentForm
from .models import Congress
from .terms import term_names


def access_congress(user, pk, *, organiser: bool = False) -> Congress:
    congress = Congress.objects.select_related("organization").filter(pk=pk).first()
    if congress is None or not user.is_authenticated:
        raise Http404("congress not found")
    visible = can_see(user, congress.organization) or is_counter(user, congress)
    if not visible or (organiser and not is_organiser(user, congress)):
        raise Http404("congress not found")
    return congress


def _flash(request, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


def _flash_form(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _detail_url(congress, anchor: str = "") -> str:
    url = reverse("congresses:detail", args=[congress.pk])
    return f"{url}#{anchor}" if anchor else url


def _organisations_for_new(user):
    return visible_organizations(user).order_by("path") if user.can_edit else None


def _filtered(request, congresses):
    """The list's filters: organisation, term, and who made the committee (elected / appointed)."""
    org_filter = request.GET.get("organization", "")
    if query_id(org_filter) is not None:
        congresses = congresses.filter(organization_id=query_id(org_filter))
    term = request.GET.get("term", "")
    if term:
        congresses = congresses.filter(term=term)
    committee = request.GET.get("committee", "")
    if committee in ("appointed", "elected"):
        congresses = congresses.filter(committee_appointed=committee == "appointed")
    filters = {"organization": org_filter, "term": term, "committee": committee}
    return congresses, filters


@require_GET
@login_required
def congress_list(request):
    congresses = Congress.objects.filter(
        organization__in=visible_organizations(request.user)
    ).select_related("organization")
    congresses, filters = _filtered(request, with_appointed_flag(congresses))
    organizations = _organisations_for_new(request.user)
    form = None
    if organizations is not None:
        org_filter = filters["organization"]
        initial = {"organization": query_id(org_filter)} if query_id(org_filter) else {}
        form = CongressForm(organizations=organizations, initial=initial)
    context = {
        "congresses": congresses.order_by("organization__path", "-starts_on"),
        "form": form,
        "filters": filters,
        "terms": term_names(),
    }
    return render(request, "congresses/list.html", context)


@require_POST
@login_required
def congress_create(request):
    organizations = _organisations_for_new(request.user)
    if organizations is None:
        raise Http404("not an organiser")
    form = CongressForm(request.POST, organizations=organizations)
    if not form.is_valid():
        _flash_form(request, form)
        return redirect("congresses:list")
    try:
        congress = services.create_congress(
            request.user, form.cleaned_data["organization"], **form.service_kwargs()
        )
    except ValidationError as exc:
        _flash(request, exc)
        return redirect("congresses:list")
    messages.success(request, _("Đã tạo đại hội. Nhập số được triệu tập và có mặt."))
    return redirect(_detail_url(congress, "attendance"))


def election_form(appointment) -> ElectionForm:
    """The form offers only the elections the congress may hold (rules/congress_kinds.py)."""
    form = ElectionForm(initial={"entries_required": 2})
    rule = as_rule(appointment)
    field = form.fields["kind"]
    field.choices = [(k, v) for k, v in field.choices if election_refusal(k, rule) is None]
    return form


def appointment_context(appointment, organiser: bool) -> dict:
    """The "Cấp ủy chỉ định" section: the decision, its people, what the congress still elects."""
    context = {
        "appointment": appointment,
        "appointed": appointed_people(appointment) if appointment else [],
        "elections_left": [
            (ElectionKind(kind).label, citation)
            for kind, citation in elections_left(as_rule(appointment))
        ],
    }
    if organiser:
        context.update(
            decision_form=AppointmentForm(instance=appointment),
            person_form=AppointedPersonForm(),
            list_form=AppointedListForm(),
        )
    return context


def congress_base(congress) -> tuple[int | None, list]:
    """The base of the congress's own elections (committee, delegates), with its computation."""
    try:
        return results.base_explained(Election(congress=congress, kind=ElectionKind.COMMITTEE))
    except ValueError:
        return None, []


@require_GET
@login_required
def congress_detail(request, pk: int):
    congress = access_congress(request.user, pk)
    organiser = is_organiser(request.user, congress)
    base, base_lines = congress_base(congress)
    teams = congress.counting_teams.select_related("leader").prefetch_related("members")
    appointment = appointment_of(congress)
    context = {
        "congress": congress,
        "organiser": organiser,
        **appointment_context(appointment, organiser),
        "base": base,
        "base_rows": [(label, abs(n), n < 0) for label, n in base_lines],
        "needed": base // 2 + 1 if base else None,
        "elections": congress.elections.order_by("id"),
        "open_votes": congress.open_votes.select_related("election").order_by("recorded_at"),
        "teams": teams.order_by("name"),
    }
    if organiser:
        context.update(
            attendance_form=AttendanceForm(congress=congress),
            election_form=election_form(appointment),
            vote_form=ShowOfHandsForm(),
            team_form=TeamForm(congress=congress),
        )
    return render(request, "congresses/detail.html", context)


@require_POST
@login_required
def attendance(request, pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    form = AttendanceForm(request.POST, congress=congress)
    if not form.is_valid():
        _flash_form(request, form)
        return redirect(_detail_url(congress, "attendance"))
    try:
        services.update_attendance(request.user, congress, **form.cleaned_data)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Đã cập nhật số đại biểu và cơ sở tính kết quả."))
    return redirect(_detail_url(congress, "attendance"))


@require_POST
@login_required
def create_election(request, pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    form = ElectionForm(request.POST)
    if not form.is_valid():
        _flash_form(request, form)
        return redirect(_detail_url(congress, "elections"))
    try:
        election = lists.create_election(request.user, congress, **form.service_kwargs())
    except ValidationError as exc:
        _flash(request, exc)
        return redirect(_detail_url(congress, "elections"))
    messages.success(request, _("Đã tạo cuộc bầu cử. Lập danh sách bầu cử."))
    return redirect("elections:setup", election.pk)


@require_POST
@login_required
def show_of_hands(request, pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    form = ShowOfHandsForm(request.POST)
    if not form.is_valid():
        _flash_form(request, form)
        return redirect(_detail_url(congress, "votes"))
    try:
        vote = lists.record_show_of_hands(request.user, congress, **form.cleaned_data)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        outcome = _("thông qua") if vote.passed else _("không thông qua")
        messages.success(request, f"{vote.subject}: {outcome}.")
    return redirect(_detail_url(congress, "votes"))


@require_POST
@login_required
def create_team(request, pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    form = TeamForm(request.POST, congress=congress)
    if not form.is_valid():
        _flash_form(request, form)
        return redirect(_detail_url(congress, "teams"))
    data = form.cleaned_data
    team = entry.create_team(
        request.user, congress, name=data["name"], leader=data["leader"], members=data["members"]
    )
    messages.success(request, _("Đã lập %(name)s.") % {"name": team.name})
    return redirect(_detail_url(congress, "teams"))
