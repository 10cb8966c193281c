"""Counting teams enter ballots; batches reconcile when independent entries agree.

Concurrency: every write locks the row it changes (the entry, or the batch)
with SELECT ... FOR UPDATE inside its transaction, so two teams saving at once
never lose or double-count a ballot, and a ballot's save is all-or-nothing.
"""

from django.db import transaction
from django.utils import timezone

from daihoi.audit.services import record

from . import entry_machine as machine
from .ballot_digest import (
    COUNTED_FIELDS,
    DECISION_FIELDS,
    BoxEvidence,
    leaves_of,
    read_evidence,
    seal_batch,
)
from .ballot_save import EntryNotFound, save_ballot_at
from .judging import judge
from .models import (
    BallotBatch,
    BallotDecision,
    BatchEntry,
    BatchStatus,
    CountedBallot,
    CountingTeam,
    Election,
    ElectionStatus,
    EnteredBallot,
    EntryStatus,
    UndoneBallot,
)


@transaction.atomic
def create_team(actor, congress, *, name: str, leader, members) -> CountingTeam:
    team = CountingTeam.objects.create(congress=congress, name=name, leader=leader)
    team.members.set({leader, *members})
    record(
        actor,
        "counting_team.create",
        team,
        summary=name,
        after={
            "leader": leader.username,
            "members": sorted(u.username for u in team.members.all()),
        },
    )
    return team


@transaction.atomic
def create_batch(actor, election: Election, *, team: CountingTeam, number: int) -> BallotBatch:
    if team.congress_id != election.congress_id:
        raise machine.EntryError("wrong_team", "Tổ kiểm phiếu không thuộc đại hội này.")
    if not election.list_locked:
        raise machine.EntryError("list_not_locked", "Danh sách chưa được biểu quyết và khóa.")
    batch = BallotBatch.objects.create(election=election, team=team, number=number)
    record(actor, "batch.create", batch, summary=f"{election.title}: hòm {number} → {team.name}")
    return batch


def _live(batch: BallotBatch) -> list[machine.LiveEntry]:
    return [
        machine.LiveEntry(e.slot, e.operator_id, machine.EntryState(e.status))
        for e in batch.entries.exclude(status=EntryStatus.DISCARDED)
    ]


@transaction.atomic
def start_entry(actor, batch: BallotBatch) -> BatchEntry:
    batch = BallotBatch.objects.select_for_update().select_related("election").get(pk=batch.pk)
    existing = batch.entries.filter(operator=actor, status=EntryStatus.IN_PROGRESS).first()
    if existing:
        return existing  # reopening the screen continues the same entry
    slot = machine.next_slot(
        machine.BatchState(batch.status), _live(batch), actor.pk, batch.election.entries_required
    )
    entry = BatchEntry.objects.create(batch=batch, operator=actor, slot=slot)
    if batch.status == BatchStatus.OPEN:
        batch.status = BatchStatus.ENTERING
        batch.save(update_fields=["status"])
    Election.objects.filter(pk=batch.election_id, status=ElectionStatus.LIST_APPROVED).update(
        status=ElectionStatus.COUNTING
    )
    record(actor, "entry.start", entry, summary=f"hòm {batch.number}, lần nhập {slot}")
    return entry


def _locked_entry(actor, entry: BatchEntry) -> BatchEntry:
    entry = (
        BatchEntry.objects.select_for_update().select_related("batch__election").get(pk=entry.pk)
    )
    machine.check_editable(
        machine.LiveEntry(entry.slot, entry.operator_id, machine.EntryState(entry.status)), actor.pk
    )
    return entry


def save_ballot(actor, entry: BatchEntry, content: dict) -> EnteredBallot:
    """Judge and store one typed ballot at the end of the entry (see ``ballot_save``).

    Raises BallotInputError on a typing error, EntryError when the entry is not
    the actor's or no longer in progress."""
    try:
        return save_ballot_at(actor, entry.pk, content, require_member=False).ballot
    except EntryNotFound:
        raise BatchEntry.DoesNotExist(entry.pk) from None


