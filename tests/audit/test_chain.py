import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from daihoi.audit.models import AuditEntry
from daihoi.audit.services import verify_chain
from daihoi.people.services import update_member


def test_it_writes_one_entry_per_change_with_before_and_after(members):
    before_count = AuditEntry.objects.count()
    update_member(None, members.an, given_name="Anh")
    entry = AuditEntry.objects.latest("id")
    assert AuditEntry.objects.count() == before_count + 1
    assert entry.action == "member.update"
    assert entry.before["given_name"] == "An" and entry.after["given_name"] == "Anh"


def test_it_verifies_an_intact_chain(members):
    report = verify_chain()
    assert report.ok and report.checked == AuditEntry.objects.count() > 0


def test_it_detects_an_edited_row(members):
    victim = AuditEntry.objects.order_by("id")[3]
    AuditEntry.objects.filter(pk=victim.pk).update(summary="sửa trộm")
    report = verify_chain()
    assert not report.ok and report.first_bad_id == victim.pk and "edited" in report.problem
    with pytest.raises(CommandError, match="BROKEN"):
        call_command("audit", "verify")


def test_it_detects_a_removed_row(members):
    victim = AuditEntry.objects.order_by("id")[2]
    victim.delete()
    report = verify_chain()
    assert not report.ok and "removed" in report.problem


def test_it_detects_a_removed_newest_row(members):
    AuditEntry.objects.order_by("-id").first().delete()
    assert not verify_chain().ok
