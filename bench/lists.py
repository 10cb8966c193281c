"""Benchmark: the lists a clerk works through, on the whole demo province (1,742 congresses,
60,000 members), against the page that rendered every row (the baseline, same run).

Run: .venv/bin/python bench/lists.py [--runs N]   (DATABASE_URL=postgres://… for PostgreSQL)

Production settings (DEBUG off), a scratch database loaded with `daihoi demo`'s province and
congresses, the whole request through Django's test client as the province administrator.
Prints each page's median and p95 and the baseline ratio; exits 1 when a page's median is
above the 300 ms goal.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only")

from bench.scratch import scratch_database  # noqa: E402

GOAL_MS = 300.0
PAGES = [
    ("congress list, first page", "/congresses/"),
    ("search 'dong' (no marks)", "/congresses/?q=dong"),
    ("cells, latest first, page 10", "/congresses/?level=cell&sort=-date&page=10"),
    ("organisation type-ahead 'xa'", "/organizations/lookup/?q=xa"),
    ("congress type-ahead 'dai hoi xa'", "/congresses/lookup/?q=dai+hoi+xa"),
    ("member list, search 'nguyen van'", "/members/?q=nguyen+van"),
    ("start page", "/"),
]


def timed(client, url: str, runs: int) -> list[float]:
    client.get(url)  # warm caches and the session
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def baseline(admin, runs: int) -> list[float]:
    """The list as it was: every congress of the province rendered on one page."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from daihoi.congresses.appointments import with_appointed_flag
    from daihoi.congresses.models import Congress

    request = RequestFactory().get("/congresses/")
    request.user = admin
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = with_appointed_flag(Congress.objects.select_related("organization"))
        rows = rows.order_by("organization__path", "-starts_on")
        page = Paginator(rows, 100_000).get_page(1)
        render_to_string(
            "congresses/_list_results.html", {"page_obj": page, "query": ""}, request=request
        )
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with scratch_database("lists") as (engine, tmp):
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        # DEBUG off serves hashed static names from a manifest: collect once into the scratch.
        settings.STATIC_ROOT = tmp / "static"
        call_command("collectstatic", interactive=False, verbosity=0)

        from daihoi.accounts.models import User
        from daihoi.demo.generator import build_demo
        from daihoi.reports.demo import build_demo_congresses

        started = time.perf_counter()
        build_demo()
        build_demo_congresses()
        print(f"[{engine}] demo province loaded in {time.perf_counter() - started:.0f} s")
        admin = User.objects.get(username="admin")
        client = Client()
        client.force_login(admin)
        base = statistics.median(baseline(admin, max(3, args.runs // 3)))
        print(f"baseline: every congress on one page {base:8.1f} ms (median)")
        missed = 0
        for label, url in PAGES:
            times = sorted(timed(client, url, args.runs))
            median = statistics.median(times)
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            ratio = base / median if median else float("inf")
            flag = "" if median <= GOAL_MS else "  ← above the 300 ms goal"
            print(f"{label:34s} median {median:7.1f} ms  p95 {p95:7.1f} ms  {ratio:5.1f}×{flag}")
            missed += median > GOAL_MS
        print(f"load average {os.getloadavg()[0]:.1f}")
        return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
