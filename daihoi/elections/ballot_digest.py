"""Per-box digests of the counting evidence, sealed into the audit chain.

A box's leaves are one hash per row of evidence: each entry (who typed, which
slot, keyboard or scan), each ballot as typed, each undone ballot, each counted
ballot, each leader decision. The root (a hash of the labelled leaves) is recorded
in the keyed audit chain when the box is reconciled and again when the election
is published; `daihoi audit verify` recomputes it from the ballot tables and names
the first box and ballot that no longer match. Nothing here runs on the per-ballot
save path.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q

from daihoi.audit.chain import canonical
from daihoi.audit.models import AuditEntry
from daihoi.audit.services import record
from daihoi.audit.verify import Problem

from .models import (
    BallotBatch,
    BallotDecision,
    BatchEntry,
    BatchSeal,
    BatchStatus,
    CountedBallot,
    Election,
    EnteredBallot,
    PublishedResult,
    UndoneBallot,
)

KIND_ORDER = ("entry", "typed", "undone", "counted", "decision")


def _leaf(label: list, values: list) -> list:
    digest = hashlib.sha256(canonical([label, values]).encode("utf-8")).hexdigest()
    return [label, digest]


def _iso(value):
    return value.isoformat() if value else None


@dataclass(frozen=True)
class BoxEvidence:
    """A box's entries and the ballots typed or undone in them, read once.

    Reconciling compares the entries, copies the agreed ballots and seals the box
    from this one read (three queries) instead of reading the ballots three times."""

    entries: list[BatchEntry]  # by id
    typed: list[tuple]  # (entry_id, seq, content, valid, reason, entered_at), by entry, seq
    undone: list[tuple]  # (id, entry_id, seq, content, valid, reason, entered_at, undone_at)

    def contents(self, entry_id: int) -> list[dict]:
        """The entry's ballots, in order of their number."""
        return [row[2] for row in self.typed if row[0] == entry_id]


def read_evidence(batch: BallotBatch) -> BoxEvidence:
    entries = list(BatchEntry.objects.filter(batch=batch).order_by("id"))
    ids = [e.pk for e in entries]
    # Tuples, not model instances: building 400 instances cost more than the queries.
    typed = EnteredBallot.objects.filter(entry_id__in=ids).order_by("entry_id", "seq")
    undone = UndoneBallot.objects.filter(entry_id__in=ids).order_by("entry_id", "id")
    return BoxEvidence(
        entries,
        list(typed.values_list("entry_id", "seq", "content", "valid", "reason", "entered_at")),
        list(
            undone.values_list(
                "id", "entry_id", "seq", "content", "valid", "reason", "entered_at", "undone_at"
            )
        ),
    )


COUNTED_FIELDS = ("seq", "content", "valid", "reason", "resolved")
DECISION_FIELDS = ("id", "seq", "chosen_slot", "readings", "content", "decided_by_id", "reason")


def leaves_of(evidence: BoxEvidence, counted, decisions) -> list[list]:
    """The labelled leaves of a box, in a fixed order. `counted` are COUNTED_FIELDS tuples
    by seq; `decisions` DECISION_FIELDS tuples by seq and id."""
    leaves = [
        _leaf(["entry", e.pk], [e.slot, e.operator_id, e.status, e.source, _iso(e.finalised_at)])
        for e in evidence.entries
    ]
    for entry_id, seq, content, valid, reason, entered_at in evidence.typed:
        leaves.append(_leaf(["typed", entry_id, seq], [content, valid, reason, _iso(entered_at)]))
    for pk, entry_id, seq, content, valid, reason, entered_at, undone_at in evidence.undone:
        values = [content, valid, reason, _iso(entered_at), _iso(undone_at)]
        leaves.append(_leaf(["undone", entry_id, seq, pk], values))
    for seq, content, valid, reason, resolved in counted:
        leaves.append(_leaf(["counted", seq], [content, valid, reason, resolved]))
    for pk, seq, chosen_slot, readings, content, decided_by_id, reason in decisions:
        values = [chosen_slot, readings, content, decided_by_id, reason]
        leaves.append(_leaf(["decision", seq, pk], values))
    return leaves


def batch_leaves(batch: BallotBatch) -> list[list]:
    """The labelled leaves of a box, as its tables hold them now."""
    counted = CountedBallot.objects.filter(batch=batch).order_by("seq")
    decisions = BallotDecision.objects.filter(batch=batch).order_by("seq", "id")
    return leaves_of(
        read_evidence(batch),
        counted.values_list(*COUNTED_FIELDS),
        decisions.values_list(*DECISION_FIELDS),
    )


def root_of(leaves: list[list]) -> str:
    return hashlib.sha256(canonical(["daihoi-box/1", leaves]).encode("utf-8")).hexdigest()


def seal_batch(actor, batch: BallotBatch, stage: str, leaves: list | None = None) -> BatchSeal:
    """Record the box's digest in the audit chain (inside the caller's transaction).

    `leaves`: the caller's, built by `leaves_of` from the rows it has just written in
    this transaction; read from the tables when not given."""
    if leaves is None:
        leaves = batch_leaves(batch)
    root = root_of(leaves)
    entry = record(
        actor,
        "batch.seal",
        batch,
        summary=f"hòm {batch.number}: mã phiếu {root[:16]}",
        after={"stage": stage, "root": root, "leaves": len(leaves)},
    )
    return BatchSeal.objects.create(
        batch=batch,
        stage=stage,
        root=root,
        leaves=leaves,
        audit_seq=entry.seq,
        sealed_at=entry.at,
    )


