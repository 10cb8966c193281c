"""The congress page and its counting parts: elections, open votes, counting teams.

The page lives in the elections wing because most of it is counting (the
elections, the base they are counted against, the first meeting, show-of-hands
votes, the counting teams), and the congress wing below may not import it
(ARCHITECTURE.md, "Wings import one way"). Its URLs stay in the `congresses`
namespace (urls_congress.py, joined to congresses/urls.py in daihoi/urls.py);
the rest of the congress's pages are in daihoi/congresses/views.py.

Everyone who may see the organisation, and the members of the congress's
counting teams, read; only organisers change anything. Anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.congresses.appointments import appointed_people, appointment_of, as_rule
from daihoi.congresses.base import congress_figures
from daihoi.congresses.forms import AttendanceForm, TeamForm
from daihoi.congresses.forms_terms import AppointedListForm, AppointedPersonForm, AppointmentForm
from daihoi.congresses.models import Congress
from daihoi.congresses.views import access_congress as access_congress_to_organise
from daihoi.congresses.views import detail_url
from daihoi.organizations.selectors import can_see
from daihoi.rules import sittings as rules_sittings
from daihoi.rules.congress_kinds import election_refusal, elections_left

from . import entry, lists, results, sittings
from .access import is_counter, is_organiser
from .forms import ElectionForm, ShowOfHandsForm
from .models import Election, ElectionKind
from .views import flash_form_errors, flash_refusal


def access_congress(user, pk) -> Congress:
    """The congress if the user may read its page: its organisation is in sight, or the user
    counts at it; else 404."""
    congress = Congress.objects.select_related("organization").filter(pk=pk).first()
    if congress is None or not user.is_authenticated:
        raise Http404("congress not found")
    if not (can_see(user, congress.organization) or is_counter(user, congress)):
        raise Http404("congress not found")
    return congress


def election_form(appointment, congress=None) -> ElectionForm:
    """The form offers only the elections the congress may hold (rules/congress_kinds.py) and
    that the congress itself holds, not its first meeting (rules/sittings.py)."""
    form = ElectionForm(initial={"entries_required": 2})
    rule = as_rule(appointment)
    held = set(sittings.kinds_held(congress, None)) if congress is not None else None
    field = form.fields["kind"]
    field.choices = [
        (k, v)
        for k, v in field.choices
        if election_refusal(k, rule) is None and (held is None or k in held)
    ]
    if congress is not None:
        form.fields["seats"].help_text = allocation_hint(congress)
    return form


def allocation_hint(congress) -> str:
    """What the higher committee allocated to this congress's delegates' election, if known."""
    from daihoi.delegates.quota import quota_for

    found = quota_for(congress)
    if found is None or found.line is None or not found.approved:
        return ""
    return _(
        "Bầu đại biểu: cấp trên phân bổ %(seats)s đại biểu chính thức và %(alternates)s dự khuyết."
    ) % {"seats": found.line.seats, "alternates": found.line.alternates}


def first_meeting_context(congress) -> dict:
    """The first meeting's link, or whether it can be opened, and the cell's direct election."""
    unit = sittings.unit_of(congress)
    small_cell = unit.is_cell and unit.full_members and not rules_sittings.has_cell_committee(unit)
    return {
        "first_meeting": sittings.first_meeting_of(congress),
        "can_open_first_meeting": bool(sittings.elected_committee(congress)),
        "small_cell": small_cell,
        "cell_citation": rules_sittings.CITE_CELL,
        "is_cell": unit.is_cell,
    }


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
        **first_meeting_context(congress),
        "figures": congress_figures(congress),
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
            election_form=election_form(appointment, congress),
            vote_form=ShowOfHandsForm(),
            team_form=TeamForm(congress=congress),
        )
    return render(request, "congresses/detail.html", context)


@require_POST
@login_required
def create_election(request, pk: int):
    congress = access_congress_to_organise(request.user, pk, organiser=True)
    form = ElectionForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(detail_url(congress, "elections"))
    try:
        election = lists.create_election(request.user, congress, **form.service_kwargs())
    except ValidationError as exc:
        flash_refusal(request, exc)
        return redirect(detail_url(congress, "elections"))
    messages.success(request, _("Đã tạo cuộc bầu cử. Lập danh sách bầu cử."))
    return redirect("elections:setup", election.pk)


@require_POST
@login_required
def show_of_hands(request, pk: int):
    congress = access_congress_to_organise(request.user, pk, organiser=True)
    form = ShowOfHandsForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(detail_url(congress, "votes"))
    try:
        vote = lists.record_show_of_hands(request.user, congress, **form.cleaned_data)
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        outcome = _("thông qua") if vote.passed else _("không thông qua")
        messages.success(request, f"{vote.subject}: {outcome}.")
    return redirect(detail_url(congress, "votes"))


@require_POST
@login_required
def create_team(request, pk: int):
    congress = access_congress_to_organise(request.user, pk, organiser=True)
    form = TeamForm(request.POST, congress=congress)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(detail_url(congress, "teams"))
    data = form.cleaned_data
    team = entry.create_team(
        request.user, congress, name=data["name"], leader=data["leader"], members=data["members"]
    )
    messages.success(request, _("Đã lập %(name)s.") % {"name": team.name})
    return redirect(detail_url(congress, "teams"))
