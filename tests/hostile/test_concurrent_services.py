"""Issue 16.1 below the API: organisation edits from two processes at once, each with its own
PostgreSQL connection. Each audit "before" must be the state the previous edit left (read under
the lock); before the fix it was the caller's stale copy, so the log hid the other change."""

import multiprocessing

import pytest
from django.db import connection, connections

from daihoi.audit.models import AuditEntry
from daihoi.organizations import services
from daihoi.organizations.models import Organization

ROUNDS = 8
pytestmark = pytest.mark.django_db(transaction=True)


def editor(pk, field, start, done):
    connections.close_all()  # the parent's connection is not this process's to use
    for n in range(ROUNDS):
        org = Organization.objects.get(pk=pk)  # read, as a page would, before the other saves
        start.wait()
        services.update_organization(None, org, **{field: f"{field}-{n}"})
        done.wait()
    connections.close_all()


def test_organisation_edits_at_once_keep_both_changes_and_a_true_audit(users, tree):
    if connection.vendor != "postgresql":
        pytest.skip("separate processes need a database they can all open (PostgreSQL)")
    org = tree.east
    context = multiprocessing.get_context("fork")
    start, done = context.Barrier(2, timeout=120), context.Barrier(2, timeout=120)
    connections.close_all()
    workers = [
        context.Process(target=editor, args=(org.pk, f, start, done)) for f in ("name", "code")
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=180)
    assert [w.exitcode for w in workers] == [0, 0]
    org.refresh_from_db()
    assert (org.name, org.code) == (f"name-{ROUNDS - 1}", f"code-{ROUNDS - 1}")
    entries = list(
        AuditEntry.objects.filter(action="organization.update", object_id=str(org.pk)).order_by(
            "pk"
        )
    )
    assert len(entries) == 2 * ROUNDS
    for earlier, later in zip(entries, entries[1:], strict=False):
        assert later.before == earlier.after