def sealed_root(batch: BallotBatch) -> str | None:
    """The root the audit chain last recorded for this box (the chain is the authority)."""
    seals = (
        AuditEntry.objects.filter(
            Q(action="batch.seal", object_type="elections.ballotbatch", object_id=str(batch.pk))
            | Q(
                action="election.seal",
                object_type="elections.election",
                object_id=str(batch.election_id),
            )
        )
        .order_by("-seq")
        .values_list("action", "after")
    )
    for action, after in seals:
        if action == "batch.seal":
            return (after or {}).get("root")
        boxes = (after or {}).get("boxes") or {}
        if str(batch.number) in boxes:
            return boxes[str(batch.number)]
    return None


def _box(batch: BallotBatch) -> str:
    return f"{batch.election.title} (#{batch.election_id}), hòm {batch.number}"


def check_batch(batch: BallotBatch) -> Problem | None:
    """None when the tables still give the sealed root; else where they first differ."""
    chain_root = sealed_root(batch)
    if chain_root is None:
        return Problem(
            "box_unsealed",
            f"{_box(batch)}: đã khớp nhưng nhật ký không có mã phiếu của hòm.",
            box=batch.number,
        )
    leaves = batch_leaves(batch)
    if root_of(leaves) == chain_root:
        return None
    return _locate(batch, chain_root, leaves)


def _sort_key(label: list) -> tuple:
    return (KIND_ORDER.index(label[0]), *label[1:])


def _locate(batch: BallotBatch, chain_root: str, leaves: list[list]) -> Problem:
    seal = next(
        (s for s in batch.seals.filter(root=chain_root) if root_of(s.leaves) == chain_root), None
    )
    if seal is None:
        return Problem(
            "box_changed",
            f"{_box(batch)}: phiếu không còn khớp mã đã niêm phong (không xác định được phiếu).",
            box=batch.number,
        )
    sealed = {tuple(label): h for label, h in seal.leaves}
    now = {tuple(label): h for label, h in leaves}
    for label in sorted(sealed.keys() | now.keys(), key=_sort_key):
        if sealed.get(label) != now.get(label):
            how = (
                "bị xóa"
                if label not in now
                else "được chèn thêm"
                if label not in sealed
                else "bị sửa"
            )
            what, ballot = _describe(label)
            return Problem(
                f"ballot_{'deleted' if label not in now else 'inserted' if label not in sealed else 'edited'}",
                f"{_box(batch)}, {what}: {how} sau khi niêm phong (mã nhật ký #{seal.audit_seq}).",
                box=batch.number,
                ballot=ballot,
            )
    raise AssertionError("roots differ but no leaf does")  # pragma: no cover


def _slot(entry_id: int) -> str:
    slot = BatchEntry.objects.filter(pk=entry_id).values_list("slot", flat=True).first()
    return str(slot) if slot is not None else "?"


def _describe(label: tuple) -> tuple[str, int | None]:
    kind = label[0]
    if kind == "entry":
        return f"thông tin lần nhập {_slot(label[1])}", None
    if kind == "typed":
        return f"lần nhập {_slot(label[1])}, phiếu số {label[2]}", label[2]
    if kind == "undone":
        return f"lần nhập {_slot(label[1])}, phiếu hoàn tác số {label[2]}", label[2]
    if kind == "counted":
        return f"phiếu kiểm số {label[1]}", label[1]
    return f"quyết định của tổ trưởng về phiếu số {label[1]}", label[1]


def election_digest(boxes: dict[str, str]) -> str:
    return hashlib.sha256(canonical(["daihoi-election/1", boxes]).encode("utf-8")).hexdigest()


def seal_election(actor, election: Election) -> str:
    """At publication: every box must still match its seal; record all roots and the
    election's digest (printed on the minutes). Refuses, naming the box, otherwise."""
    boxes = {}
    for batch in election.batches.select_related("election").order_by("number"):
        problem = check_batch(batch)
        if problem is not None:
            raise ValidationError(f"Không công bố được: {problem.message}", code=problem.code)
        boxes[str(batch.number)] = sealed_root(batch)
    digest = election_digest(boxes)
    record(
        actor,
        "election.seal",
        election,
        summary=f"{election.title}: mã phiếu {digest[:16]}",
        after={"boxes": boxes, "digest": digest},
    )
    return digest


def verify_ballots() -> list[Problem]:
    """Every sealed or reconciled box against the chain; every publication in the chain."""
    problems = []
    batches = BallotBatch.objects.filter(
        Q(status=BatchStatus.RECONCILED) | Q(seals__isnull=False)
    ).distinct()
    for batch in batches.select_related("election").order_by("election_id", "number"):
        problem = check_batch(batch)
        if problem is not None:
            problems.append(problem)
    hashes = set(PublishedResult.objects.values_list("audit_hash", flat=True))
    known = set(AuditEntry.objects.filter(hash__in=hashes).values_list("hash", flat=True))
    for published in PublishedResult.objects.exclude(audit_hash__in=known).select_related(
        "election"
    ):
        problems.append(
            Problem(
                "publication_missing",
                f"{published.election.title} (#{published.election_id}): mục nhật ký của lần "
                "công bố kết quả không còn trong chuỗi.",
            )
        )
    return problems
