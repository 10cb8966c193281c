"""Reads for the scanning pages: a scan's summary, and a box's scan compared with its typed entries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from daihoi.elections.lists import live_candidates
from daihoi.elections.models import BallotBatch, BatchEntry, EntryStatus

from .adjudication import queue
from .matching import Matching, match
from .models import (
    BALLOT_STATUSES,
    Adjudication,
    PageStatus,
    ScanBatch,
    ScannedPage,
    ScanStatus,
)
from .services import page_ballot


def names_of(election) -> list[str]:
    return list(live_candidates(election).values_list("full_name", flat=True))


def scan_summary(scan: ScanBatch) -> dict:
    pages = scan.pages.defer("image")
    by_status = Counter(pages.values_list("status", flat=True))
    ballots = sum(by_status[s] for s in BALLOT_STATUSES)
    waiting = queue(scan) if scan.is_open else []
    return {
        "pages": sum(by_status.values()),
        "ballots": ballots,
        "typed": by_status[PageStatus.TYPED],
        "rejected": list(pages.exclude(status__in=BALLOT_STATUSES).order_by("number")),
        "typed_pages": [
            (page, describe(page.typed, names_of(scan.election)))
            for page in pages.filter(status=PageStatus.TYPED).order_by("number")
        ],
        "by_status": [(PageStatus(s).label, n) for s, n in sorted(by_status.items())],
        "pending": len(waiting),
        "review_pages": pages.filter(needs_review=True).count(),
        "decisions": Adjudication.objects.filter(page__scan=scan).count(),
    }


def describe(content: dict | None, names: list[str]) -> str:
    """A ballot in words: the names struck, or the boxes marked, or why it is invalid."""
    from daihoi.elections.results import INVALID_LABELS

    if content is None:
        return "(không có phiếu này)"
    if "invalid" in content:
        labels = {str(k): v for k, v in INVALID_LABELS.items()}
        return "Không hợp lệ: " + labels.get(content["invalid"], content["invalid"])
    if "struck" in content:
        struck = [int(p) for p in content["struck"]]
        if not struck:
            return "Không gạch tên nào"
        return "Gạch: " + ", ".join(f"{p}. {names[p - 1]}" for p in struck if p <= len(names))
    marks = {"agree": "đồng ý", "disagree": "không đồng ý", "both": "cả hai ô"}
    parts = [f"{p}: {marks.get(m, m)}" for p, m in content["marks"].items()]
    return "; ".join(parts) if parts else "Không đánh dấu ô nào"


@dataclass
class Ballot:
    content: dict
    seq: int = 0  # in a typed entry
    page: ScannedPage | None = None  # in a scan


@dataclass
class Source:
    label: str
    ballots: list[Ballot]
    entry: BatchEntry | None = None
    scan: ScanBatch | None = None


@dataclass
class CrossCheck:
    scanned: Source | None
    typed: list[tuple[Source, Matching]] = field(default_factory=list)
    positions: int = 0


def _scan_source(batch: BallotBatch) -> Source | None:
    """The box's scan: its finalised entry, else the latest scan ready to finalise."""
    done = (
        BatchEntry.objects.filter(batch=batch, source="scan", status=EntryStatus.FINALISED)
        .order_by("slot")
        .first()
    )
    if done is not None:
        # In the order of the sheets, as the alignment matched them (equal ballots are
        # interchangeable: the same order picks the same sheet in both pages).
        ballots = done.ballots.order_by("scanned_page__number", "seq").select_related(
            "scanned_page"
        )
        items = [Ballot(b.content, b.seq, getattr(b, "scanned_page", None)) for b in ballots]
        return Source(f"Lần nhập {done.slot} (máy quét)", items, entry=done)
    scan = batch.scans.filter(status=ScanStatus.READY).order_by("-created").first()
    if scan is None:
        return None
    pages = (
        scan.pages.filter(status__in=BALLOT_STATUSES)
        .order_by("number")
        .prefetch_related("decisions")
        .defer("image")
    )
    items = [Ballot(page_ballot(scan, p), 0, p) for p in pages]
    return Source("Máy quét (chưa hoàn tất)", items, scan=scan)


def crosscheck(batch: BallotBatch) -> CrossCheck:
    """The scan against each finalised keyboard entry, matched as multisets."""
    positions = batch.election.candidates.filter(withdrawn=False).count()
    scanned = _scan_source(batch)
    result = CrossCheck(scanned=scanned, positions=positions)
    if scanned is None:
        return result
    typed_entries = (
        batch.entries.filter(status=EntryStatus.FINALISED)
        .exclude(source="scan")
        .select_related("operator")
        .order_by("slot")
    )
    for typed in typed_entries:
        ballots = [Ballot(b.content, b.seq) for b in typed.ballots.order_by("seq")]
        label = f"Lần nhập {typed.slot} (bàn phím, {typed.operator.get_username()})"
        source = Source(label, ballots, entry=typed)
        found = match([b.content for b in ballots], [b.content for b in scanned.ballots], positions)
        result.typed.append((source, found))
    return result
