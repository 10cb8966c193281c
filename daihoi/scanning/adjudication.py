"""People decide what the reader could not: uncertain rows, flagged ballots, unscannable sheets.

Every decision is atomic and audited; deciding again replaces the decision
(the audit log keeps each one). Nothing here can change a scan once it has
become an entry: from then on the batch's reconciliation takes over.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from daihoi.audit.services import record
from daihoi.elections.judging import BallotInputError, judge, normalise

from .content import check_decision, pending
from .errors import ScanError, refuse
from .models import WHOLE_BALLOT, Adjudication, PageStatus, ScanBatch, ScannedPage, ScanStatus
from .services import next_page_number, refresh_status

DECIDABLE = (ScanStatus.PROCESSING, ScanStatus.NEEDS_REVIEW, ScanStatus.READY)


def _open_scan(scan_id: int) -> ScanBatch:
    scan = ScanBatch.objects.select_for_update().select_related("batch").get(pk=scan_id)
    if scan.status == ScanStatus.DONE:
        raise refuse("done")
    if scan.status not in DECIDABLE:
        raise refuse("not_open")
    return scan


@transaction.atomic
def decide(actor, page: ScannedPage, position: int, decided: str) -> Adjudication:
    """Decide one row (position ≥ 1: a mark) or the whole ballot (0: "ok" / "invalid:<reason>")."""
    scan = _open_scan(page.scan_id)
    # Not the page's image: a decision needs only the reading, and runs for every row.
    page = ScannedPage.objects.select_for_update().defer("image").get(pk=page.pk)
    if page.status != PageStatus.OK:
        raise refuse("not_a_ballot")
    rows = {r["position"]: r for r in page.rows}
    if position != WHOLE_BALLOT and position not in rows:
        raise refuse("no_such_row")
    try:
        check_decision(scan.form, position, decided)
    except ValueError as exc:
        raise ScanError("bad_decision", str(exc)) from exc
    machine = rows[position]["mark"] if position else (",".join(page.flags) or "ok")
    # The page's decisions, read once (the page's lock keeps them): the previous one for
    # the audit line, all of them for the scan's status after this one.
    decisions = {d.position: d for d in page.decisions.all()}
    previous = decisions.get(position)
    before = {"decided": previous.decided} if previous else None  # before it is replaced
    decision = _store_decision(actor, page, position, machine, decided, previous)
    where = f"dòng {position}" if position else "cả phiếu"
    record(
        actor,
        "scan.decide",
        page,
        summary=f"hòm {scan.batch.number}, trang {page.number}, {where}: {machine} → {decided}",
        before=before,
        after={
            "page": page.number,
            "position": position,
            "machine": machine,
            "confidence": rows[position]["confidence"] if position else None,
            "decided": decided,
        },
    )
    now = {p: d.decided for p, d in decisions.items()} | {position: decided}
    refresh_status(scan, page, now)
    return decision


def _store_decision(actor, page, position, machine, decided, previous) -> Adjudication:
    """Replace or add the decision; one statement (the page is locked: no one races us)."""
    if previous is None:
        return Adjudication.objects.create(
            page=page, position=position, machine=machine, decided=decided, decided_by=actor
        )
    previous.machine, previous.decided, previous.decided_by = machine, decided, actor
    previous.save(update_fields=["machine", "decided", "decided_by"])
    return previous


@transaction.atomic
def add_typed_ballot(actor, scan: ScanBatch, content: dict) -> ScannedPage:
    """A sheet the scanner cannot read (torn, folded) typed by a person, as on the entry screen.

    Raises ``BallotInputError`` for a typing error (nothing stored)."""
    scan = _open_scan(scan.pk)
    if scan.status == ScanStatus.PROCESSING:
        raise refuse("still_reading")
    election = scan.election
    candidates = election.candidates.filter(withdrawn=False).count()
    verdict = judge(content, candidates, election.seats)  # BallotInputError on a typo
    page = ScannedPage.objects.create(
        scan=scan,
        number=next_page_number(scan),
        status=PageStatus.TYPED,
        message="",
        typed=normalise(content),
    )
    ScanBatch.objects.filter(pk=scan.pk).update(
        pages_total=scan.pages_total + 1, pages_done=scan.pages_done + 1
    )
    record(
        actor,
        "scan.type_ballot",
        page,
        summary=f"hòm {scan.batch.number}, trang {page.number}: nhập tay",
        after={"content": page.typed, "valid": verdict.valid, "reason": verdict.reason or ""},
    )
    return page


@transaction.atomic
def remove_typed_ballot(actor, page: ScannedPage) -> None:
    """Undo a typed ballot (typed twice, or the sheet was rescanned after all)."""
    scan = _open_scan(page.scan_id)
    page = ScannedPage.objects.select_for_update().get(pk=page.pk)
    if page.status != PageStatus.TYPED:
        raise refuse("not_a_ballot")
    record(
        actor,
        "scan.remove_typed",
        page,
        summary=f"hòm {scan.batch.number}, trang {page.number}",
        before={"content": page.typed},
    )
    page.delete()
    ScanBatch.objects.filter(pk=scan.pk).update(
        pages_total=scan.pages_total - 1, pages_done=scan.pages_done - 1
    )


@dataclass(frozen=True)
class Item:
    """One thing a person must look at: a row of a page, or (position 0) the whole page."""

    page: ScannedPage
    position: int
    machine: str
    confidence: float | None
    decided: str = ""
    reason: str = ""  # why the reader left the row to a person (omr.types.REASONS)


def queue(scan: ScanBatch, *, include_decided: bool = False) -> list[Item]:
    """The adjudication queue in page order: undecided items (and, if asked, decided ones)."""
    items = []
    pages = scan.pages.filter(needs_review=True).order_by("number").prefetch_related("decisions")
    for page in pages.defer("image"):
        decided = {d.position: d.decided for d in page.decisions.all()}
        wanted = pending(page.rows, page.flags, {} if include_decided else decided)
        rows = {r["position"]: r for r in page.rows}
        for position in wanted:
            row = rows.get(position)
            items.append(
                Item(
                    page=page,
                    position=position,
                    machine=row["mark"] if row else ",".join(page.flags),
                    confidence=row["confidence"] if row else None,
                    decided=decided.get(position, ""),
                    reason=(row or {}).get("reason", ""),
                )
            )
    return items


__all__ = ["BallotInputError", "Item", "add_typed_ballot", "decide", "queue"]
