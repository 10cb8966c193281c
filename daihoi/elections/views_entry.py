"""The counting teams' pages: the keyboard entry screen and the leader's reconciliation.

Only members of the batch's team get past `access_batch_for_entry` (others: 404).
Every save goes through `entry.save_ballot`: the server's verdict is the one
stored and shown; the browser's preview is a convenience.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from daihoi.rules.ballots import ballot_form

from . import entry, lists
from .access import access_batch_for_entry, is_team_leader
from .entry_machine import MESSAGES, EntryError
from .forms import INVALID_KEYS, FinaliseForm, ReasonForm, parse_entry_line
from .judging import BallotInputError
from .models import BallotBatch, BatchEntry, BatchStatus, EntryStatus
from .results import INVALID_LABELS
from .views import refusal_messages

RECENT = 6
LABELS = {str(k): v for k, v in INVALID_LABELS.items()}  # Vietnamese, as stored


def invalid_label(reason: str) -> str:
    """An invalid ballot's reason in the reader's language (the stored words never change)."""
    return _(LABELS[reason]) if reason in LABELS else reason


MARK_LABELS = {
    "agree": _lazy("đồng ý"),
    "disagree": _lazy("không đồng ý"),
    "both": _lazy("cả hai ô"),
    "none": _lazy("bỏ trống"),
}


# ---- how a ballot looks -------------------------------------------------------


def verdict_label(valid: bool, reason: str) -> str:
    return _("Hợp lệ") if valid else _("Không hợp lệ: %(r)s") % {"r": invalid_label(reason)}


def describe(content: dict | None) -> str:
    """A short line for the list of recent ballots: what was typed, in words."""
    if content is None:
        return _("(không có phiếu này)")
    if "invalid" in content:
        return invalid_label(content["invalid"])
    if "struck" in content:
        struck = content["struck"]
        return (
            _("Gạch: %(n)s") % {"n": ", ".join(map(str, struck))}
            if struck
            else _("Không gạch tên nào")
        )
    groups: dict[str, list[str]] = {}
    for position, mark in content["marks"].items():
        groups.setdefault(mark, []).append(position)
    return "; ".join(
        f"{MARK_LABELS[m]}: {', '.join(groups[m])}" for m in MARK_LABELS if m in groups
    )


def paper(content: dict | None, names: list[str]) -> dict:
    """The ballot drawn as the paper looks: names struck through, or boxes marked."""
    if content is None:
        return {"missing": True}
    rows = []
    marks = content.get("marks", {})
    struck = set(content.get("struck", []))
    for position, name in enumerate(names, start=1):
        rows.append(
            {
                "position": position,
                "name": name,
                "struck": position in struck,
                "mark": marks.get(str(position), "none"),
            }
        )
    return {
        "form": "marks" if "marks" in content else "struck",
        "rows": rows,
        "invalid": invalid_label(content["invalid"]) if "invalid" in content else "",
    }


def mark_differences(cells: list[dict]) -> list[int]:
    """Flag, on every entry's paper, the rows the entries read differently; return them.

    The leader compares 62-row ballots side by side: the rows that differ are drawn
    highlighted and listed, so the eye goes straight to them on the original paper.
    A whole-ballot difference (one entry says invalid) flags no row: the stamp shows it.
    """
    papers = [c["paper"] for c in cells if not c["paper"].get("missing")]
    if len(papers) < 2 or len({p["form"] for p in papers}) > 1:
        return []
    differing = []
    for index, first in enumerate(papers[0]["rows"]):
        readings = {(p["rows"][index]["struck"], p["rows"][index]["mark"]) for p in papers}
        if len(readings) > 1:
            differing.append(first["position"])
            for paper_ in papers:
                paper_["rows"][index]["differs"] = True
    return differing


def _names(election) -> list[str]:
    return list(lists.live_candidates(election).values_list("full_name", flat=True))


# ---- the entry screen ---------------------------------------------------------


def _status(entry_obj: BatchEntry) -> dict:
    counts = entry_obj.ballots.aggregate(total=Count("id"), valid=Count("id", filter=Q(valid=True)))
    recent = [
        {
            "seq": b.seq,
            "typed": describe(b.content),
            "valid": b.valid,
            "verdict": verdict_label(b.valid, b.reason),
        }
        for b in entry_obj.ballots.order_by("-seq")[:RECENT]
    ]
    total, valid = counts["total"], counts["valid"]
    return {"total": total, "valid": valid, "invalid": total - valid, "recent": recent}


# The screen script's messages; {x} are filled in by the script.
ENTRY_TEXTS = {
    "notNumber": _lazy("“{t}” không phải số thứ tự."),
    "outOfRange": _lazy("Số {p} không có trên phiếu (1–{n})."),
    "repeated": _lazy("Số {p} được nhập hai lần."),
    "badRange": _lazy("Khoảng {t}: số đầu phải nhỏ hơn số cuối."),
    "badMark": _lazy("“{t}”: mỗi dòng gõ 1, 2, 3 hoặc 0."),
    "wrongLength": _lazy("Phiếu có {n} dòng: cần đúng {n} chữ số, đã gõ {k}."),
    "rowsLeft": _lazy("Còn {k} dòng chưa gõ."),
    "typing": _lazy("Lỗi gõ, chưa lưu: {m}"),
    "valid": _lazy("HỢP LỆ"),
    "invalid": _lazy("KHÔNG HỢP LỆ: {r}"),
    "undo": _lazy("Enter để xóa phiếu vừa nhập"),
    "empty": _lazy("Enter ngay (để trống) sẽ lưu phiếu như đọc được: {v}"),
    "network": _lazy("Mất kết nối máy chủ: phiếu chưa được lưu, nhấn Enter để gửi lại."),
    "dropped": _lazy("{k} dòng gõ sau chưa được lưu: gõ lại."),
    "agree": _lazy("Đồng ý"),
    "disagree": _lazy("Không đồng ý"),
}


def _config(batch: BallotBatch, names: list[str]) -> dict:
    election = batch.election
    return {
        "form": str(ballot_form(len(names), election.seats)) if names else "struck",
        "seats": election.seats,
        "names": names,
        "invalidKeys": INVALID_KEYS,
        "labels": {key: invalid_label(key) for key in LABELS},
        "saveUrl": reverse("elections:entry_save", args=[batch.pk]),
        "texts": ENTRY_TEXTS,
    }


@require_GET
@login_required
def entry_screen(request, batch_pk: int):
    batch = access_batch_for_entry(request.user, batch_pk)
    mine = batch.entries.filter(operator=request.user).exclude(status=EntryStatus.DISCARDED)
    current = mine.filter(status=EntryStatus.IN_PROGRESS).first()
    context = {"batch": batch, "election": batch.election, "entry": current}
    if current is None:
        context.update(
            done=mine.first(),
            is_leader=is_team_leader(request.user, batch),
            same_operator=MESSAGES["same_operator"],
        )
        return render(request, "elections/entry_start.html", context)
    config = _config(batch, _names(batch.election))
    context.update(status=_status(current), config=config, form=config["form"])
    return render(request, "elections/entry.html", context)


@require_POST
@login_required
def entry_start(request, batch_pk: int):
    batch = access_batch_for_entry(request.user, batch_pk)
    try:
        started = entry.start_entry(request.user, batch)
    except EntryError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Bắt đầu lần nhập %(slot)s.") % {"slot": started.slot})
    return redirect("elections:entry", batch.pk)


def _current_entry(request, batch) -> BatchEntry:
    return get_object_or_404(
        BatchEntry, batch=batch, operator=request.user, status=EntryStatus.IN_PROGRESS
    )


@require_POST
@login_required
def entry_save(request, batch_pk: int):
    """One typed line: a ballot, or "-" to undo the last one. Answers JSON to the screen's
    script and redirects a plain form post."""
    batch = access_batch_for_entry(request.user, batch_pk)
    current = _current_entry(request, batch)
    election = batch.election
    n = election.candidates.filter(withdrawn=False).count()
    ok, text, verdict = True, "", None
    try:
        content = parse_entry_line(request.POST.get("line", ""), n, election.seats)
        if content is None:
            undone = entry.undo_last_ballot(request.user, current)
            text = _("Đã xóa phiếu số %(seq)s.") % {"seq": undone.seq}
        else:
            saved = entry.save_ballot(request.user, current, content)
            verdict = {"valid": saved.valid, "label": verdict_label(saved.valid, saved.reason)}
            text = _("Phiếu số %(seq)s đã lưu: %(v)s.") % {"seq": saved.seq, "v": verdict["label"]}
    except (BallotInputError, EntryError) as exc:
        ok, text = False, " ".join(refusal_messages(exc))
    if "application/json" not in request.headers.get("Accept", ""):
        (messages.success if ok else messages.error)(request, text)
        return redirect("elections:entry", batch.pk)
    status = _status(current)
    html = render_to_string("elections/_entry_status.html", {"status": status}, request=request)
    return JsonResponse(
        {"ok": ok, "message": text, "verdict": verdict, "total": status["total"], "html": html},
        status=200 if ok else 422,
    )


@require_POST
@login_required
def entry_finalise(request, batch_pk: int):
    batch = access_batch_for_entry(request.user, batch_pk)
    current = _current_entry(request, batch)
    form = FinaliseForm(request.POST)
    typed = current.ballots.count()
    if not form.is_valid() or form.cleaned_data["count"] != typed:
        messages.error(
            request,
            _("Đã nhập %(typed)s phiếu: số phiếu đếm trên giấy phải bằng số đó để hoàn tất.")
            % {"typed": typed},
        )
        return redirect("elections:entry", batch.pk)
    try:
        batch = entry.finalise_entry(request.user, current)
    except EntryError as exc:
        messages.error(request, exc.message)
        return redirect("elections:entry", batch.pk)
    messages.success(request, _finalised_message(batch, current.slot, typed))
    return redirect("elections:entry", batch.pk)


def _finalised_message(batch: BallotBatch, slot: int, typed: int) -> str:
    done = _("Đã hoàn tất lần nhập %(slot)s (%(n)s phiếu).") % {"slot": slot, "n": typed}
    if batch.status == BatchStatus.RECONCILED:
        return done + " " + _("Các lần nhập khớp nhau: hòm phiếu đã được tính.")
    if batch.status == BatchStatus.DIFFERENT:
        return done + " " + _("Các lần nhập khác nhau: tổ trưởng đối chiếu phiếu gốc.")
    return done + " " + _("Chờ lần nhập độc lập tiếp theo (người khác nhập).")


@require_GET
@login_required
def my_batches(request):
    """The counting-team member's start page: the ballot boxes of their teams."""
    batches = (
        BallotBatch.objects.filter(team__members=request.user)
        .select_related("election__congress", "team")
        .order_by("election__congress__name", "election_id", "number")
    )
    mine = {
        e.batch_id: e
        for e in BatchEntry.objects.filter(batch__in=batches, operator=request.user).exclude(
            status=EntryStatus.DISCARDED
        )
    }
    rows = [
        {"batch": b, "mine": mine.get(b.pk), "leader": b.team.leader_id == request.user.pk}
        for b in batches
    ]
    return render(request, "elections/my_batches.html", {"rows": rows})


