"""People look at what the reader could not decide: the keyboard review screen, one ballot's
page, and the box's scan compared with its keyboard entries (with the crops)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from daihoi.elections import entry
from daihoi.elections.models import BatchStatus

from . import adjudication
from .access import access_batch, access_page, access_scan, is_team_leader
from .content import INVALID_REASONS, row_differences
from .errors import ScanError
from .models import PageStatus, ScanStatus
from .selectors import crosscheck, describe, names_of

MARK_LABELS = {
    "struck": gettext_lazy("bị gạch"),
    "kept": gettext_lazy("để nguyên"),
    "agree": gettext_lazy("đồng ý"),
    "disagree": gettext_lazy("không đồng ý"),
    "both": gettext_lazy("cả hai ô"),
    "none": gettext_lazy("không đánh dấu"),
    "ok": gettext_lazy("tính như máy đọc"),
}
REASON_LABELS = {
    "written_in": gettext_lazy("ghi thêm tên ngoài danh sách"),
    "signed_or_marked": gettext_lazy("có ký tên hoặc dấu hiệu riêng"),
    "not_issued": gettext_lazy("không do Ban kiểm phiếu phát ra"),
}
# Why the reader left a row to a person (omr.types.REASONS), as the review screen says it.
ROW_REASON_LABELS = {
    "underline": gettext_lazy("gạch chân (nét dưới tên, không gạch qua tên)"),
    "circle": gettext_lazy("khoanh tròn quanh tên"),
    "fold": gettext_lazy("nếp gấp hoặc giấy lệch qua dòng này"),
    "partial": gettext_lazy("nét gạch ngắn hoặc chỉ qua một phần tên"),
    "dot": gettext_lazy("chấm hoặc dấu nhỏ trên, cạnh tên"),
    "mark": gettext_lazy("dấu lạ máy không giải thích được"),
    "box": gettext_lazy("dấu trong ô không rõ"),
}


def reason_label(reason: str) -> str:
    return str(ROW_REASON_LABELS.get(reason, "")) if reason else ""


FLAG_LABELS = {
    "writing_outside": gettext_lazy("có chữ hoặc dấu ngoài các dòng"),
    "rotated_180": gettext_lazy("phiếu quét ngược, đã xoay lại"),
}


def decision_label(value: str) -> str:
    if value.startswith("invalid:"):
        reason = value.split(":", 1)[1]
        return _("không hợp lệ: %(r)s") % {"r": REASON_LABELS.get(reason, reason)}
    return str(MARK_LABELS.get(value, value))


def _item(item, names: list[str]) -> dict:
    page = item.page
    position = item.position
    return {
        "page": page.pk,
        "number": page.number,
        "file": f"{page.file_name} · {page.file_page}",
        "position": position,
        "name": names[position - 1] if 0 < position <= len(names) else "",
        "machine": item.machine,
        "machineLabel": decision_label(item.machine) if position else "",
        "confidence": item.confidence,
        "reason": reason_label(item.reason),
        "flags": [str(FLAG_LABELS.get(f, f)) for f in page.flags],
        "decided": item.decided,
        "crop": reverse("scanning:crop", args=[page.pk, position]),
        "pageImage": reverse("scanning:crop", args=[page.pk, 0]) + f"?row={position}",
        "decideUrl": reverse("scanning:decide", args=[page.pk]),
        "pageUrl": reverse("scanning:page", args=[page.pk]),
    }


REVIEW_TEXTS = {
    "row": gettext_lazy("Trang {number}, dòng {position}: {name}"),
    "whole": gettext_lazy("Trang {number}: cả phiếu"),
    "machine": gettext_lazy("Máy đọc: {label} (độ tin cậy {confidence})"),
    "why": gettext_lazy("Cần người xem vì: {reason}"),
    "saved": gettext_lazy("Đã ghi: {label}"),
    "failed": gettext_lazy("Chưa ghi được: {message}"),
    "network": gettext_lazy("Mất kết nối máy chủ: quyết định chưa được ghi; quyết định lại."),
    "done": gettext_lazy("Đã quyết định hết. Hoàn tất lần quét ở trang lần quét."),
    "reason": gettext_lazy(
        "Phiếu không hợp lệ vì: G ghi thêm tên · D ký tên/dấu riêng · K không do BKP phát ra · Esc bỏ"
    ),
    "left": gettext_lazy("Còn {n} mục"),
}


@require_GET
@login_required
def review(request, scan_pk: int):
    """The keyboard review screen: one item at a time, one key per decision."""
    scan = access_scan(request.user, scan_pk)
    names = names_of(scan.election)
    show_all = request.GET.get("all") == "1"
    items = adjudication.queue(scan, include_decided=show_all) if scan.is_open else []
    config = {
        "form": scan.form,
        "items": [_item(i, names) for i in items],
        "labels": {k: str(v) for k, v in {**MARK_LABELS}.items()},
        "reasons": {k: str(v) for k, v in REASON_LABELS.items()},
        "texts": {k: str(v) for k, v in REVIEW_TEXTS.items()},
        "scanUrl": reverse("scanning:scan", args=[scan.pk]),
    }
    context = {
        "scan": scan,
        "batch": scan.batch,
        "election": scan.election,
        "config": config,
        "show_all": show_all,
        "count": len(items),
    }
    return render(request, "scanning/review.html", context)


@require_POST
@login_required
def decide(request, page_pk: int):
    """One decision: JSON for the review screen's script, redirect for a plain form."""
    page = access_page(request.user, page_pk)
    raw = request.POST.get("position", "")
    decided = request.POST.get("decided", "")
    ok, text = True, ""
    try:
        position = int(raw)
        adjudication.decide(request.user, page, position, decided)
        text = decision_label(decided)
    except ValueError:
        ok, text = False, _("Dòng không đúng.")
    except ScanError as exc:
        ok, text = False, exc.message
    if "application/json" not in request.headers.get("Accept", ""):
        (messages.success if ok else messages.error)(request, text)
        return redirect("scanning:page", page.pk)
    return JsonResponse({"ok": ok, "message": text}, status=200 if ok else 422)


