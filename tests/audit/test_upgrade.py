"""A database from before the keyed chain: refused until upgraded; only an intact old chain is upgraded."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from daihoi.audit.chain import GENESIS
from daihoi.audit.models import AuditEntry, AuditHead
from daihoi.audit.upgrade import legacy_hash
from daihoi.audit.verify import verify_chain
from daihoi.people.services import update_member


def make_legacy() -> None:
    """Rewrite the chain as the first version wrote it (plain SHA-256, no key on the head)."""
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("seq"):
        digest = legacy_hash(prev, entry)
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=prev, hash=digest)
        prev = digest
    AuditHead.objects.filter(id=1).update(last_hash=prev, mac="", key_id="")


def test_a_legacy_chain_is_refused_then_upgraded(members):
    make_legacy()
    assert not verify_chain().ok
    with pytest.raises(Exception, match="audit upgrade"):
        update_member(None, members.an, given_name="Anh")
    old_head = AuditHead.objects.get().last_hash
    call_command("audit", "upgrade")
    assert verify_chain().ok
    last = AuditEntry.objects.latest("seq")
    assert last.action == "audit.upgrade" and last.after["old_head"] == old_head
    update_member(None, members.an, given_name="Anh")
    assert verify_chain().ok


def test_a_tampered_legacy_chain_is_not_upgraded(members):
    make_legacy()
    AuditEntry.objects.filter(seq=3).update(summary="sửa trộm")
    with pytest.raises(CommandError, match="mục #3"):
        call_command("audit", "upgrade")
    assert AuditHead.objects.get().key_id == ""


def test_a_keyed_chain_needs_no_upgrade(members):
    with pytest.raises(CommandError, match="không cần nâng cấp"):
        call_command("audit", "upgrade")
