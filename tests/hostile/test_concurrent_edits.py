"""Issue 16.1: two clerks PATCH one member at the same moment, through a real gunicorn with
several worker processes on PostgreSQL; the clients are separate processes too.

Without the fix (update_member saving the whole row it had read) one of the two changes
was lost in most rounds; now both survive every round, the audit "before" of each edit is
the "after" of the one before it, and two edits of the same version get one 200 and one 412.
"""

import json
import multiprocessing
import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.test import Client

from daihoi.audit.models import AuditEntry
from daihoi.people.models import Member

from . import server

ROUNDS = 12
CSRF = "k" * 32
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gunicorn():
    if connection.vendor != "postgresql":
        pytest.skip("real workers need a database other processes can open (PostgreSQL)")
    process, base = server.start(workers=3)
    yield base
    server.stop(process)


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)  # a committed database session the workers can read
    return f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}"


def send(base, cookie, method, path, body=None, headers=()):
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={
            "Cookie": cookie,
            "X-CSRFToken": CSRF,
            "Content-Type": "application/json",
            "Referer": base + "/",
            **dict(headers),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, dict(answer.headers), json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"{}")


def clerk(base, cookie, path, field, rounds, start, done, results, match):
    """One clerk's process: each round, wait for the other, PATCH one field, report."""
    for n in range(rounds):
        headers = {}
        if match:
            headers = {"If-Match": send(base, cookie, "GET", path)[1].get("ETag", "")}
        start.wait()
        status, _, _ = send(base, cookie, "PATCH", path, {field: f"{field} {n}"}, headers)
        results.put((n, field, status))
        done.wait()


def race(base, cookies, member, fields, match=False):
    context = multiprocessing.get_context("fork")
    start, done = context.Barrier(3, timeout=120), context.Barrier(3, timeout=120)
    results = context.Queue()
    path = f"/api/members/{member.pk}"
    clerks = [
        context.Process(target=clerk, args=(base, c, path, f, ROUNDS, start, done, results, match))
        for c, f in zip(cookies, fields, strict=True)
    ]
    for p in clerks:
        p.start()
    rounds = []
    for _ in range(ROUNDS):
        start.wait()
        done.wait()
        member.refresh_from_db()
        rounds.append({f: getattr(member, f) for f in fields})
    for p in clerks:
        p.join(timeout=60)
    statuses = [results.get(timeout=10) for _ in range(2 * ROUNDS)]
    return rounds, statuses


def test_two_clerks_changing_two_fields_at_once_both_keep_their_change(gunicorn, users, members):
    member = Member.objects.get(code="M001")
    cookies = [session_cookie(users.province), session_cookie(users.east)]
    rounds, statuses = race(gunicorn, cookies, member, ["hometown", "religion"])
    assert {status for *_, status in statuses} == {200}
    lost = [
        n
        for n, row in enumerate(rounds)
        if row != {"hometown": f"hometown {n}", "religion": f"religion {n}"}
    ]
    assert lost == [], f"a change was lost in {len(lost)} of {ROUNDS} rounds"
    entries = list(
        AuditEntry.objects.filter(action="member.update", object_id=str(member.pk)).order_by("pk")
    )
    assert len(entries) == 2 * ROUNDS
    for earlier, later in zip(entries, entries[1:], strict=False):
        assert later.before == earlier.after  # each "before" was read under the lock


def test_two_edits_of_the_same_version_get_one_200_and_one_412(gunicorn, users, members):
    member = Member.objects.get(code="M001")
    cookies = [session_cookie(users.province), session_cookie(users.east)]
    rounds, statuses = race(gunicorn, cookies, member, ["hometown", "religion"], match=True)
    for n in range(ROUNDS):
        got = sorted(status for m, _, status in statuses if m == n)
        assert got == [200, 412], (n, got)
        kept = [f for f, value in rounds[n].items() if value == f"{f} {n}"]
        assert len(kept) == 1  # the refused one wrote nothing
