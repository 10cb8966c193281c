"""The demo congresses over the small demo province: every organisation tracked, a 350-seat plan."""

import pytest

from daihoi.congresses.models import Congress
from daihoi.delegates.allocation import delegations_total
from daihoi.delegates.models import AllocationPlan, Delegate
from daihoi.demo.generator import build_demo
from daihoi.organizations.models import Organization
from daihoi.reports import selectors
from daihoi.reports.demo import build_demo_congresses


@pytest.fixture
def demo(db):
    build_demo(small=True)
    return build_demo_congresses(seed=2025)


def test_every_organisation_has_a_congress_of_the_term(demo):
    assert Congress.objects.count() == Organization.objects.count() == demo["congresses"]
    assert not Congress.objects.filter(organization__level="cell").exclude(status="held").exists()
    assert Congress.objects.get(organization__level="province").status == "planned"


def test_the_provincial_plan_shares_350_seats_and_its_roster_is_filled(demo):
    plan = AllocationPlan.objects.get()
    assert plan.total == 350 and delegations_total(plan) == 350
    assert Delegate.objects.filter(kind="ex_officio").count() == demo["ex_officio"] > 0
    assert demo["elected_delegates"] > 0


def test_the_dashboard_reads_the_demo(demo):
    province = Organization.objects.get(level="province")
    overall, levels = selectors.by_level(province, "2025-2030")
    assert overall.total == demo["congresses"] and overall.held > overall.total // 2
    assert overall.pilots >= 1
