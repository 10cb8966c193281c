"""Benchmark: run every personnel check over a 300-candidate plan (target: under 1 s).

    .venv/bin/python bench/personnel_checks.py        # a throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/personnel_checks.py
                                                      # a throwaway PostgreSQL database beside x

It builds a seeded synthetic district (one organisation, 300 members with current
posts, letters about some and family ties between a few), puts them all on a
plan, and times `personnel.services.run_checks` (load in a few queries, pure
rules, store the findings, audit). The baseline, measured in the same run, is
the naive way: the same rules, but each candidate's posts, letters and ties
fetched with their own queries. Exit status 1 above the target.
"""

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CANDIDATES = int(os.environ.get("BENCH_CANDIDATES", "300"))
TARGET_S = 1.0
SEED = 2025


def main() -> int:
    from scratch import scratch_database

    with scratch_database() as (engine, _tmp):
        return run(engine)


def build_plan(rnd: random.Random):
    from daihoi.complaints.models import Complaint
    from daihoi.congresses.services import create_congress
    from daihoi.organizations.services import create_organization
    from daihoi.people.models import Member, Post
    from daihoi.personnel import services
    from daihoi.personnel.models import Candidate, Relationship

    province = create_organization(
        None, code="B00", name="Đảng bộ tỉnh Mẫu", level="province", kind="province"
    )
    org = create_organization(
        None,
        code="B01",
        name="Đảng bộ huyện Mẫu",
        level="district",
        kind="rural_district",
        parent=province,
    )
    members = [
        Member(
            code=f"B{n:05d}",
            family_name="Nguyễn",
            middle_name="Văn",
            given_name=f"Số {n}",
            gender=rnd.choice(["male", "female"]),
            ethnicity=rnd.choice(["01"] * 8 + ["02"]),
            birth_date=dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randrange(365 * 35)),
            admitted_on=dt.date(2000, 1, 1),
            organization=org,
            political_theory=rnd.choice(["intermediate", "advanced"]),
        )
        for n in range(CANDIDATES)
    ]
    for m in members:
        m.fill_derived_names()
    Member.objects.bulk_create(members)
    members = list(Member.objects.order_by("code"))
    Post.objects.bulk_create(
        Post(
            member=m,
            title=rnd.choice(["Chủ tịch UBND xã", "Trưởng phòng", "Bí thư chi bộ"]),
            key_post=rnd.random() < 0.3,
            started_on=dt.date(2020, 6, 1),
        )
        for m in members
    )
    Complaint.objects.bulk_create(
        Complaint(member=m, kind="denunciation", received_on=dt.date(2025, 4, 1), summary="…")
        for m in rnd.sample(members, CANDIDATES // 20)
    )
    Relationship.objects.bulk_create(
        Relationship(member_a=a, member_b=b, kind="sibling")
        for a, b in zip(members[::30], members[1::30], strict=False)
    )
    congress = create_congress(
        None, org, name="Đại hội bench", kind="delegates", starts_on=dt.date(2025, 7, 20)
    )
    plan = services.create_plan(
        None,
        congress,
        committee_size=CANDIDATES * 9 // 10,
        standing_size=15,
        deputy_count=3,
        women_target=20,
    )
    posts = ["secretary"] + ["deputy_secretary"] * 3 + ["standing"] * 11
    Candidate.objects.bulk_create(
        Candidate(
            plan=plan,
            member=m,
            position=i,
            re_elected=rnd.random() < 0.6,
            post=posts[i] if i < len(posts) else "committee",
        )
        for i, m in enumerate(members)
    )
    return plan


def naive_run(plan) -> int:
    """Per candidate: its posts, its letters and its ties, each a query; then the same rules."""
    from django.db.models import Q

    from daihoi.complaints.models import Complaint
    from daihoi.personnel import checks
    from daihoi.personnel.models import Candidate, Relationship
    from daihoi.personnel.selectors import PlanData

    candidates = list(Candidate.objects.filter(plan=plan).select_related("member"))
    letters, ties = {}, []
    for c in candidates:
        list(c.member.posts.filter(ended_on__isnull=True))
        letters[c.member_id] = list(Complaint.objects.filter(member=c.member))
        ties += list(
            Relationship.objects.filter(Q(member_a=c.member) | Q(member_b=c.member)).values_list(
                "member_a_id", "member_b_id", "kind"
            )
        )
    report = checks.evaluate(plan, PlanData(candidates, letters, sorted(set(ties)), {}))
    return len(report.findings)


def run(engine: str) -> int:
    from daihoi.personnel import services

    plan = build_plan(random.Random(SEED))
    services.run_checks(None, plan)  # warm up: imports, first connection
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        report = services.run_checks(None, plan)
        runs.append(time.perf_counter() - started)
    best = min(runs)
    started = time.perf_counter()
    naive_findings = naive_run(plan)
    naive = time.perf_counter() - started
    assert naive_findings == len(report.findings), (naive_findings, len(report.findings))
    print(
        f"personnel_checks [{engine}]: {CANDIDATES} candidates, {len(report.findings)} findings "
        f"in {best * 1000:.0f} ms (best of 3, target < {TARGET_S * 1000:.0f} ms); "
        f"naive per-candidate queries: {naive * 1000:.0f} ms; ratio {naive / best:.1f}x"
    )
    return 0 if best < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
