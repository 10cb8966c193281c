"""What the counting leaves behind for the audit: undone ballots, the leader's decisions,
and the per-box digests sealed into the audit chain (ballot_digest.py).

Imported at the end of models.py so Django registers them with the elections app.
"""

from django.conf import settings
from django.db import models


class UndoneBallot(models.Model):
    """A typed ballot the operator took back ("-" / Bỏ): moved here, never lost."""

    entry = models.ForeignKey(
        "elections.BatchEntry", on_delete=models.CASCADE, related_name="undone"
    )
    seq = models.PositiveIntegerField()
    content = models.JSONField()
    valid = models.BooleanField()
    reason = models.CharField(max_length=32, blank=True)
    entered_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField()

    class Meta:
        ordering = ["entry", "undone_at", "id"]

    def __str__(self) -> str:
        return f"#{self.seq} (hoàn tác)"


class BallotDecision(models.Model):
    """The team leader's decision on one ballot the entries read differently.

    `seq` is the ballot's number in the entries; `content` is the chosen reading
    (None: the chosen entry has no such ballot, the others typed one too many)."""

    batch = models.ForeignKey(
        "elections.BallotBatch", on_delete=models.PROTECT, related_name="decisions"
    )
    seq = models.PositiveIntegerField()
    chosen_slot = models.PositiveSmallIntegerField()
    readings = models.JSONField(help_text="each entry's reading, by slot")
    content = models.JSONField(null=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["batch", "seq", "id"]

    def __str__(self) -> str:
        return f"{self.batch} #{self.seq} → lần {self.chosen_slot}"


class BatchSeal(models.Model):
    """A box's digest as sealed into the audit chain, with the leaves it was built from.

    The chain holds the root (keyed, anchored); the leaves here only help to name the
    first ballot that differs, and are trusted only when they rebuild the chain's root."""

    batch = models.ForeignKey(
        "elections.BallotBatch", on_delete=models.PROTECT, related_name="seals"
    )
    stage = models.CharField(max_length=12)
    root = models.CharField(max_length=64)
    leaves = models.JSONField()
    audit_seq = models.PositiveBigIntegerField()
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["batch", "-audit_seq"]

    def __str__(self) -> str:
        return f"{self.batch} {self.stage} {self.root[:12]}"