# ---- reconciliation -----------------------------------------------------------


@require_GET
@login_required
def reconcile(request, batch_pk: int):
    batch = access_batch_for_entry(request.user, batch_pk)
    names = _names(batch.election)
    entries = list(
        batch.entries.exclude(status=EntryStatus.DISCARDED)
        .select_related("operator")
        .annotate(n=Count("ballots"))
        .order_by("slot")
    )
    rows = []
    if batch.status == BatchStatus.DIFFERENT:
        finalised, comparison = entry.batch_comparison(batch)
        for diff in comparison.differences:
            cells = [
                {
                    "slot": e.slot,
                    "operator": e.operator,
                    "paper": paper(c, names),
                    "typed": describe(c),
                }
                for e, c in zip(finalised, diff.contents, strict=True)
            ]
            rows.append({"seq": diff.seq, "cells": cells, "differs": mark_differences(cells)})
    context = {
        "batch": batch,
        "election": batch.election,
        "entries": entries,
        "rows": rows,
        "is_leader": is_team_leader(request.user, batch),
        "reason_form": ReasonForm(),
    }
    return render(request, "elections/reconcile.html", context)


@require_POST
@login_required
def reconcile_resolve(request, batch_pk: int):
    batch = access_batch_for_entry(request.user, batch_pk)
    choices = {}
    for key, value in request.POST.items():
        if key.startswith("ballot-") and key[7:].isdigit() and value.isdigit():
            choices[int(key[7:])] = int(value)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Cần ghi căn cứ quyết định (đối chiếu phiếu gốc…)."))
        return redirect("elections:reconcile", batch.pk)
    try:
        entry.resolve_differences(request.user, batch, choices, reason)
    except EntryError as exc:
        messages.error(request, exc.message)
        return redirect("elections:reconcile", batch.pk)
    messages.success(request, _("Đã quyết định các phiếu khác nhau: hòm phiếu đã được tính."))
    return redirect("elections:reconcile", batch.pk)


@require_POST
@login_required
def entry_reopen(request, entry_pk: int):
    target = get_object_or_404(BatchEntry.objects.select_related("operator"), pk=entry_pk)
    batch = access_batch_for_entry(request.user, target.batch_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do trả lại lần nhập."))
        return redirect("elections:reconcile", batch.pk)
    try:
        entry.reopen_entry(request.user, target, form.cleaned_data["reason"])
    except EntryError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã trả lần nhập %(slot)s cho %(who)s để sửa.")
            % {"slot": target.slot, "who": target.operator.get_username()},
        )
    return redirect("elections:reconcile", batch.pk)
