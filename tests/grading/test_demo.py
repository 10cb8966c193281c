"""The demo's 2024 review over the small demo province: complete, plausible and within every rule."""

from collections import defaultdict

import pytest

from daihoi.demo.generator import build_demo
from daihoi.grading import progress, summary
from daihoi.grading.demo import build_demo_grading
from daihoi.grading.models import Evaluation, ReviewCycle, UnitReview
from daihoi.organizations.models import Organization
from daihoi.rules.grading import RANK, Grade, excellent_quota, rules_for_year


@pytest.fixture
def demo(db):
    build_demo(small=True)
    return build_demo_grading(seed=2025)


def test_every_organisation_is_reviewed_and_most_are_done(demo):
    cycle = ReviewCycle.objects.get()
    assert cycle.year == 2024 and cycle.rules_version == "124-2023"
    assert UnitReview.objects.count() == Organization.objects.count() == demo["units"]
    province = Organization.objects.get(level="province")
    overall, _ = progress.by_level(cycle, province, cycle.report_due)
    assert overall.done / overall.total > 0.9
    assert demo["late_or_open"] == overall.total - overall.done


def test_the_members_quota_holds_in_every_grassroots_organisation(demo):
    rules = rules_for_year(2024)
    counts: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    rows = Evaluation.objects.filter(subject="member").exclude(proposed_grade="")
    for org, parent, level, grade in rows.values_list(
        "organization_id", "organization__parent_id", "organization__level", "proposed_grade"
    ):
        counts[parent if level == "cell" else org][grade] += 1
    assert counts
    for by_grade in counts.values():
        assert by_grade["excellent"] <= excellent_quota(by_grade["good"], rules)


def test_no_head_is_graded_above_the_unit(demo):
    units = dict(
        Evaluation.objects.filter(subject="organization").values_list("unit_id", "proposed_grade")
    )
    leaders = Evaluation.objects.filter(subject="leader").values_list("unit_id", "proposed_grade")
    assert leaders
    for unit_id, grade in leaders:
        assert RANK[Grade(grade)] <= RANK[Grade(units[unit_id])]


def test_the_summary_reads_the_demo_and_some_members_failed(demo):
    province = Organization.objects.get(level="province")
    member = summary.total(2024, province, "member")
    assert member.graded > 500
    assert 0 < member.counts[Grade.NOT_COMPLETED] < member.graded * 0.03
    assert member.counts[Grade.EXCELLENT] < member.counts[Grade.GOOD] * 0.2 + 1


def test_the_organisation_totals_add_up_to_the_units_reviewed(demo):
    """Issue 19: 1,725 organisations with 0 ungraded while 1,742 were reviewed (full demo)."""
    province = Organization.objects.get(level="province")
    reviewed = UnitReview.objects.filter(year=2024).count()
    organisations = summary.total(2024, province, "organization")
    assert organisations.total == reviewed == Organization.objects.count()
    not_graded = UnitReview.objects.filter(year=2024, status__in=["not_started", "commented"])
    assert organisations.ungraded >= not_graded.count() > 0
    tables = summary.all_summaries(2024, province)["organization"]
    assert sum(r.total for r in tables["levels"]) == reviewed
    assert sum(r.total for r in tables["kinds"]) == reviewed
    leaders = summary.total(2024, province, "leader")
    assert leaders.total == UnitReview.objects.filter(year=2024).exclude(leader=None).count()
