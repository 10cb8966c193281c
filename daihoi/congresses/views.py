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
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.elections import entry, lists, results, sittings
from daihoi.elections.access import is_counter, is_organiser
from daihoi.elections.forms import ElectionForm, ShowOfHandsForm
from daihoi.elections.models import Election, ElectionKind
from daihoi.listing import paginate, positive_int, xlsx_download
from daihoi.organizations.models import Level
from daihoi.organizations.selectors import can_see, visible_organizations
from daihoi.people.views.members import is_htmx_partial
from daihoi.rules import sittings as rules_sittings
from daihoi.rules.congress_kinds import election_refusal, elections_left
from daihoi.typeahead import lookup_response

from . import services
from .appointments import appointed_people, appointment_of, as_rule, with_appointed_flag
from .base import congress_figures
from .forms import AttendanceForm, CongressForm, TeamForm
from .forms_terms import AppointedListForm, AppointedPersonForm, AppointmentForm
from .listing import (
    SORT_LABELS,
    CongressFilters,
    filter_congresses,
    lookup_rows,
    scope_organization,
)
from .models import BaseSource, Congress, CongressKind, CongressStatus
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
    return visible_organizations(user) if user.can_edit else None


def _list_rows(congresses):
    # Labels resolved once, not three lazy translations per row (1,742 rows for a province).
    levels, kinds = dict(Level.choices), dict(CongressKind.choices)
    statuses = {value: str(label) for value, label in CongressStatus.choices}
    levels = {value: str(label) for value, label in levels.items()}
    kinds = {value: str(label) for value, label in kinds.items()}
    pilot = _("có")
    for c in congresses:
        yield (
            c.name,
            c.organization.name,
            levels.get(c.organization.level, ""),
            c.term,
            kinds.get(c.kind, ""),
            c.starts_on,
            statuses.get(c.status, ""),
            pilot if c.pilot else "",
        )


def _export_congresses(congresses):
    headers = [
        _("Đại hội"),
        _("Tổ chức đảng"),
        _("Cấp"),
        _("Nhiệm kỳ"),
        _("Hình thức"),
        _("Ngày khai mạc"),
        _("Trạng thái"),
        _("Đại hội điểm"),
    ]
    return xlsx_download(
        "dai-hoi.xlsx",
        "DaiHoi",
        _("Danh sách đại hội"),
        headers,
        _list_rows(congresses.select_related("organization")),
        formats=[None, None, None, None, None, "dd/mm/yyyy", None, None],
        widths=[48, 40, 16, 11, 18, 13, 14, 10],
    )


@require_GET
@login_required
def congress_list(request):
    """Every congress of the user's subtree: search, filters, sort, pages, Excel export."""
    filters = CongressFilters.from_query(request.GET)
    scope = scope_organization(request.user, filters)
    congresses = Congress.objects.filter(organization__in=visible_organizations(request.user))
    congresses = filter_congresses(with_appointed_flag(congresses), filters, scope)
    if request.GET.get("format") == "xlsx":
        return _export_congresses(congresses)
    listing = paginate(request, congresses.select_related("organization"))
    context = {
        "listing": listing,
        "page_obj": listing.page,
        "query": listing.query,
        "filters": filters,
        "scope": scope,
        "terms": term_names(),
        "levels": Level.choices,
        "statuses": CongressStatus.choices,
        "sorts": list(SORT_LABELS.items()),
        "can_create": request.user.can_edit,
    }
    partial = is_htmx_partial(request)
    template = "congresses/_list_results.html" if partial else "congresses/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def congress_lookup(request):
    """``?q=`` → the congresses of the user's subtree for a type-ahead picker."""
    return lookup_response(lookup_rows(request.user, request.GET.get("q", "")))


@require_http_methods(["GET", "POST"])
@login_required
def congress_create(request):
    """ "Tạo đại hội mới" on its own page; the organisation is chosen by type-ahead."""
    organizations = _organisations_for_new(request.user)
    if organizations is None:
        raise Http404("not an organiser")
    org_id = positive_int(request.GET.get("organization"))
    initial = {"organization": org_id} if org_id is not None else {}
    form = CongressForm(request.POST or None, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            congress = services.create_congress(
                request.user, form.cleaned_data["organization"], **form.service_kwargs()
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("Đã tạo đại hội. Nhập số được triệu tập và có mặt."))
            return redirect(_detail_url(congress, "attendance"))
    return render(request, "congresses/create.html", {"form": form})


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


@require_POST
@login_required
def base_source(request, pk: int):
    """Switch where the base's figures come from (typed or the delegate roster); audited."""
    from daihoi.delegates.attendance import use_roster_for_base  # same wing, below counting

    congress = access_congress(request.user, pk, organiser=True)
    source, reason = request.POST.get("source", ""), request.POST.get("reason", "")
    try:
        if source == BaseSource.ROSTER:
            use_roster_for_base(request.user, congress, reason)
        else:
            services.set_base_source(request.user, congress, source, reason)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(
            request, _("Đã đổi nguồn số liệu của cơ sở tính kết quả (có ghi nhật ký).")
        )
    return redirect(_detail_url(congress, "attendance"))