@require_GET
@login_required
def page_detail(request, page_pk: int):
    """One sheet: the aligned image and every row as read and as decided; any row can be changed."""
    page = access_page(request.user, page_pk)
    scan = page.scan
    names = names_of(scan.election)
    decided = {d.position: d for d in page.decisions.select_related("decided_by")}
    choices = ("struck", "kept") if scan.form == "struck" else ("agree", "disagree", "both", "none")
    rows = [
        {
            **r,
            "name": names[r["position"] - 1] if r["position"] <= len(names) else "",
            "label": decision_label(r["mark"]),
            "reason_label": reason_label(r.get("reason", "")) if r["uncertain"] else "",
            "decision": decided.get(r["position"]),
        }
        for r in page.rows
    ]
    context = {
        "page": page,
        "scan": scan,
        "batch": scan.batch,
        "election": scan.election,
        "rows": rows,
        "whole": decided.get(0),
        "whole_label": decision_label(decided[0].decided) if 0 in decided else "",
        "choices": [(c, decision_label(c)) for c in choices],
        "whole_choices": [("ok", decision_label("ok"))]
        + [(f"invalid:{r}", decision_label(f"invalid:{r}")) for r in INVALID_REASONS],
        "flags": [FLAG_LABELS.get(f, f) for f in page.flags],
        "editable": scan.is_open and page.status == PageStatus.OK,
    }
    if scan.status == ScanStatus.DONE and page.ballot_id:
        context["ballot"] = describe(page.ballot.content, names)
    return render(request, "scanning/page.html", context)


@require_GET
@login_required
def crosscheck_page(request, batch_pk: int):
    """The box's scan against its keyboard entries, order-free; the leader decides differences."""
    batch = access_batch(request.user, batch_pk)
    names = names_of(batch.election)
    check = crosscheck(batch)
    comparisons = [_comparison(source, found, check, names) for source, found in check.typed]
    context = {
        "batch": batch,
        "election": batch.election,
        "check": check,
        "comparisons": comparisons,
        "differences": _differences(batch, names) if batch.status == BatchStatus.DIFFERENT else [],
        "is_leader": is_team_leader(request.user, batch),
    }
    return render(request, "scanning/crosscheck.html", context)


MAX_CROPS = 6  # more differing rows than this: show the whole page instead


def _crops(page, rows: list[int]) -> list[tuple[int, str]]:
    """(position, url) of the crops to show; position 0 is the whole page."""
    if not rows or len(rows) > MAX_CROPS:
        return [(0, reverse("scanning:crop", args=[page.pk, 0]))]
    return [(p, reverse("scanning:crop", args=[page.pk, p])) for p in rows]


def _scan_cell(ballot, rows: list[int]) -> dict:
    page = ballot.page
    crops = _crops(page, rows) if page is not None and page.status == PageStatus.OK else []
    return {"page": page, "crops": crops}


def _comparison(source, found, check, names) -> dict:
    scanned = check.scanned.ballots
    pairs = [
        {
            "typed": source.ballots[p.a],
            "typed_text": describe(source.ballots[p.a].content, names),
            "scan_text": describe(scanned[p.b].content, names),
            "rows": [f"{r}. {names[r - 1]}" for r in p.rows if r <= len(names)],
            **_scan_cell(scanned[p.b], list(p.rows)),
        }
        for p in found.pairs
    ]
    return {
        "source": source,
        "matched": len(found.matched),
        "agreed": found.agreed,
        "pairs": pairs,
        "only_typed": [
            {"ballot": source.ballots[i], "text": describe(source.ballots[i].content, names)}
            for i in found.only_a
        ],
        "only_scan": [
            {"text": describe(scanned[j].content, names), **_scan_cell(scanned[j], [])}
            for j in found.only_b
        ],
    }


def _differences(batch, names: list[str]) -> list[dict]:
    """The batch's differences as its reconciliation lists them (the scan already aligned)."""
    finalised, comparison = entry.batch_comparison(batch)
    scan_pages = {
        e.slot: {b.seq: b for b in e.ballots.select_related("scanned_page")}
        for e in finalised
        if e.source == "scan"
    }
    rows = []
    for diff in comparison.differences:
        first = diff.contents[0]
        differing = sorted(
            {r for c in diff.contents[1:] for r in row_differences(first, c, len(names))}
        )
        cells = []
        for e, content in zip(finalised, diff.contents, strict=True):
            cell = {"entry": e, "text": describe(content, names), "crops": [], "page": None}
            stored = scan_pages.get(e.slot, {}).get(diff.seq)
            page = getattr(stored, "scanned_page", None) if stored else None
            if page is not None:
                cell["page"] = page
                if page.status == PageStatus.OK:
                    cell["crops"] = _crops(page, differing)
            cells.append(cell)
        rows.append({"seq": diff.seq, "cells": cells, "rows": differing})
    return rows
