"""Writes of the scanning app: upload, store what the reader read, finalise, discard.

Each write is atomic and audited (``daihoi.audit.services.record`` in the same
transaction). Reading itself is slow and runs outside any transaction (in a
background thread, or in ``daihoi scan``); its pages are stored at the end in
one transaction, so a scan is either fully stored or not at all.
Decisions on single rows live in ``adjudication.py``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.elections import entry
from daihoi.elections.judging import judge, normalise
from daihoi.elections.models import (
    BallotBatch,
    BatchStatus,
    Election,
    EnteredBallot,
    EntryStatus,
)

from .content import page_content, pending
from .errors import ScanError, refuse
from .layouts import NotScannable, election_templates, expected_payload, explain_payload
from .models import (
    BALLOT_STATUSES,
    Adjudication,
    PageStatus,
    ScanBatch,
    ScannedPage,
    ScanStatus,
)
from .reading import DPI, File, PageResult, ScanFileError, count_pages, read_files

log = logging.getLogger(__name__)
PROGRESS_INTERVAL_SECONDS = 0.5
STORE_CHUNK = 50


@transaction.atomic
def create_scan(actor, batch: BallotBatch, files: list[File], *, page_size=None) -> ScanBatch:
    """Check the files (every one must open) and the ballot, and queue a scan of ``batch``."""
    if not files:
        raise refuse("no_files")
    batch = BallotBatch.objects.select_for_update().select_related("election").get(pk=batch.pk)
    if batch.status == BatchStatus.RECONCILED:
        raise refuse("batch_reconciled")
    templates = _templates(batch.election, page_size)
    try:
        pages = count_pages(files)
    except ScanFileError as exc:
        raise ScanError("bad_file", str(exc)) from exc
    scan = ScanBatch.objects.create(
        election=batch.election,
        round=batch.election.round,
        batch=batch,
        uploaded_by=actor,
        form=templates.form,
        payload=templates.payload,
        page_size=templates.preferred,
        pages_total=pages,
        files=[name for name, _ in files],
    )
    record(
        actor,
        "scan.create",
        scan,
        summary=f"{batch.election.title}: hòm {batch.number}, {pages} trang",
        after={"files": scan.files, "pages": pages, "payload": scan.payload},
    )
    return scan


@transaction.atomic
def add_files(actor, scan: ScanBatch, files: list[File]) -> ScanBatch:
    """More sheets for an open scan: the ones rejected, rescanned, or a box in several runs."""
    if not files:
        raise refuse("no_files")
    scan = ScanBatch.objects.select_for_update().select_related("batch").get(pk=scan.pk)
    if scan.status in (ScanStatus.QUEUED, ScanStatus.PROCESSING):
        raise refuse("still_reading")
    if scan.status not in (ScanStatus.NEEDS_REVIEW, ScanStatus.READY):
        raise refuse("done" if scan.status == ScanStatus.DONE else "not_open")
    try:
        pages = count_pages(files)
    except ScanFileError as exc:
        raise ScanError("bad_file", str(exc)) from exc
    names = [name for name, _ in files]
    scan.pages_total += pages
    scan.files = [*scan.files, *names]
    scan.status, scan.error = ScanStatus.QUEUED, ""
    scan.save(update_fields=["pages_total", "files", "status", "error"])
    record(
        actor,
        "scan.add_files",
        scan,
        summary=f"hòm {scan.batch.number}: thêm {pages} trang",
        after={"files": names, "pages": pages},
    )
    return scan


def _templates(election, page_size=None):
    try:
        return election_templates(election, page_size)
    except NotScannable as exc:
        raise ScanError("not_scannable", str(exc)) from exc


class _Progress:
    """Writes pages_done to the scan a few times a second (the page polls it)."""

    def __init__(self, scan_id: int, before: int):
        self.scan_id, self.before, self.last = scan_id, before, 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last >= PROGRESS_INTERVAL_SECONDS:
            self.last = now
            ScanBatch.objects.filter(pk=self.scan_id).update(pages_done=self.before + done)


def process_scan(scan: ScanBatch, files: list[File], *, workers: int = 1, on_page=None):
    """Read ``files`` and store their pages on ``scan``. A file that breaks half-way stores
    nothing and marks the scan failed. ``on_page(result)`` hears of each page (the CLI)."""
    scan = ScanBatch.objects.select_related("election", "batch").get(pk=scan.pk)
    before = scan.pages.count()
    ScanBatch.objects.filter(pk=scan.pk).update(status=ScanStatus.PROCESSING, error="")
    progress = _Progress(scan.pk, before)
    results: list[PageResult] = []
    try:
        templates = _templates(scan.election, scan.page_size)
        if templates.payload != scan.payload:
            raise refuse("list_changed")
        for result in read_files(files, templates, workers=workers, dpi=DPI, progress=progress):
            results.append(result)
            if on_page:
                on_page(result)
    except (ScanFileError, ScanError) as exc:
        return _fail(scan, str(exc), before)
    return _store(scan, results, before)


def fail_scan(scan: ScanBatch, reason: str) -> ScanBatch:
    """Reading broke off (a bug, a killed worker): keep the pages stored before this run only."""
    before = ScannedPage.objects.filter(scan=scan).count()
    return _fail(scan, reason, before)


@transaction.atomic
def _fail(scan: ScanBatch, reason: str, before: int) -> ScanBatch:
    scan = ScanBatch.objects.select_for_update().select_related("batch").get(pk=scan.pk)
    if scan.status == ScanStatus.DISCARDED:
        return scan
    scan.status = _review_status(scan) if before else ScanStatus.FAILED
    scan.error, scan.pages_done, scan.finished = reason, before, timezone.now()
    scan.pages_total = before if before else scan.pages_total
    scan.save(update_fields=["status", "error", "pages_done", "pages_total", "finished"])
    record(scan.uploaded_by, "scan.fail", scan, summary=reason[:200], after={"error": reason})
    return scan


@transaction.atomic
def _store(scan: ScanBatch, results: list[PageResult], before: int) -> ScanBatch:
    scan = ScanBatch.objects.select_for_update().select_related("election", "batch").get(pk=scan.pk)
    if scan.status != ScanStatus.PROCESSING:
        return scan  # discarded while it was being read: keep nothing
    titles = dict(
        Election.objects.filter(congress=scan.election.congress_id).values_list("pk", "title")
    )
    for result in results:
        if result.status == PageStatus.WRONG_BALLOT and result.payload not in ("", scan.payload):
            result.message = explain_payload(result.payload, scan.payload, titles)
    pages = [_page(scan, before + i, r) for i, r in enumerate(results, start=1)]
    ScannedPage.objects.bulk_create(pages, batch_size=STORE_CHUNK)
    scan.pages_done = scan.pages_total = before + len(pages)
    scan.status, scan.finished = _review_status(scan), timezone.now()
    sizes = Counter(r.size for r in results if r.size)
    if sizes:  # the paper size the pages fitted: tried first when more pages come
        scan.page_size = sizes.most_common(1)[0][0]
    scan.save(update_fields=["pages_done", "pages_total", "status", "finished", "page_size"])
    counts: dict[str, int] = {}
    for page in pages:
        counts[page.status] = counts.get(page.status, 0) + 1
    record(
        scan.uploaded_by,
        "scan.read",
        scan,
        summary=f"hòm {scan.batch.number}: {len(pages)} trang",
        after={
            "pages": len(pages),
            "by_status": counts,
            "for_review": sum(p.needs_review for p in pages),
            "readings_sha256": _digest(pages),
        },
    )
    return scan


def _page(scan: ScanBatch, number: int, result: PageResult) -> ScannedPage:
    ok = result.status == PageStatus.OK
    return ScannedPage(
        scan=scan,
        number=number,
        file_name=result.file_name[:200],
        file_page=result.file_page,
        status=result.status,
        message=result.message[:300],
        payload=result.payload[:120],
        flags=list(result.flags),
        rows=result.rows if ok else [],
        image=result.image if ok else None,  # a rejected page keeps no picture of a ballot
        dpi=result.dpi,
        needs_review=result.needs_person,
    )


def _digest(pages: list[ScannedPage]) -> str:
    """A fingerprint of what the reader read, kept in the audit log."""
    data = [
        [p.number, p.status, p.flags, [[r["position"], r["mark"], r["uncertain"]] for r in p.rows]]
        for p in pages
    ]
    return hashlib.sha256(json.dumps(data, separators=(",", ":")).encode()).hexdigest()


def _review_status(
    scan: ScanBatch, first: ScannedPage | None = None, decided: dict[int, str] | None = None
) -> str:
    """NEEDS_REVIEW while any item waits for a person, else READY.

    Runs after every decision, so it reads no images, only the rows and flags, and
    stops at the first page still waiting: ``first`` (the page just decided, with its
    decisions ``decided``), then the pages after it, which a person working down the
    queue has not reached yet, then those before.
    """
    if first is not None and pending(first.rows, first.flags, decided or {}):
        return ScanStatus.NEEDS_REVIEW
    # scan_id too: the related manager sets each page's scan, and a deferred id costs a query.
    pages = scan.pages.filter(needs_review=True).only("pk", "scan", "number", "rows", "flags")
    parts = [pages]
    if first is not None:
        pages = pages.exclude(pk=first.pk)
        parts = [pages.filter(number__gt=first.number), pages.filter(number__lt=first.number)]
    for part in parts:
        chunk = part.order_by("number").prefetch_related(
            Prefetch("decisions", queryset=Adjudication.objects.only("page", "position", "decided"))
        )
        for page in chunk.iterator(chunk_size=20):  # decisions fetched per 20 pages
            if pending(
                page.rows, page.flags, {d.position: d.decided for d in page.decisions.all()}
            ):
                return ScanStatus.NEEDS_REVIEW
    return ScanStatus.READY


def refresh_status(
    scan: ScanBatch, page: ScannedPage | None = None, decided: dict[int, str] | None = None
) -> ScanBatch:
    """After a decision on ``page`` (its decisions now ``decided``): NEEDS_REVIEW ↔ READY.
    Call inside the decision's transaction."""
    if scan.status in (ScanStatus.NEEDS_REVIEW, ScanStatus.READY):
        status = _review_status(scan, page, decided)
        if status != scan.status:
            scan.status = status
            scan.save(update_fields=["status"])
    return scan


