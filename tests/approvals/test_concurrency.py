"""Two clerks of the higher committee decide at the same moment, in two real processes
(PostgreSQL): one decision is recorded, the other is refused by the state machine, and
the audit chain holds one decision."""

import datetime as dt
import multiprocessing

import pytest
from django.db import connection, connections

from daihoi.approvals import services
from daihoi.approvals.models import ApprovalEvent
from daihoi.audit.services import verify_chain

pytestmark = pytest.mark.django_db(transaction=True)
ON = dt.date(2025, 7, 1)


def _decide(congress_pk, user_pk, action, barrier, out):
    from django.core.exceptions import ValidationError

    from daihoi.accounts.models import User
    from daihoi.congresses.models import Congress

    congress, user = Congress.objects.get(pk=congress_pk), User.objects.get(pk=user_pk)
    barrier.wait()
    try:
        if action == "approve":
            services.approve_result(
                user, congress, number="45-QĐ/HU", decided_on=ON, issued_by="Huyện ủy"
            )
        else:
            services.refuse_approval(
                user,
                congress,
                number="46-TB/HU",
                decided_on=ON,
                issued_by="Huyện ủy",
                reason="Thiếu trích ngang",
            )
        out.put((action, "ok"))
    except ValidationError as exc:
        out.put((action, exc.code))
    finally:
        connections.close_all()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_approve_and_refuse_at_once_record_exactly_one_decision(full_file, clerk, higher):
    services.request_approval(clerk, full_file, ON)
    connections.close_all()  # children must not share the parent's socket
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_decide, args=(full_file.pk, higher.pk, a, barrier, out))
        for a in ("approve", "refuse")
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    outcomes = sorted(out.get(timeout=5)[1] for _ in procs)
    assert outcomes == ["not_requested", "ok"]
    decisions = ApprovalEvent.objects.exclude(action="request")
    assert decisions.count() == 1
    assert verify_chain().ok
