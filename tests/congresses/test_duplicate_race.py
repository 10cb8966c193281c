"""Two clerks create the same organisation's congress at once: one is created, one refused.

Real processes, each with its own PostgreSQL connection (the organisation row lock in
congresses.services._earlier_congresses serialises them). SQLite's in-memory test
database cannot be shared between processes, so the test runs on PostgreSQL only.
"""

import multiprocessing

import pytest
from django.db import connection, connections

from daihoi.congresses.models import Congress

pytestmark = pytest.mark.django_db(transaction=True)


def _clerk(org_pk: int, user_pk: int, barrier, results) -> None:
    connections.close_all()  # never share the parent's socket
    from django.core.exceptions import ValidationError

    from daihoi.accounts.models import User
    from daihoi.congresses.services import create_congress
    from daihoi.organizations.models import Organization

    org, user = Organization.objects.get(pk=org_pk), User.objects.get(pk=user_pk)
    barrier.wait(timeout=30)
    try:
        create_congress(user, org, name="Đại hội huyện Đông", kind="delegates")
        results.put("created")
    except ValidationError:
        results.put("refused")
    finally:
        connections.close_all()


def test_two_processes_create_only_one_congress(terms, tree, users):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database shared between processes (PostgreSQL)")
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    connections.close_all()
    clerks = [
        ctx.Process(target=_clerk, args=(tree.east.pk, users.east.pk, barrier, results))
        for _ in range(2)
    ]
    for p in clerks:
        p.start()
    for p in clerks:
        p.join(60)
    outcomes = sorted(results.get(timeout=5) for _ in clerks)
    assert outcomes == ["created", "refused"]
    assert Congress.objects.filter(organization=tree.east).count() == 1