def page_ballot(scan: ScanBatch, page: ScannedPage) -> dict:
    """The ballot a page stands for, in the ``daihoi count`` form (decisions applied)."""
    if page.status == PageStatus.TYPED:
        return dict(page.typed)
    decided = {d.position: d.decided for d in page.decisions.all()}
    return page_content(scan.form, page.rows, decided)


@transaction.atomic
def finalise_scan(actor, scan: ScanBatch, paper_count: int):
    """The scan becomes an entry (``source="scan"``) of its batch, compared like any other.

    ``paper_count`` is the number of sheets counted by hand: it must equal the
    ballots read, as the keyboard entry asks the typist to confirm their count.
    """
    scan = ScanBatch.objects.select_for_update().select_related("election", "batch").get(pk=scan.pk)
    _check_finalisable(scan)
    pages = list(
        scan.pages.filter(status__in=BALLOT_STATUSES)
        .order_by("number")
        .defer("image")  # the ballots need the readings only, not a JPEG per page
        .prefetch_related("decisions")
    )
    if not pages:
        raise refuse("no_ballots")
    if paper_count != len(pages):
        rejected = scan.pages.exclude(status__in=BALLOT_STATUSES).count()
        raise refuse(
            "count_mismatch",
            f"Đã đọc {len(pages)} phiếu, {rejected} trang bị loại; số tờ đếm được: "
            f"{paper_count}. Quét lại các tờ bị loại, hoặc nhập tay phiếu không quét được.",
        )
    if scan.batch.entries.filter(operator=actor, status=EntryStatus.IN_PROGRESS).exists():
        raise refuse("keyboard_in_progress")
    created = entry.start_entry(actor, scan.batch)  # refusals: entry_machine.EntryError
    created.source = "scan"
    created.save(update_fields=["source"])
    _write_ballots(scan, created, pages)
    scan.status, scan.entry, scan.finished = ScanStatus.DONE, created, timezone.now()
    scan.save(update_fields=["status", "entry", "finished"])
    record(
        actor,
        "scan.finalise",
        scan,
        summary=f"hòm {scan.batch.number}: {len(pages)} phiếu → lần nhập {created.slot}",
        after={"ballots": len(pages), "slot": created.slot, "paper_count": paper_count},
    )
    entry.finalise_entry(actor, created)
    created.refresh_from_db()
    return created


