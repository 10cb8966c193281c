"""Benchmark: the tracking dashboard of the whole demo province (about 1,700 congresses, 60,000 members).

Run: .venv/bin/python bench/dashboard.py [--runs N]
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/dashboard.py

Production settings (DEBUG off, static files collected as deployed) on a scratch
database of its own (bench/scratch.py: a temporary SQLite file, or a throwaway
PostgreSQL database created beside DATABASE_URL and dropped afterwards), loaded
with the demo province (`daihoi demo`, about a minute) and its congresses. It
times the whole page (view, SQL, template) through Django's request handler
against a baseline measured in the same run: the same figures folded in Python
over every congress row. On PostgreSQL it then prints the EXPLAIN of the
dashboard's queries for a district drill-down and whether an index serves them.
Exit status 1 when the median is above the 300 ms target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 300.0


def setup() -> None:
    """Load the demo province into the scratch database, as deployed (static files collected)."""
    from django.core.management import call_command

    from daihoi.demo.generator import build_demo
    from daihoi.reports.demo import build_demo_congresses

    call_command("collectstatic", interactive=False, verbosity=0)
    print("Loading the demo province…", flush=True)
    build_demo()
    started = time.perf_counter()
    counts = build_demo_congresses()
    print(f"Demo congresses: {counts} in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        # A fresh bulk load has no planner statistics until autovacuum gets to it; without
        # them PostgreSQL guesses one row per table and picks nested loops.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def baseline(root, term):
    """Every congress of the subtree loaded and counted in Python (what the SQL avoids)."""
    from collections import Counter

    from daihoi.congresses.models import Congress

    rows = Congress.objects.filter(term=term, organization__path__startswith=root.path)
    counted = Counter((c.organization.level, c.status) for c in rows.select_related("organization"))
    by_child = Counter(
        c.organization.path[: len(root.path) + 8] for c in rows.select_related("organization")
    )
    return counted, by_child


def explain(root, term) -> list[tuple[str, bool, str]]:
    from django.db import connection

    from daihoi.reports import selectors

    queries = {
        "by level": selectors._counted(selectors.congresses_in(root, term), "organization__level"),
        "postponed": selectors.congresses_in(root, term).filter(status="postponed"),
        "held by week": selectors.congresses_in(root, term)
        .filter(status="held")
        .values("starts_on"),
    }
    out = []
    with connection.cursor() as cursor:
        for name, qs in queries.items():
            sql, params = qs.query.sql_with_params()
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            out.append((name, "Index" in plan, plan))
    return out


def report(dashboard: list[float], folded: list[float], runs: int) -> float:
    from django.db import connection

    median = statistics.median(dashboard)
    print(
        f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"dashboard of the whole province: median {median:.0f} ms, best {min(dashboard):.0f} ms, "
        f"worst {max(dashboard):.0f} ms over {runs} runs (target {TARGET_MS:.0f} ms)"
    )
    print(
        f"baseline (every congress folded in Python, no template): median "
        f"{statistics.median(folded):.0f} ms; ratio page/baseline {median / statistics.median(folded):.2f}"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-key")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scratch import scratch_database

    with scratch_database("bench_dashboard"):
        setup()
        return measure(args.runs)


def measure(runs: int) -> int:
    from django.db import connection
    from django.test import Client

    from daihoi.accounts.models import User
    from daihoi.organizations.models import Organization

    client = Client()
    client.force_login(
        User.objects.filter(is_superuser=True).first() or User.objects.get(username="admin")
    )
    province = Organization.objects.get(parent__isnull=True, level="province")
    district = province.children.order_by("path").first()
    term = "2025-2030"

    def page():
        assert client.get("/reports/").status_code == 200

    page()  # warm: templates compiled, the database's pages in memory
    median = report(timed(page, runs), timed(lambda: baseline(province, term), 5), runs)
    if connection.vendor == "postgresql":
        for name, indexed, plan in explain(district, term):
            print(
                f"\nEXPLAIN ANALYZE ({name}, drill-down into {district.name}): index used: {indexed}"
            )
            print(plan)
    if median > TARGET_MS:
        print(
            f"dashboard: GOAL MISSED: median {median:.0f} ms > {TARGET_MS:.0f} ms", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
