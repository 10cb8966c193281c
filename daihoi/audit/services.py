"""Append to the keyed, hash-chained audit log.

Every service that changes something that matters calls `record()` inside its own
transaction, so the change and its audit line commit or roll back together.
Verification lives in verify.py; the key in keys.py; anchors in anchor.py.
"""

from django.db import transaction
from django.utils import timezone

from .chain import GENESIS, entry_hash, head_mac, normalise
from .keys import AuditKeyError, ensure_key, key_id, load_key
from .models import AuditEntry, AuditHead, ChainCheck
from .verify import ChainReport, verify_chain  # noqa: F401  (the public surface)

# Relations followed (in this order) to find the organisation an object belongs to.
_OWNER_PATH = ("congress", "election", "batch", "entry", "plan", "cycle", "review", "member")


def organization_of(obj, depth: int = 0):
    """The id of the organisation `obj` belongs to, or None (an Organization is its own)."""
    if obj is None or depth > 4:
        return None
    if obj._meta.label_lower == "organizations.organization":
        return obj.pk
    org_id = getattr(obj, "organization_id", None)
    if org_id is not None:
        return org_id
    for name in _OWNER_PATH:
        if getattr(obj, f"{name}_id", None) is not None:
            return organization_of(getattr(obj, name), depth + 1)
    return None


def _head_for_update() -> tuple[AuditHead, bytes]:
    head = AuditHead.objects.select_for_update().filter(id=1).first()
    if head is None or head.count == 0:
        key = ensure_key()  # an empty chain may start with a new key
        if head is None:
            head = AuditHead.objects.create(id=1, last_hash=GENESIS, count=0)
            head = AuditHead.objects.select_for_update().get(id=1)
    elif not head.key_id:
        raise AuditKeyError(
            "Chuỗi nhật ký được ghi trước khi có khóa: chạy “daihoi audit upgrade” trước."
        )
    else:
        key = load_key()
    return head, key


def record(
    actor,
    action: str,
    obj=None,
    *,
    object_type: str = "",
    object_id="",
    organization=None,
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
    if organization is None:
        organization_id = organization_of(obj) or getattr(actor, "organization_id", None)
    else:
        organization_id = getattr(organization, "pk", organization)
    head, key = _head_for_update()
    fields = {
        "seq": head.count + 1,
        "prev_hash": head.last_hash,
        "at": timezone.now(),
        "actor_id": getattr(actor, "pk", None),
        "actor_name": (getattr(actor, "username", "") or "")[:150],
        "action": action[:80],
        "object_type": object_type[:80],
        "object_id": str(object_id)[:64],
        "organization_id": organization_id,
        "summary": summary[:300],
        "before": normalise(before),
        "after": normalise(after),
    }
    entry = AuditEntry.objects.create(**fields, hash=entry_hash(key, fields))
    head.last_hash, head.count = entry.hash, entry.seq
    head.mac, head.key_id = head_mac(key, head.count, head.last_hash), key_id(key)
    head.save(update_fields=["last_hash", "count", "mac", "key_id"])
    return entry


def check_chain(by=None, anchors=(), printed=()) -> tuple[ChainReport, ChainCheck]:
    """Verify the chain and keep the outcome for the audit page. Not itself an audit
    entry: a verification changes nothing, and a broken chain must still be reportable."""
    report = verify_chain(anchors=anchors, printed=printed)
    check = ChainCheck.objects.create(
        at=timezone.now(),
        by=by if getattr(by, "pk", None) else None,
        ok=report.ok,
        checked=report.checked,
        head_hash=report.head_hash,
        problems=[p.as_dict() for p in report.problems],
    )
    return report, check
