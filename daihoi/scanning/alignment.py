"""Put a scan entry's ballots in the order of the keyboard entry it is compared with.

The batch's comparison (``elections.entry_machine.compare``) goes ballot by
ballot in order. Typists type the pile in one order; the scanner may have read
it in another. Ballots have no identity and their order means nothing (it is
even kept from view, for secrecy), so before the comparison the scan entry's
ballots are renumbered to follow the first keyboard entry, matching them as
multisets (``matching.aligned_order``). The keyboard entries are never touched.
Called by ``elections.entry.finalise_entry`` inside its transaction.
"""

from __future__ import annotations

from django.db.models import F

from daihoi.audit.services import record
from daihoi.elections.models import BatchEntry, EnteredBallot

from .matching import aligned_order

# Seqs are moved out of the way first: (entry, seq) is unique and checked row by row.
_OFFSET = 1_000_000


def align_scanned_entries(actor, finalised: list[BatchEntry]) -> None:
    """Renumber every scan entry of ``finalised`` to follow the reference entry."""
    scans = [e for e in finalised if e.source == "scan"]
    if not scans:
        return
    typed = [e for e in finalised if e.source != "scan"]
    reference = typed[0] if typed else scans[0]
    wanted = [b.content for b in reference.ballots.order_by("seq")]
    positions = reference.batch.election.candidates.filter(withdrawn=False).count()
    for scan_entry in scans:
        if scan_entry.pk != reference.pk:
            _renumber(actor, scan_entry, wanted, positions, reference.slot)


def _renumber(actor, scan_entry: BatchEntry, wanted: list[dict], positions: int, slot: int):
    # The sheets' order, whatever an earlier alignment made of the seqs: the matching of
    # equal ballots then always picks the same sheet (and the cross-check page agrees).
    ballots = list(scan_entry.ballots.order_by("scanned_page__number", "seq"))
    order = aligned_order(wanted, [b.content for b in ballots], positions)
    moved = sum(1 for new, index in enumerate(order) if ballots[index].seq != new + 1)
    if not moved:
        return
    EnteredBallot.objects.filter(entry=scan_entry).update(seq=F("seq") + _OFFSET)
    for new_seq, index in enumerate(order, start=1):
        ballots[index].seq = new_seq
    EnteredBallot.objects.bulk_update(ballots, ["seq"], batch_size=200)
    record(
        actor,
        "scan.align",
        scan_entry,
        summary=f"lần nhập {scan_entry.slot} (quét) xếp theo lần nhập {slot}",
        after={"moved": moved, "ballots": len(ballots), "reference_slot": slot},
    )
