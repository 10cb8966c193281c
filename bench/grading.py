"""Benchmark: grade the demo province's year (about 60,000 members) from one Excel file, then
compute every summary (target: under 30 s), against a naive per-row baseline in the same run.

Run: .venv/bin/python bench/grading.py [--database-url URL] [--sample N]

Without --database-url (or DATABASE_URL) it uses a SQLite file in /tmp, loading
the demo province (`build_demo`, about a minute) the first time. Each run opens
a fresh review of BENCH_YEAR for the whole province, writes the grades workbook a
province would collect (one row per member, grades within each grassroots
organisation's quota, scores in QĐ 366's bands), then times:

* the import: read the .xlsx, validate every row against the rules, the quota
  per grassroots organisation, write all rows (``grade_import.import_grades``);
* the summaries: by level, kind and unit for members, organisations and leaders,
  the province dashboard, and the summary workbook with its charts.

The baseline is the naive way measured on a sample of rows: per row, look the
member and the unit up, validate, save the grade in its own transaction with its
audit entry (what calling a per-member service in a loop does); its time is
scaled to all rows. The naive summary folds every evaluation row in Python.
Exit status 1 above the target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_S = 30.0
BENCH_YEAR = 2025
DEFAULT_DB = "sqlite:////tmp/daihoi-bench-grading.sqlite3"
SEED = 2025


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from daihoi.demo.generator import build_demo, has_organizations

    if not has_organizations():
        print("Loading the demo province (once)…", flush=True)
        build_demo()
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def fresh_cycle():
    from daihoi.grading import services
    from daihoi.grading.models import ReviewCycle
    from daihoi.organizations.models import Organization

    province = Organization.objects.get(parent__isnull=True, level="province")
    ReviewCycle.objects.filter(year=BENCH_YEAR).delete()
    y = BENCH_YEAR
    return province, services.open_cycle(
        None,
        province,
        year=y,
        self_review_due=dt.date(y, 12, 5),
        meeting_due=dt.date(y, 12, 15),
        decision_due=dt.date(y, 12, 31),
        report_due=dt.date(y + 1, 1, 15),
    )


def grades_workbook(cycle) -> tuple[bytes, int]:
    """One row per member of the cycle: grades drawn, then trimmed to each grassroots' quota."""
    from collections import defaultdict

    from openpyxl import Workbook

    from daihoi.grading.excel_import import COLUMNS
    from daihoi.people.models import Member
    from daihoi.rules.grading import SHORT, Grade, excellent_quota, rules_for_year

    rng, rules = random.Random(SEED), rules_for_year(BENCH_YEAR)
    meeting = cycle.meeting_due
    members = Member.objects.filter(
        active=True, organization__path__startswith=cycle.organization.path
    ).values_list("code", "organization__parent_id", "organization__level", "organization_id",
                  "status", "admitted_on")  # fmt: skip
    by_quota: dict[int, list] = defaultdict(list)
    for code, parent, level, org, status, admitted in members.iterator(5000):
        months = (meeting.year - admitted.year) * 12 + meeting.month - admitted.month
        if status in ("exempted", "suspended") or months < 6:
            grade, score = None, None
        else:
            grade = rng.choices(list(Grade), weights=(16, 76, 7.4, 0.6))[0]
            score = {"excellent": 95, "good": 80, "completed": 60, "not_completed": 40}[grade]
        by_quota[parent if level == "cell" else org].append([code, grade, score])
    rows = []
    for group in by_quota.values():
        excellent = [r for r in group if r[1] is Grade.EXCELLENT]
        good = sum(r[1] is Grade.GOOD for r in group)
        while len(excellent) > excellent_quota(good, rules):
            row = excellent.pop()
            row[1], row[2], good = Grade.GOOD, 80, good + 1
        rows += group
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("XepLoai")
    ws.append([label for _, label in COLUMNS])
    for code, grade, score in rows:
        ws.append([code, None, None, None, SHORT[grade] if grade else "KXL", score, None, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), len(rows)


def summaries(cycle, province) -> None:
    from daihoi.grading import progress, report_xlsx, summary

    summary.all_summaries(cycle.year, province)
    progress.dashboard(cycle, province, cycle.report_due)
    for district in province.children.all():
        summary.all_summaries(cycle.year, district)
    report_xlsx.workbook(cycle, province)


def naive_import(cycle, data: bytes, sample: int) -> float:
    """Per row: look up, validate, save in its own transaction with an audit entry."""
    from django.db import transaction

    from daihoi.audit.services import record
    from daihoi.grading.excel_import import read_rows
    from daihoi.grading.models import Evaluation, UnitReview
    from daihoi.people.models import Member
    from daihoi.rules.grading import Grade, MemberFacts, check_member, rules_for_year

    rows, _ = read_rows(data)
    rules, on = rules_for_year(cycle.year), cycle.meeting_due
    grades = {"HTXS": "excellent", "HTT": "good", "HT": "completed", "KHT": "not_completed"}
    started = time.perf_counter()
    for _, values in rows[:sample]:
        member = Member.objects.get(code=values["code"])
        unit = UnitReview.objects.get(cycle=cycle, organization_id=member.organization_id)
        grade = grades.get(values["grade"], "")
        facts = MemberFacts(str(member.pk), member.full_name, member.status, member.admitted_on,
                            excellent_basis=True, score=values["score"])  # fmt: skip
        check_member(facts, Grade(grade) if grade else None, rules, on)
        with transaction.atomic():
            evaluation, _ = Evaluation.objects.update_or_create(
                unit=unit,
                subject="member",
                member=member,
                defaults={
                    "year": cycle.year,
                    "organization_id": member.organization_id,
                    "proposed_grade": grade,
                    "score": values["score"],
                },  # fmt: skip
            )
            record(None, "bench.grade", evaluation, after={"grade": grade})
    return (time.perf_counter() - started) * len(rows) / min(sample, len(rows))


def naive_summary(cycle, province) -> float:
    from collections import Counter

    from daihoi.grading.models import Evaluation

    started = time.perf_counter()
    rows = Evaluation.objects.filter(year=cycle.year, organization__path__startswith=province.path)
    Counter(
        (e.subject, e.organization.level, e.organization.kind, e.grade or e.proposed_grade)
        for e in rows.select_related("organization")
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DB)
    parser.add_argument("--sample", type=int, default=1500)
    args = parser.parse_args()
    setup(args.database_url)
    from django.db import connection

    from daihoi.grading import grade_import

    province, cycle = fresh_cycle()
    data, count = grades_workbook(cycle)
    print(f"database: {connection.vendor}; {count:,} rows ({len(data) / 1e6:.1f} MB .xlsx); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)  # fmt: skip
    started = time.perf_counter()
    result = grade_import.import_grades(None, cycle, province, data, cycle.meeting_due)
    imported = time.perf_counter() - started
    if not result.ok:
        print("import refused:", *result.errors[:5], sep="\n  ")
        return 1
    started = time.perf_counter()
    summaries(cycle, province)
    summed = time.perf_counter() - started
    total = imported + summed
    print(f"bulk import: {imported:.1f} s for {result.written:,} grades in {result.units:,} units")
    print(f"all summaries (province, each district, dashboard, workbook): {summed:.1f} s")
    print(f"total {total:.1f} s (target {TARGET_S:.0f} s)")
    folded = naive_summary(cycle, province)
    province, cycle = fresh_cycle()
    naive = naive_import(cycle, data, args.sample)
    print(f"naive per-row import, measured on {args.sample:,} rows and scaled: {naive:.0f} s; "
          f"ratio naive/bulk {naive / imported:.0f}×")  # fmt: skip
    print(f"naive summary (every row folded in Python, one table only): {folded:.2f} s")
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
