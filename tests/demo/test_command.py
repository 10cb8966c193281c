from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from daihoi.accounts.models import User
from daihoi.audit.models import AuditEntry
from daihoi.audit.services import verify_chain
from daihoi.demo.generator import build_demo
from daihoi.organizations.models import Organization
from daihoi.people.models import Member


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_it_loads_the_demo_and_prints_how_to_log_in(db):
    output = demo("--small", "--seed", "3")
    assert "http://127.0.0.1:8000/" in output
    assert "daihoi-demo" in output
    assert "admin" in output and "huyen02" in output and "xem" in output
    assert "Tổ chức đảng:" in output and "Ghi " in output  # progress per phase, in Vietnamese
    entry = AuditEntry.objects.get(action="demo.load")
    assert entry.after["seed"] == 3 and entry.after["members"] == Member.objects.count()
    assert verify_chain().ok


def test_it_does_nothing_but_print_the_logins_when_not_empty_and_asked_to(db):
    demo("--small", "--seed", "3", "--if-empty")
    counts = Organization.objects.count(), Member.objects.count()
    output = demo("--small", "--seed", "4", "--if-empty")
    assert "không nạp lại" in output and "huyen01" in output
    assert (Organization.objects.count(), Member.objects.count()) == counts
    assert AuditEntry.objects.filter(action="demo.load").count() == 1


def test_it_refuses_to_load_over_existing_organisations(tree):
    with pytest.raises(CommandError, match="--flush"):
        demo("--small")
    assert not Organization.objects.filter(code__startswith="99").exists()


# Transactional: PostgreSQL cannot TRUNCATE inside a test's transaction once
# rows were written there (deferred foreign-key checks are pending), whereas the
# command itself runs in autocommit.
@pytest.mark.django_db(transaction=True)
def test_it_replaces_everything_when_asked_to_flush(tree):
    demo("--small", "--flush")
    assert not Organization.objects.filter(code="T01").exists()
    assert Organization.objects.filter(code="99", level="province").exists()


def test_it_leaves_an_existing_account_alone(db):
    User.objects.create_user(username="admin", password="mine-not-the-demos")
    summary = build_demo(3, small=True)
    assert summary.users == 3
    assert authenticate(username="admin", password="mine-not-the-demos") is not None
    assert User.objects.get(username="admin").organization is None


def test_it_prints_the_address_the_server_will_listen_on(db):
    output = demo("--small", "--seed", "3", "--address", "0.0.0.0:8080")
    assert "http://0.0.0.0:8080/" in output and "127.0.0.1:8000" not in output
