"""Seal the carried counting into this database's own audit chain.

A box's digest names its rows by primary key, and each side has its own keys and
its own chain key, so the seals cannot travel: after a load, every reconciled box
is sealed again and every published result is bound to a fresh entry of this
chain (`daihoi audit verify` then passes here). The other side's values are kept
in the result's data under `hall_origin`, for the record.
"""

from daihoi.audit.services import record
from daihoi.elections.ballot_digest import seal_batch, seal_election
from daihoi.elections.models import BallotBatch, BatchStatus, PublishedResult


def reseal(actor, congress_id: int, stage: str, batch_ids=None, election_ids=None) -> None:
    """Seal the given boxes and publications (all of the congress's when None)."""
    batches = BallotBatch.objects.filter(
        election__congress_id=congress_id, status=BatchStatus.RECONCILED
    )
    if batch_ids is not None:
        batches = batches.filter(pk__in=batch_ids)
    for batch in batches.select_related("election").order_by("pk"):
        seal_batch(actor, batch, stage)
    published = PublishedResult.objects.filter(election__congress_id=congress_id)
    if election_ids is not None:
        published = published.filter(election_id__in=election_ids)
    for result in published.select_related("election").order_by("pk"):
        _rebind(actor, result, stage)


def _rebind(actor, result: PublishedResult, stage: str) -> None:
    digest = seal_election(actor, result.election)
    origin = {k: result.data.get(k) for k in ("audit_head", "audit_seq", "ballot_digest")}
    entry = record(
        actor,
        "hall.publish",
        result.election,
        summary=f"{result.election.title}: kết quả công bố tại hội trường",
        after={"stage": stage, "origin": origin, "ballot_digest": digest},
    )
    data = dict(result.data)
    data.update(audit_head=entry.hash, audit_seq=entry.seq, ballot_digest=digest)
    data["hall_origin"] = origin
    PublishedResult.objects.filter(pk=result.pk).update(data=data, audit_hash=entry.hash)
