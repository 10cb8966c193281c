"""Progress, the result, its publication and documents; the projector screen.

The result page is for the organisers and the counting committee; the hall's
screen is for anyone who may see the organisation, and shows the result only
once the committee has published it.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.documents.common import vn_percent

from . import document_store, results, services_extra
from .access import access_election, access_election_for_setup, is_counter, is_organiser
from .forms import NextRoundForm
from .models import BatchEntry, BatchStatus, ElectionStatus, EntryStatus, PublishedResult
from .views import committee_members, flash_form_errors, flash_refusal
from .views_signers import unnamed_signers

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def access_results(user, pk):
    """Organisers and the counting committee follow the count; others get 404."""
    election = access_election(user, pk)
    if not (is_organiser(user, election) or is_counter(user, election.congress)):
        raise Http404("election not found")
    return election


def _published(election) -> PublishedResult | None:
    return PublishedResult.objects.filter(election=election).first()


def team_progress(election) -> tuple[dict, list[dict]]:
    """results.progress plus, per batch, how far each independent entry is (one more query)."""
    state = results.progress(election)
    entries = (
        BatchEntry.objects.filter(batch__election=election)
        .exclude(status=EntryStatus.DISCARDED)
        .values("batch__number", "slot", "status", "operator__username")
        .annotate(n=Count("ballots"))
        .order_by("batch__number", "slot")
    )
    by_batch: dict[int, list[dict]] = {}
    for e in entries:
        by_batch.setdefault(e["batch__number"], []).append(e)
    teams: dict[str, list[dict]] = {}
    for b in state["batches"]:
        row = dict(b, entries=by_batch.get(b["number"], []))
        row["status_label"] = BatchStatus(b["status"]).label
        teams.setdefault(b["team__name"], []).append(row)
    grouped = [
        {
            "name": name,
            "batches": rows,
            "reconciled": sum(r["status"] == BatchStatus.RECONCILED for r in rows),
        }
        for name, rows in teams.items()
    ]
    return state, grouped


def shown_result(data: dict) -> dict:
    """The result with the percentages written the Vietnamese way (52,38%)."""
    shown = dict(data)
    shown["candidates"] = [
        dict(
            c,
            pct_base=vn_percent(c["percent_of_base"]),
            pct_valid=vn_percent(c["percent_of_valid"]),
        )
        for c in data["candidates"]
    ]
    by_name = {c["name"]: c for c in shown["candidates"]}
    shown["elected_rows"] = [by_name[n] for n in data["elected"]]
    shown["alternate_rows"] = [by_name[n] for n in data.get("alternates_elected", [])]
    labels = data["invalid_reason_labels"]
    shown["invalid_rows"] = [(labels.get(k, k), n) for k, n in data["invalid_by_reason"].items()]
    return shown


@require_GET
@login_required
def results_page(request, pk: int):
    """Organisers and counters follow the count; anyone who sees the congress reads the result
    once it is published (the link is offered to them only then)."""
    election = access_election(request.user, pk)
    follows = is_organiser(request.user, election) or is_counter(request.user, election.congress)
    if not follows and election.status != ElectionStatus.PUBLISHED:
        raise Http404("election not found")
    state, teams = team_progress(election)
    if not follows:
        teams = []  # who typed which box is the committee's business
    published = _published(election)
    data, problem = None, ""
    if published:
        data = published.data
    elif state["complete"]:
        try:
            data = results.compute_result(election)
        except ValidationError as exc:
            problem = " ".join(exc.messages)
    organiser = is_organiser(request.user, election)
    context = {
        "blocking_figures": [] if published else results.publication_problems(election),
        "fix_links": _fix_links(election),
        "election": election,
        "congress": election.congress,
        "state": state,
        "teams": teams,
        "published": published,
        "result": shown_result(data) if data else None,
        "problem": problem,
        "organiser": organiser,
        "can_next_round": organiser
        and published
        and published.data["seats_unfilled"] > 0
        and not election.next_rounds.exists(),
        "next_rounds": election.next_rounds.all(),
        "screen_links": election.screen_links.filter(revoked_at__isnull=True) if organiser else (),
    }
    return render(request, "elections/results.html", context)


def _fix_links(election) -> dict:
    """Where each figure a publication problem names is corrected."""
    if election.sitting_id:
        present = reverse("elections:sitting", args=[election.sitting_id])
    else:
        present = reverse("congresses:detail", args=[election.congress_id]) + "#attendance"
    return {
        "ballots_issued": reverse("elections:setup", args=[election.pk]) + "#papers",
        "present": present,
    }


@require_GET
@login_required
def results_progress(request, pk: int):
    """HTMX partial polled every 2 s; asks the page to reload once the count completes."""
    election = access_results(request.user, pk)
    state, teams = team_progress(election)
    response = render(
        request, "elections/_progress.html", {"election": election, "state": state, "teams": teams}
    )
    if state["complete"] and request.GET.get("complete") == "0":
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def publish(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    try:
        results.publish_result(request.user, election)
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("Đã công bố kết quả; màn hình hội trường hiển thị kết quả."))
    return redirect("elections:results", election.pk)


def document_data(election) -> dict:
    """compute_result's dict plus what the minutes add: place, date, times, committee, audit head."""
    published = _published(election)
    data = dict(published.data) if published else results.compute_result(election)
    congress = election.congress
    times = BatchEntry.objects.filter(batch__election=election).aggregate(
        started=Min("started_at"), finished=Max("batch__reconciled_at")
    )
    started = times["started"] or timezone.now()
    finished = published.published_at if published else (times["finished"] or timezone.now())
    data["election"] = dict(data["election"], congress_kind=congress.kind)
    data.update(
        place=congress.venue,
        date=timezone.localtime(started).strftime("%d/%m/%Y"),
        time_started=timezone.localtime(started).strftime("%H:%M"),
        time_finished=timezone.localtime(finished).strftime("%H:%M"),
        counting_committee=committee_members(congress),
        audit_head=published.audit_hash if published else results.current_audit_head(),
        published=bool(published),
    )
    return data


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _document(request, pk: int, kind: str):
    election = access_results(request.user, pk)
    if not results.progress(election)["complete"]:
        messages.error(request, _("Biên bản chỉ in được khi mọi hòm phiếu đã khớp."))
        return redirect("elections:results", election.pk)
    unnamed = unnamed_signers(election.congress) if kind in ("pdf", "docx") else []
    if unnamed:
        logins = ", ".join(u.get_username() for u in unnamed)
        messages.error(
            request,
            _("Biên bản cần họ và tên của mọi người ký; chưa có: %(logins)s.") % {"logins": logins},
        )
        to = "signers" if is_organiser(request.user, election) else "results"
        return redirect(f"elections:{to}", election.pk)
    try:
        data = document_data(election)
    except ValidationError as exc:
        flash_refusal(request, exc)
        return redirect("elections:results", election.pk)
    name = f"bien-ban-kiem-phieu-{election.pk}-lan-{election.round}"
    if kind == "pdf":
        from .minutes import render_minutes_pdf

        pdf = document_store.rendered("minutes.pdf", data, render_minutes_pdf)
        return _attachment(pdf, "application/pdf", f"{name}.pdf")
    if kind == "docx":
        from .minutes import render_minutes_docx

        docx = document_store.rendered("minutes.docx", data, render_minutes_docx)
        return _attachment(docx, DOCX, f"{name}.docx")
    from .result_xlsx import render_result_xlsx

    xlsx = document_store.rendered("result.xlsx", data, render_result_xlsx)
    return _attachment(xlsx, XLSX, f"ket-qua-{election.pk}-lan-{election.round}.xlsx")


