"""`daihoi audit upgrade`: bring a chain written before the key existed under the key.

Databases from before the keyed chain hold entries hashed with plain SHA-256 over
fewer fields. They are checked under that old rule first; only an intact old chain
is rehashed under the key (in one transaction), and the upgrade itself is the next
entry, naming the old head so a printed old minutes' code can still be traced.
"""

import hashlib

from django.db import transaction

from .chain import GENESIS, canonical, entry_hash, fields_of, head_mac
from .keys import ensure_key, generate_key, key_id, key_path
from .models import AuditEntry, AuditHead


class UpgradeRefused(Exception):
    pass


def legacy_hash(prev_hash: str, entry: AuditEntry) -> str:
    """The rule of the first version: prev, time, actor id, action, object, summary, before, after."""
    payload = canonical(
        [
            prev_hash,
            entry.at.isoformat(),
            entry.actor_id,
            entry.action,
            entry.object_type,
            str(entry.object_id),
            entry.summary,
            entry.before,
            entry.after,
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def needs_upgrade() -> bool:
    head = AuditHead.objects.filter(id=1).first()
    return bool(head and head.count and not head.key_id)


@transaction.atomic
def upgrade_chain() -> tuple[int, str]:
    """Rehash an intact legacy chain under the key. Returns (entries, old head hash)."""
    head = AuditHead.objects.select_for_update().filter(id=1).first()
    if head is None or not head.count or head.key_id:
        raise UpgradeRefused("Chuỗi nhật ký đã có khóa (hoặc còn trống): không cần nâng cấp.")
    entries = list(AuditEntry.objects.order_by("seq"))
    prev = GENESIS
    for entry in entries:
        if entry.prev_hash != prev or legacy_hash(prev, entry) != entry.hash:
            raise UpgradeRefused(
                f"Chuỗi cũ đã hỏng ở mục #{entry.seq}: không nâng cấp (giữ nguyên để điều tra)."
            )
        prev = entry.hash
    if prev != head.last_hash or len(entries) != head.count:
        raise UpgradeRefused("Đầu chuỗi cũ không khớp các mục: không nâng cấp.")
    old_head = head.last_hash
    if not key_path().exists():
        generate_key()
    key = ensure_key()
    prev = GENESIS
    for entry in entries:
        entry.prev_hash = prev
        entry.hash = entry_hash(key, fields_of(entry))
        prev = entry.hash
    AuditEntry.objects.bulk_update(entries, ["prev_hash", "hash"], batch_size=1000)
    head.last_hash, head.mac, head.key_id = prev, head_mac(key, head.count, prev), key_id(key)
    head.save(update_fields=["last_hash", "mac", "key_id"])
    from .services import record

    record(
        None,
        "audit.upgrade",
        object_type="audit.audithead",
        object_id="1",
        summary=f"Nâng cấp {len(entries)} mục lên chuỗi có khóa",
        after={"old_head": old_head},
    )
    return len(entries), old_head
