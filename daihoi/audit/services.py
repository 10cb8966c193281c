"""Append to and verify the hash-chained audit log.

Every service that changes something that matters calls `record()` inside its own
transaction, so the change and its audit line commit or roll back together.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _canonical(value) -> str:
    return json.dumps(
        value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def _normalise(value):
    """Round-trip through JSON so the hash is computed on what the database stores."""
    return None if value is None else json.loads(_canonical(value))


def entry_hash(
    prev_hash: str, at: datetime, actor_id, action, object_type, object_id, summary, before, after
) -> str:
    payload = _canonical(
        [
            prev_hash,
            at.isoformat(),
            actor_id,
            action,
            object_type,
            str(object_id),
            summary,
            before,
            after,
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    actor,
    action: str,
    obj=None,
    *,
    object_type: str = "",
    object_id="",
    summary: str = "",
    before=None,
    after=None,
) -> AuditEntry:
    """Append one entry. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside a transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    head, _ = AuditHead.objects.select_for_update().get_or_create(
        id=1, defaults={"last_hash": GENESIS}
    )
    at = timezone.now()
    actor_id = getattr(actor, "pk", None)
    before, after = _normalise(before), _normalise(after)
    digest = entry_hash(
        head.last_hash, at, actor_id, action, object_type, object_id, summary, before, after
    )
    entry = AuditEntry.objects.create(
        at=at,
        actor_id=actor_id,
        actor_name=getattr(actor, "username", "") or "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:300],
        before=before,
        after=after,
        prev_hash=head.last_hash,
        hash=digest,
    )
    head.last_hash = digest
    head.count += 1
    head.save(update_fields=["last_hash", "count"])
    return entry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    ok: bool
    first_bad_id: int | None = None
    problem: str = ""


def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Recompute every hash in order; report the first entry that does not match."""
    prev = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        if entry.prev_hash != prev:
            return ChainReport(
                checked,
                False,
                entry.id,
                "prev_hash does not match the previous entry (row removed or inserted)",
            )
        expected = entry_hash(
            prev,
            entry.at,
            entry.actor_id,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.summary,
            entry.before,
            entry.after,
        )
        if expected != entry.hash:
            return ChainReport(
                checked, False, entry.id, "content does not match its hash (row edited)"
            )
        prev = entry.hash
        checked += 1
    head = AuditHead.objects.filter(id=1).first()
    if head and head.last_hash != prev:
        return ChainReport(
            checked, False, None, "the newest entries are missing (head hash differs)"
        )
    return ChainReport(checked, True)
