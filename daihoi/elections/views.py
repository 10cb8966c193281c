"""Election setup: the list, the open votes, the ballot papers and the ballot boxes.

Thin views: look the election up through `access`, call one service, map its
refusals to messages, redirect back to the setup page (post/redirect/get).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.people.models import Member
from daihoi.people.selectors import members_in, search, visible_members

from . import entry, lists, services_extra, sittings
from .access import access_election_for_setup
from .entry_machine import EntryError
from .forms import (
    BallotPaperForm,
    BatchForm,
    CandidateForm,
    IssuedForm,
    ReasonForm,
    ShowOfHandsForm,
)
from .judging import BallotInputError
from .models import Candidate, CountingTeam, EntryStatus

SEARCH_LIMIT = 12


def refusal_messages(exc: Exception) -> list[str]:
    """The people-facing text of a service's refusal."""
    if isinstance(exc, EntryError | BallotInputError):
        return [exc.message]
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc)]


def flash_refusal(request, exc: Exception) -> None:
    for text in refusal_messages(exc):
        messages.error(request, text)


def flash_form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _setup_url(election, anchor: str = "") -> str:
    url = reverse("elections:setup", args=[election.pk])
    return f"{url}#{anchor}" if anchor else url


def _teams(election):
    return CountingTeam.objects.filter(congress=election.congress_id).order_by("name")


@require_GET
@login_required
def setup(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    findings = lists.list_findings(election)
    batches = (
        election.batches.select_related("team")
        .annotate(
            finalised=Count("entries", filter=Q(entries__status=EntryStatus.FINALISED)),
            in_progress=Count("entries", filter=Q(entries__status=EntryStatus.IN_PROGRESS)),
        )
        .order_by("number")
    )
    next_number = (election.batches.aggregate(m=Max("number"))["m"] or 0) + 1
    congress = election.congress
    subjects = [
        _("Số lượng %(title)s cần bầu: %(seats)s")
        % {"title": election.title, "seats": election.seats},
        _("Danh sách bầu cử: %(title)s") % {"title": election.title},
    ]
    figures = sittings.figures(election)
    context = {
        "election": election,
        "congress": congress,
        "figures": figures,
        "candidates": lists.live_candidates(election).select_related("member__organization"),
        "withdrawn": election.candidates.filter(withdrawn=True).order_by("full_name"),
        "blocking": [f for f in findings if f.blocking],
        "warnings": [f for f in findings if not f.blocking],
        "open_votes": election.open_votes.order_by("recorded_at"),
        "subjects": subjects,
        "list_vote_passed": election.open_votes.filter(passed=True, subject=subjects[1]).exists(),
        "candidate_form": CandidateForm(),
        "vote_form": ShowOfHandsForm(initial={"subject": subjects[1]}),
        "issued_form": IssuedForm(initial={"ballots_issued": election.ballots_issued}),
        "batch_form": BatchForm(teams=_teams(election), initial={"number": next_number}),
        "paper_form": BallotPaperForm(initial={"copies": max(figures.present, 1)}),
        "batches": batches,
        "has_teams": _teams(election).exists(),
    }
    return render(request, "elections/setup.html", context)


@require_GET
@login_required
def member_search(request, pk: int):
    """HTMX partial: members of the congress's organisation matching the typed name (accents ignored)."""
    election = access_election_for_setup(request.user, pk)
    query = request.GET.get("full_name", "").strip()
    found = Member.objects.none()
    if len(query) >= 2:
        scope = members_in(election.congress.organization) & visible_members(request.user)
        listed = election.candidates.exclude(member=None).values("member_id")
        found = (
            search(scope.filter(active=True), query)
            .exclude(pk__in=listed)
            .select_related("organization")
            .order_by("given_name", "family_name")[:SEARCH_LIMIT]
        )
    return render(request, "elections/_member_results.html", {"found": found, "query": query})


@require_POST
@login_required
def add_candidate(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    form = CandidateForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(_setup_url(election, "add"))
    data = form.cleaned_data
    member = None
    if data["member"]:
        scope = members_in(election.congress.organization) & visible_members(request.user)
        member = get_object_or_404(scope, pk=data["member"])
    nominator = None
    if data["nominator_code"].strip():
        nominator = Member.objects.filter(code=data["nominator_code"].strip()).first()
        if nominator is None:
            messages.error(request, _("Không tìm thấy đảng viên có mã người đề cử đã nhập."))
            return redirect(_setup_url(election, "add"))
    try:
        candidate = lists.add_candidate(
            request.user,
            election,
            full_name=data["full_name"].strip(),
            member=member,
            nominated_by=data["nominated_by"],
            poll_agree=data["poll_agree"],
            nominator=nominator,
        )
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("Đã thêm %(name)s vào danh sách.") % {"name": candidate})
    return redirect(_setup_url(election, "add"))


@require_POST
@login_required
def withdraw_candidate(request, pk: int, candidate_pk: int):
    election = access_election_for_setup(request.user, pk)
    candidate = get_object_or_404(Candidate, pk=candidate_pk, election=election)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do rút khỏi danh sách."))
        return redirect(_setup_url(election, "list"))
    try:
        lists.withdraw_candidate(request.user, candidate, form.cleaned_data["reason"])
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("%(name)s đã rút khỏi danh sách.") % {"name": candidate})
    return redirect(_setup_url(election, "list"))


