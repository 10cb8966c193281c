"""Benchmark: the delegate portal's programme page for a 350-delegate congress.

Run: .venv/bin/python bench/portal.py [--runs N] [--database-url URL]

Builds, in a fresh SQLite file in /tmp (or the database given), a province with
ten district delegations, 350 delegates with seats, a four-session programme
of 64 agenda items (documents attached, show-of-hands decisions recorded) and
a dozen announcements; signs one delegate in through a one-time link; then
times GET /preparation/portal/<congress>/programme/ through Django's test
client (view, SQL, template: the server's time, no network). The baseline,
measured in the same run, is the same page with the programme read naively
(no select_related/prefetch_related: one query per session and per item's
document and vote). Prints both medians, their ratio and the query counts.
Exit status 1 when the median is above the 200 ms target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 200.0
DEFAULT_DB = "sqlite:////tmp/daihoi-bench-portal.sqlite3"
DELEGATES = 350
DISTRICTS = 10


def setup(url: str) -> None:
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)


def build():
    """The congress, its roster, programme and announcements; returns (congress, delegate)."""
    from daihoi.congresses.services import create_congress, update_attendance
    from daihoi.delegates import roster
    from daihoi.organizations.services import create_organization
    from daihoi.people.services import create_member
    from daihoi.preparation import drafts, portal, programme
    from daihoi.preparation.models import Decision, Session

    province = create_organization(
        None, code="B01", name="Đảng bộ tỉnh Thử", level="province", kind="province"
    )
    districts = [
        create_organization(
            None,
            code=f"B1{i:02d}",
            name=f"Đảng bộ huyện {i}",
            level="district",
            kind="rural_district",
            parent=province,
        )
        for i in range(DISTRICTS)
    ]
    congress = create_congress(
        None, province, name="Đại hội đại biểu Đảng bộ tỉnh Thử lần thứ XX", kind="delegates"
    )
    delegates = []
    for n in range(DELEGATES):
        district = districts[n % DISTRICTS]
        member = create_member(
            None,
            code=f"BM{n:04d}",
            family_name="Nguyễn",
            middle_name="Văn",
            given_name=f"Đại biểu {n}",
            gender="male",
            birth_date=dt.date(1970, 1, 1),
            admitted_on=dt.date(1995, 1, 1),
            full_member_on=dt.date(1996, 1, 1),
            organization=district,
        )
        kind = "ex_officio" if n < 50 else "elected"
        delegates.append(
            roster.add_delegate(None, congress, member, kind=kind, delegation=district)
        )
    update_attendance(None, congress, summoned=DELEGATES, present=DELEGATES - 5)
    congress.refresh_from_db()
    portal.assign_seats(None, congress, per_row=25)
    docs = [
        drafts.create_draft(None, congress, kind=kind, title=title)
        for kind, title in (
            ("political_report", "Báo cáo chính trị"),
            ("committee_review", "Báo cáo kiểm điểm của Ban Chấp hành"),
            ("action_programme", "Chương trình hành động"),
        )
    ]
    sessions = programme.add_standard_programme(None, congress, day=dt.date(2025, 10, 15))
    for day in (16, 17):
        extra = programme.add_session(
            None,
            congress,
            kind="official",
            title=f"Phiên chính thức ngày {day}/10",
            day=dt.date(2025, 10, day),
            starts_at=dt.time(7, 30),
        )
        sessions.append(extra)
    for session in Session.objects.filter(congress=congress):
        while session.items.count() < 16:
            i = session.items.count()
            programme.add_item(
                None,
                session,
                title=f"Tham luận số {i + 1} của đoàn đại biểu",
                speaker=f"Trưởng đoàn {i % DISTRICTS}",
                draft=docs[i % len(docs)],
                starts_at=dt.time(8 + i // 4, (i % 4) * 15),
            )
    for item in [i for s in sessions for i in s.items.all() if i.decision][:8]:
        programme.record_decision(None, item, votes_for=DELEGATES - 10, votes_against=3, abstain=2)
    for i in range(12):
        portal.announce(
            None, congress, title=f"Thông báo số {i + 1}", text="Nội dung thông báo.", pinned=i == 0
        )
    assert programme.AgendaItem.objects.filter(session__congress=congress).count() >= 64
    assert Decision.PRESIDIUM
    return congress, delegates[123]


def naive_sessions(congress):
    """The programme as a first version would read it: the template then asks for each
    session's items and each item's document and vote, one query each."""
    from daihoi.preparation.models import Session

    return list(Session.objects.filter(congress=congress).order_by("day", "starts_at", "id"))


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DB)
    args = parser.parse_args()
    setup(args.database_url)
    from django.test import Client

    from daihoi.preparation import portal

    started = time.perf_counter()
    congress, delegate = build()
    print(
        f"Built a {DELEGATES}-delegate congress and its programme in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    [(_, token)] = portal.issue_links(None, congress, [delegate])
    assert client.post(f"/preparation/portal/go/{token}/").status_code == 302
    url = f"/preparation/portal/{congress.pk}/programme/"

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    size = len(page().content)
    fast_queries = queries(page)
    fast = timed(page, args.runs)
    with mock.patch("daihoi.preparation.views.portal.programme.sessions", naive_sessions):
        naive_queries = queries(page)
        naive = timed(page, args.runs)
    fast_ms, naive_ms = statistics.median(fast), statistics.median(naive)
    print(
        f"Programme page ({size:,} bytes), {args.runs} runs, database {args.database_url.split(':')[0]}:"
    )
    print(
        f"  portal page   median {fast_ms:7.1f} ms  p95 {sorted(fast)[int(len(fast) * 0.95) - 1]:7.1f} ms  {fast_queries} queries"
    )
    print(
        f"  naive baseline median {naive_ms:6.1f} ms  p95 {sorted(naive)[int(len(naive) * 0.95) - 1]:7.1f} ms  {naive_queries} queries"
    )
    print(
        f"  ratio baseline/portal: {naive_ms / fast_ms:.1f}×   target < {TARGET_MS:.0f} ms: "
        f"{'met' if fast_ms < TARGET_MS else 'MISSED'}"
    )
    return 0 if fast_ms < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
