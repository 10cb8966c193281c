"""The upward report on the small demo province: its totals add up to the elections behind them."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.approvals.models import Approval
from daihoi.congresses.models import Congress
from daihoi.demo.generator import build_demo
from daihoi.elections.models import PublishedResult
from daihoi.organizations.models import Organization
from daihoi.reports.demo import AS_OF, TERM, build_demo_congresses
from daihoi.reports.demo_results import build_demo_results
from daihoi.reports.upward import upward_report
from daihoi.reports.upward_layout import COUNTED


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Built once for the module (a minute of work), removed with the test database."""
    with django_db_blocker.unblock():
        build_demo(small=True)
        build_demo_congresses(seed=2025)
        counts = build_demo_results(seed=2025)
        province = Organization.objects.get(level="province")
        yield province, counts, upward_report(province, TERM, AS_OF)
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


def _elected_total(kind: str, key: str = "elected") -> int:
    rows = PublishedResult.objects.filter(election__kind=kind, election__congress__term=TERM)
    return sum(len(r.data[key]) for r in rows)


@pytest.mark.django_db
def test_totals_add_up_to_the_published_elections(demo):
    province, counts, report = demo
    assert counts["demo_elections"] > 0
    total = report.total
    assert total.count("congresses_total") == Congress.objects.filter(term=TERM).count()
    assert total.count("elected") == _elected_total("committee")
    assert total.count("delegates") == _elected_total("delegates")
    assert total.count("delegate_alternates") == _elected_total("delegates", "alternates_elected")
    assert total.count("secretaries") == _elected_total("secretary")
    approved = Approval.objects.filter(state="approved", congress__term=TERM).count()
    assert total.count("committees_approved") == approved
    assert total.count("elected") == total.count("elected_approved") + total.count(
        "elected_waiting"
    )
    assert total.count("elected") == total.count("re_elected") + total.count("first_time")
    assert total.count("surplus") > 0


@pytest.mark.django_db
def test_every_figure_of_every_group_adds_up(demo):
    _province, _counts, report = demo
    for figure in COUNTED:
        whole = report.total.count(figure)
        assert sum(g.count(figure) for g in report.levels) == whole, figure
        assert sum(g.count(figure) for g in report.children) == whole, figure


@pytest.mark.django_db
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pick=st.integers(min_value=0, max_value=10_000), figure=st.sampled_from(COUNTED))
def test_a_subtree_report_equals_that_childs_row(demo, pick, figure):
    """Any subordinate organisation's own report gives the numbers its row gave in its parent's."""
    province, _counts, report = demo
    children = [g for g in report.children if g.org_id != province.pk]
    group = children[pick % len(children)]
    own = upward_report(Organization.objects.get(pk=group.org_id), TERM, AS_OF)
    assert own.total.count(figure) == group.count(figure)
    assert len(own.total.rows.get(figure, [])) == own.total.count(figure)
