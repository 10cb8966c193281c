from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One append-only line of the audit log.

    `hash` is an HMAC (key outside the database, see keys.py) over every stored field
    but the surrogate `id`: the chain position `seq`, `prev_hash`, the time, actor id
    and name, action, object, organisation, summary, before and after. Removing,
    inserting or editing any row breaks the chain from that row on
    (`daihoi audit verify`).
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64, blank=True)
    # The organisation the object belongs to, so a board sees its subtree's history.
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    summary = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # The history panel of an object: "all entries about election 12".
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The audit page: newest first, by action, by date.
            models.Index(fields=["action", "at"], name="audit_action_at_idx"),
            models.Index(fields=["at"], name="audit_at_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """A single row locked while appending, so concurrent writers chain in order.

    `mac` binds the count to the last hash under the key, so rolling the head back
    to an earlier entry (to hide deleted newest rows) needs the key too."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    count = models.PositiveBigIntegerField(default=0)
    mac = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=16, blank=True)

    def __str__(self) -> str:
        return f"head {self.last_hash[:12]} ({self.count} entries)"


class ChainCheck(models.Model):
    """The outcome of the last verifications, shown on the audit page (not audited itself)."""

    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ok = models.BooleanField()
    checked = models.PositiveBigIntegerField()
    head_hash = models.CharField(max_length=64, blank=True)
    problems = models.JSONField(default=list)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {'OK' if self.ok else 'BROKEN'}"