def _check_finalisable(scan: ScanBatch) -> None:
    if scan.status == ScanStatus.DONE:
        raise refuse("done")
    if scan.status in (ScanStatus.QUEUED, ScanStatus.PROCESSING):
        raise refuse("still_reading")
    if not scan.is_open:
        raise refuse("not_open")
    if _review_status(scan) == ScanStatus.NEEDS_REVIEW:
        raise refuse("pending")
    if expected_payload(scan.election) != scan.payload:
        raise refuse("list_changed")


def _write_ballots(scan: ScanBatch, created, pages: list[ScannedPage]) -> None:
    """Judge each page's ballot by the rules (as ``entry.save_ballot`` does) and store it."""
    election = scan.election
    candidates = election.candidates.filter(withdrawn=False).count()
    ballots = []
    for seq, page in enumerate(pages, start=1):
        content = page_ballot(scan, page)
        verdict = judge(content, candidates, election.seats)
        ballots.append(
            EnteredBallot(
                entry=created,
                seq=seq,
                content=normalise(content),
                valid=verdict.valid,
                reason=verdict.reason or "",
            )
        )
    EnteredBallot.objects.bulk_create(ballots, batch_size=STORE_CHUNK)
    stored = {b.seq: b for b in created.ballots.all()}
    for seq, page in enumerate(pages, start=1):
        page.ballot = stored[seq]
    ScannedPage.objects.bulk_update(pages, ["ballot"], batch_size=STORE_CHUNK)


@transaction.atomic
def discard_scan(actor, scan: ScanBatch, reason: str) -> ScanBatch:
    """Drop an open scan (wrong box, bad scanner run): its page images go, the record stays."""
    scan = ScanBatch.objects.select_for_update().select_related("batch").get(pk=scan.pk)
    if scan.status == ScanStatus.DONE:
        raise refuse("done")
    if scan.status == ScanStatus.DISCARDED:
        raise refuse("not_open")
    pages = scan.pages.count()
    scan.pages.all().delete()
    scan.status, scan.finished = ScanStatus.DISCARDED, timezone.now()
    scan.save(update_fields=["status", "finished"])
    record(
        actor,
        "scan.discard",
        scan,
        summary=f"hòm {scan.batch.number}: {reason}"[:250],
        after={"reason": reason, "pages_deleted": pages},
    )
    return scan


def next_page_number(scan: ScanBatch) -> int:
    return (scan.pages.aggregate(m=Max("number"))["m"] or 0) + 1