@transaction.atomic
def undo_last_ballot(actor, entry: BatchEntry) -> EnteredBallot:
    entry = _locked_entry(actor, entry)
    last = entry.ballots.order_by("-seq").first()
    if last is None:
        raise machine.refuse("nothing_to_undo")
    # Undo leaves a record for the entry log and the box's digest (ballot_digest.py).
    UndoneBallot.objects.create(
        entry=entry,
        seq=last.seq,
        content=last.content,
        valid=last.valid,
        reason=last.reason,
        entered_at=last.entered_at,
        undone_at=timezone.now(),
    )
    last.delete()
    return last


@transaction.atomic
def finalise_entry(actor, entry: BatchEntry) -> BallotBatch:
    entry = _locked_entry(actor, entry)
    if not entry.ballots.exists():
        raise machine.refuse("empty_entry")
    batch = (
        BallotBatch.objects.select_for_update().select_related("election").get(pk=entry.batch_id)
    )
    entry.status, entry.finalised_at = EntryStatus.FINALISED, timezone.now()
    entry.save(update_fields=["status", "finalised_at"])
    record(
        actor,
        "entry.finalise",
        entry,
        summary=f"hòm {batch.number}, lần {entry.slot}",
        after={"ballots": entry.ballots.count()},
    )
    finalised = list(batch.entries.filter(status=EntryStatus.FINALISED).order_by("slot"))
    comparison = evidence = None
    if len(finalised) >= batch.election.entries_required:
        # A scan reads the pile in feeder order: renumber it to follow the typed entry.
        from daihoi.scanning.alignment import align_scanned_entries

        align_scanned_entries(actor, finalised)
        evidence = read_evidence(batch)  # after the alignment, which renumbers ballots
        comparison = machine.compare([evidence.contents(e.pk) for e in finalised])
    state = machine.state_after_finalise(
        len(finalised), batch.election.entries_required, comparison
    )
    if state == machine.BatchState.RECONCILED:
        _reconcile(actor, batch, evidence, finalised[0].pk)
    elif state == machine.BatchState.DIFFERENT:
        batch.status = BatchStatus.DIFFERENT
        batch.save(update_fields=["status"])
        record(
            actor,
            "batch.entries_differ",
            batch,
            summary=f"hòm {batch.number}",
            after={
                "differences": [d.seq for d in comparison.differences],
                "counts": list(comparison.counts),
            },
        )
    return batch


def _contents(entry: BatchEntry) -> list[dict]:
    return list(entry.ballots.order_by("seq").values_list("content", flat=True))


def batch_comparison(batch: BallotBatch) -> tuple[list[BatchEntry], machine.Comparison]:
    finalised = list(
        batch.entries.filter(status=EntryStatus.FINALISED)
        .order_by("slot")
        .select_related("operator")
    )
    return finalised, machine.compare([_contents(e) for e in finalised])


@transaction.atomic
def resolve_differences(
    actor, batch: BallotBatch, choices: dict[int, int], reason: str
) -> BallotBatch:
    """The team leader decides each differing ballot by choosing the entry (slot) that read it right."""
    # The congress comes along for the audit rows' organisation; only the rows locked
    # before are locked (the batch, its election and team).
    batch = (
        BallotBatch.objects.select_for_update(of=("self", "election", "team"))
        .select_related("election__congress", "team")
        .get(pk=batch.pk)
    )
    if batch.team.leader_id != actor.pk:
        raise machine.refuse("not_leader")
    if batch.status != BatchStatus.DIFFERENT:
        raise machine.refuse("not_different")
    evidence = read_evidence(batch)
    finalised = sorted(
        (e for e in evidence.entries if e.status == EntryStatus.FINALISED), key=lambda e: e.slot
    )
    comparison = machine.compare([evidence.contents(e.pk) for e in finalised])
    slots = [e.slot for e in finalised]  # the order of each Difference.contents
    decided = {}
    for diff in comparison.differences:
        slot = choices.get(diff.seq)
        if slot not in slots:
            raise machine.refuse("unresolved")
        # None: the chosen entry has no such ballot, i.e. the other typed one too many.
        decided[diff.seq] = diff.contents[slots.index(slot)]
    decisions = _record_decisions(actor, batch, comparison, slots, choices, reason)
    _reconcile(
        actor, batch, evidence, finalised[0].pk, decided, decisions, reason=reason, choices=choices
    )
    return batch