@require_GET
@login_required
def minutes_pdf(request, pk: int):
    return _document(request, pk, "pdf")


@require_GET
@login_required
def minutes_docx(request, pk: int):
    return _document(request, pk, "docx")


@require_GET
@login_required
def result_xlsx(request, pk: int):
    return _document(request, pk, "xlsx")


@require_GET
@login_required
def export_json(request, pk: int):
    """Every counted ballot (no voter, no order) for `daihoi count election-<id>.json`."""
    election = access_results(request.user, pk)
    content = json.dumps(results.export_ballots(election), ensure_ascii=False, indent=1)
    return _attachment(content.encode("utf-8"), "application/json", f"election-{election.pk}.json")


@require_http_methods(["GET", "POST"])
@login_required
def next_round(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    published = _published(election)
    if published is None or published.data["seats_unfilled"] < 1:
        messages.error(
            request, _("Chỉ bầu lần tiếp theo khi kết quả đã công bố và còn thiếu người.")
        )
        return redirect("elections:results", election.pk)
    allowed, picked = services_extra.next_round_defaults(election)
    form = NextRoundForm(request.POST or None, choices=allowed, initial={"names": picked})
    if request.method == "POST":
        if not form.is_valid():
            flash_form_errors(request, form)
        else:
            try:
                nxt = services_extra.create_next_round(
                    request.user, election, form.cleaned_data["names"]
                )
            except ValidationError as exc:
                flash_refusal(request, exc)
            else:
                messages.success(request, _("Đã tạo lần bầu %(r)s.") % {"r": nxt.round})
                return redirect("elections:setup", nxt.pk)
    context = {"election": election, "form": form, "result": published.data}
    return render(request, "elections/next_round.html", context)


# ---- the hall's screen --------------------------------------------------------


def screen_texts() -> dict:
    """The projector's words, translated once on the server (the page has no gettext)."""
    return {
        "votes": _("phiếu"),
        "facts": _(
            "Cơ sở tính kết quả: {base} · Phiếu thu vào: {collected} · "
            "Hợp lệ: {valid} · Không hợp lệ: {invalid}"
        ),
        "tied": _("Bằng phiếu ở suất cuối, bầu lại trong số:"),
        "unfilled": _("Còn thiếu {n} người so với số lượng cần bầu."),
        "none": _("Không ai trúng cử."),
        "elected": _("Trúng cử {n}/{seats}"),
        "page": _("Trang {page}/{pages}"),
    }


@require_GET
@login_required
def screen(request, pk: int):
    election = access_election(request.user, pk)
    context = {
        "election": election,
        "texts": screen_texts(),
        "data_url": reverse("elections:screen_data", args=[pk]),
    }
    return render(request, "elections/screen.html", context)


def screen_payload(election) -> dict:
    state = results.progress(election)
    payload = {
        "title": election.title,
        "round": election.round,
        "congress": election.congress.name,
        "reconciled": state["reconciled"],
        "total": state["total"],
        "ballots_counted": state["ballots_counted"],
        "published": False,
    }
    published = _published(election)
    if published is None:
        return payload  # nothing of the result leaves the committee before it is announced
    data = shown_result(published.data)
    payload["published"] = True
    payload["result"] = {
        "base": data["base"],
        "collected": data["collected"],
        "valid": data["valid"],
        "invalid": data["invalid"],
        "seats": data["election"]["seats"],
        "elected": [
            {"name": c["name"], "votes": c["votes"], "pct": c["pct_base"]}
            for c in data["elected_rows"]
        ],
        "alternates": [
            {"name": c["name"], "votes": c["votes"], "pct": c["pct_base"]}
            for c in data["alternate_rows"]
        ],
        "tied": data["tied_for_last_seat"],
        "seats_unfilled": data["seats_unfilled"],
    }
    return payload


@require_GET
@login_required
def screen_data(request, pk: int):
    election = access_election(request.user, pk)
    return JsonResponse(screen_payload(election))