@require_POST
@login_required
def show_of_hands(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    form = ShowOfHandsForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(_setup_url(election, "votes"))
    try:
        vote = lists.record_show_of_hands(
            request.user, election.congress, election=election, **form.cleaned_data
        )
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        outcome = _("thông qua") if vote.passed else _("không thông qua")
        messages.success(request, f"{vote.subject}: {outcome}.")
    return redirect(_setup_url(election, "votes"))


@require_POST
@login_required
def approve(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    try:
        lists.approve_list(request.user, election)
    except ValidationError as exc:
        flash_refusal(request, exc)
        return redirect(_setup_url(election, "findings"))
    messages.success(request, _("Danh sách đã được biểu quyết thông qua và khóa."))
    return redirect(_setup_url(election, "papers"))


@require_POST
@login_required
def unlock(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do mở khóa danh sách."))
        return redirect(_setup_url(election, "list"))
    try:
        lists.unlock_list(request.user, election, form.cleaned_data["reason"])
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.warning(request, _("Danh sách đã được mở khóa (có ghi nhật ký)."))
    return redirect(_setup_url(election, "list"))


# The printed ballot's spec lives with the list (the scanner builds its template from it too).
ballot_spec = lists.ballot_spec


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def ballot_pdf(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    if not election.list_locked:
        messages.error(request, _("In phiếu sau khi danh sách đã được biểu quyết và khóa."))
        return redirect(_setup_url(election, "papers"))
    form = BallotPaperForm(request.GET or None)
    size, copies = ("A4", 1)
    if form.is_valid():
        size, copies = form.cleaned_data["size"], form.cleaned_data["copies"]
    from .ballot_paper import BallotTooLong, render_ballot_pdf

    try:
        content = render_ballot_pdf(ballot_spec(election), page_size=size, copies=copies)
    except BallotTooLong as exc:
        messages.error(
            request, _("Danh sách quá dài cho khổ %(size)s: %(e)s") % {"size": size, "e": exc}
        )
        return redirect(_setup_url(election, "papers"))
    return _pdf(content, f"phieu-bau-{election.pk}-lan-{election.round}-{size}.pdf")


@require_GET
@login_required
def issue_sheet_pdf(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    if not election.list_locked:
        messages.error(request, _("In bảng kê sau khi danh sách đã được biểu quyết và khóa."))
        return redirect(_setup_url(election, "papers"))
    from .issue_sheet import render_issue_sheet_pdf

    congress = election.congress
    boxes = list(election.batches.order_by("number").values_list("number", flat=True)) or [1]
    content = render_issue_sheet_pdf(
        ballot_spec(election),
        boxes=boxes,
        present=sittings.figures(election).present or None,
        place=congress.venue,
        date=timezone.localdate().strftime("%d/%m/%Y"),
        committee=committee_names(congress),
    )
    return _pdf(content, f"bang-ke-phat-phieu-{election.pk}.pdf")


def committee_members(congress) -> list[dict]:
    """The counting committee for documents, as {"name", "role"}: the first team's leader
    heads it (team 0 is the committee itself), then the other leaders, then the members."""
    leaders, others, seen = [], [], set()
    teams = congress.counting_teams.select_related("leader").prefetch_related("members")
    for index, team in enumerate(teams.order_by("id")):
        role = "Trưởng ban" if index == 0 else f"Tổ trưởng {team.name}"
        leaders.append({"name": _person(team.leader), "role": role})
        seen.add(team.leader_id)
    for team in teams:
        for user in team.members.all():
            if user.pk not in seen:
                seen.add(user.pk)
                others.append({"name": _person(user), "role": "Ủy viên"})
    return leaders + others


def committee_names(congress) -> list[str]:
    return [m["name"] for m in committee_members(congress)]


def _person(user) -> str:
    """The name the user signs with (accounts.User.signing_name); the login only as a last
    resort, for lists on screen: the minutes refuse to print without every name."""
    return user.signing_name or user.get_username()


@require_POST
@login_required
def set_issued(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    form = IssuedForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(_setup_url(election, "papers"))
    try:
        services_extra.set_ballots_issued(
            request.user, election, form.cleaned_data["ballots_issued"]
        )
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("Đã ghi số phiếu phát ra."))
    return redirect(_setup_url(election, "papers"))


@require_POST
@login_required
def create_batch(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    form = BatchForm(request.POST, teams=_teams(election))
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(_setup_url(election, "batches"))
    number = form.cleaned_data["number"]
    if election.batches.filter(number=number).exists():
        messages.error(request, _("Đã có hòm phiếu số %(n)s.") % {"n": number})
        return redirect(_setup_url(election, "batches"))
    try:
        entry.create_batch(request.user, election, team=form.cleaned_data["team"], number=number)
    except EntryError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("Đã giao hòm phiếu số %(n)s.") % {"n": number})
    return redirect(_setup_url(election, "batches"))