def _record_decisions(actor, batch, comparison, slots, choices, reason) -> list[BallotDecision]:
    now = timezone.now()
    return BallotDecision.objects.bulk_create(
        BallotDecision(
            batch=batch,
            seq=diff.seq,
            chosen_slot=choices[diff.seq],
            readings={str(s): c for s, c in zip(slots, diff.contents, strict=True)},
            content=diff.contents[slots.index(choices[diff.seq])],
            decided_by=actor,
            decided_at=now,
            reason=reason[:300],
        )
        for diff in comparison.differences
    )


def _counted_rows(batch, contents: list[dict], decided: dict[int, dict | None]) -> list:
    """The counted ballots: the agreed ones from the first entry, the decided ones as the leader chose."""
    election = batch.election
    n = election.candidates.filter(withdrawn=False).count()
    length = max([len(contents), *decided.keys()]) if decided else len(contents)
    rows = []
    for seq in range(1, length + 1):
        content = decided.get(seq, contents[seq - 1] if seq <= len(contents) else None)
        if content is None:
            continue  # the leader decided this ballot does not exist (an extra one typed by mistake)
        verdict = judge(content, n, election.seats)
        rows.append(
            CountedBallot(
                batch=batch,
                seq=len(rows) + 1,
                content=content,
                valid=verdict.valid,
                reason=verdict.reason or "",
                resolved=seq in decided,
            )
        )
    return rows


def _reconcile(
    actor,
    batch: BallotBatch,
    evidence: BoxEvidence,
    base_entry_id: int,
    decided: dict[int, dict | None] | None = None,
    decisions: list[BallotDecision] = (),
    reason: str = "",
    choices: dict | None = None,
) -> None:
    """Write the counted ballots and seal the box, its digest built from the rows in hand."""
    rows = _counted_rows(batch, evidence.contents(base_entry_id), decided or {})
    CountedBallot.objects.filter(batch=batch).delete()
    CountedBallot.objects.bulk_create(rows)
    batch.status, batch.reconciled_at = BatchStatus.RECONCILED, timezone.now()
    batch.save(update_fields=["status", "reconciled_at"])
    record(
        actor,
        "batch.reconcile",
        batch,
        summary=f"hòm {batch.number}: {len(rows)} phiếu",
        after={
            "ballots": len(rows),
            "resolved": {str(k): v for k, v in (choices or {}).items()},
            "reason": reason,
        },
    )
    seal_batch(actor, batch, "reconcile", _leaves(batch, evidence, rows, decisions))


def _leaves(batch, evidence: BoxEvidence, rows: list[CountedBallot], decisions) -> list[list]:
    # The counted rows were all replaced just now, and decisions are only ever written
    # here, with the reconcile (a reconciled box never differs again): so the rows in
    # hand are all the box has. The values are those read back (JSON decoded, reason
    # cut to the column), as `daihoi audit verify` recomputes them from the tables.
    if any(d.pk is None for d in decisions):  # a backend without RETURNING on bulk insert
        decisions = BallotDecision.objects.filter(batch=batch).order_by("seq", "id")
    return leaves_of(
        evidence,
        [tuple(getattr(c, f) for f in COUNTED_FIELDS) for c in rows],
        sorted(
            (tuple(getattr(d, f) for f in DECISION_FIELDS) for d in decisions),
            key=lambda row: (row[1], row[0]),  # by seq, then id, as batch_leaves reads them
        ),
    )


@transaction.atomic
def reopen_entry(actor, entry: BatchEntry, reason: str) -> BatchEntry:
    """The leader returns an entry to its operator for correction (batch back to entering)."""
    entry = BatchEntry.objects.select_for_update().select_related("batch__team").get(pk=entry.pk)
    batch = entry.batch
    if batch.team.leader_id != actor.pk:
        raise machine.refuse("not_leader")
    if batch.status == BatchStatus.RECONCILED:
        raise machine.refuse("batch_reconciled")
    entry.status, entry.finalised_at = EntryStatus.IN_PROGRESS, None
    entry.save(update_fields=["status", "finalised_at"])
    batch.status = BatchStatus.ENTERING
    batch.save(update_fields=["status"])
    record(
        actor,
        "entry.reopen",
        entry,
        summary=f"hòm {batch.number}, lần {entry.slot}",
        after={"reason": reason},
    )
    return entry
