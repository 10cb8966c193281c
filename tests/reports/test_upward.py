"""The upward report against a hand count on a small tree (tests/reports/upward_fixture.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from daihoi.reports.upward import upward_report
from daihoi.reports.upward_layout import COUNTED
from tests.reports.upward_fixture import ON, build

# Counted by hand from the fixture, for the whole province on 1/7/2025.
EXPECTED_TOTAL = {
    "congresses_total": 6,  # two communes, four cells (the previous term's is not this term)
    "congresses_held": 4,  # not the planned cell, nor the one that opens on 5/7
    "committees_approved": 1,  # east commune
    "committees_waiting": 1,  # west commune (requested); the annulled cell has no result
    "elected": 7,  # An, Bình, Cường, Hoa (2 rounds) + Xuân, Yến, Vinh
    "elected_approved": 4,
    "elected_waiting": 3,
    "re_elected": 4,  # An, Bình (last term's committee), Yến (plan's mark), Xuân (his post)
    "first_time": 3,
    "women": 3,  # Bình, Hoa, Yến
    "under_40": 4,  # Bình 34, Cường 39, Hoa 30, Vinh 37 (Dũng turns 40: not elected anyway)
    "ethnic_minority": 1,  # Hoa
    "no_registry_record": 0,
    "degree_doctor": 1,
    "degree_master": 1,
    "degree_university": 4,  # Cường + the three of the west (the registry's default)
    "degree_below_university": 1,  # Hoa (college)
    "theory_advanced": 1,
    "theory_intermediate": 1,
    "theory_elementary_or_none": 5,
    "seats_unfilled": 1,  # east: 5 seats, 4 elected over two rounds
    "re_election_not_elected": 1,  # Dũng
    "surplus": 1,  # east: 6 names on the first ballot for 5 seats (the withdrawn one is not)
    "secretaries": 2,
    "secretaries_re_elected": 2,  # An (last term's secretary), Xuân (the secretary's post)
    "secretaries_not_local": 1,  # An (the plan's mark)
    "secretaries_direct": 1,  # An; Xuân was elected by the first meeting
    "delegates": 3,
    "delegate_alternates": 1,
}


@pytest.fixture
def report(tree, users):
    build(tree, users.province)
    return upward_report(tree.province, "2025-2030", ON)


def test_it_matches_the_hand_count(report):
    assert {k: report.total.count(k) for k in EXPECTED_TOTAL} == EXPECTED_TOTAL


def test_it_averages_ages_at_each_congress(report):
    # East on 10/6/2025: 50, 34, 39, 30; west on 15/6/2025: 55, 45, 37 → 290 / 7 = 41.43
    assert report.total.average_age == Decimal("41.4")


def test_it_splits_by_level_and_by_district(report, tree):
    levels = {g.key: g for g in report.levels}
    assert levels["level:grassroots"].count("elected") == 7
    assert levels["level:cell"].count("congresses_total") == 4
    assert levels["level:cell"].count("elected") == 0
    east = report.group(f"org:{tree.east.pk}")
    assert east.count("elected") == 4
    assert east.count("elected_approved") == 4
    west = report.group(f"org:{tree.west.pk}")
    assert west.count("elected_waiting") == 3


def test_it_lists_the_people_behind_a_number(report):
    names = {i.name for i in report.total.rows["under_40"]}
    assert names == {"Hà Văn Vinh", "Lò Thị Hoa", "Lê Quốc Cường", "Trần Thị Bình"}
    waiting = {i.approval for i in report.total.rows["elected_waiting"]}
    assert waiting == {"requested"}


def test_it_reads_the_approval_as_it_stood_on_the_day(tree, users):
    build(tree, users.province)
    before = upward_report(tree.province, "2025-2030", dt.date(2025, 6, 19))
    assert before.total.count("committees_approved") == 0  # the east's approval came on 20/6
    assert before.total.count("elected_waiting") == 7
    earlier = upward_report(tree.province, "2025-2030", dt.date(2025, 6, 12))
    assert earlier.total.count("elected") == 4  # the west published on 15/6


def test_totals_add_up_over_levels_and_over_children(report):
    for figure in COUNTED:
        total = report.total.count(figure)
        assert sum(g.count(figure) for g in report.levels) == total, figure
        assert sum(g.count(figure) for g in report.children) == total, figure


def test_a_district_sees_its_own_subtree(tree, users):
    build(tree, users.province)
    east = upward_report(tree.east, "2025-2030", ON)
    assert east.total.count("elected") == 4
    assert east.total.count("congresses_total") == 3  # the commune and its two cells


def test_it_rolls_up_the_tree_as_it_stood_on_the_day(tree, users):
    """Huyện Đông's commune moves to Huyện Tây on 1/8/2025: a report of 15/7 counts it under
    Đông, today's under Tây."""
    from daihoi.organizations import restructure

    build(tree, users.province)
    moved_on = dt.date(2025, 8, 1)
    decision = restructure.Decision(
        number="7-QĐ/TU", date=moved_on - dt.timedelta(days=3), effective_on=moved_on
    )
    restructure.move_subtree(None, tree.east_commune, new_parent=tree.west, decision=decision)
    before = upward_report(tree.province, "2025-2030", dt.date(2025, 7, 15))
    assert before.group(f"org:{tree.east.pk}").count("elected") == 4
    # Tây: its commune's 3, and the cell that published on 5/7 (left out of the 1/7 report).
    assert before.group(f"org:{tree.west.pk}").count("elected") == 4
    now = upward_report(tree.province, "2025-2030")
    assert now.group(f"org:{tree.west.pk}").count("elected") == 8
    assert now.group(f"org:{tree.east.pk}") is None  # the commune left with its cells
    assert now.total.count("elected") == before.total.count("elected") == 8
