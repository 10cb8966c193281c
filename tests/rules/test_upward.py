"""The upward report's rules: ages at the congress, re-election, seats, surplus, rounding."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules import upward as rules

D = dt.date


@pytest.mark.parametrize(
    ("born", "on", "under"),
    [
        (D(1985, 6, 10), D(2025, 6, 10), False),  # 40 that very day
        (D(1985, 6, 11), D(2025, 6, 10), True),  # 40 tomorrow
        (D(1986, 2, 28), D(2025, 6, 10), True),
        (D(1960, 1, 1), D(2025, 6, 10), False),
    ],
)
def test_under_40_is_whole_years_on_the_day(born, on, under):
    assert rules.is_under_40(rules.Person("male", born), on) is under


def test_re_elected_reads_the_outgoing_committee_before_posts_and_plan():
    assert rules.is_re_elected(True, False, False) is True
    assert rules.is_re_elected(False, True, True) is False  # the previous result wins
    assert rules.is_re_elected(None, True, False) is True  # no result: the registry's posts
    assert rules.is_re_elected(None, False, True) is True  # or the plan's mark
    assert rules.is_re_elected(None, False, False) is False


@pytest.mark.parametrize(
    ("title", "committee", "secretary"),
    [
        ("Bí thư Chi bộ thôn 3", True, True),
        ("Phó Bí thư Đảng ủy xã", True, False),
        ("Ủy viên Ban Thường vụ Huyện ủy", True, False),
        ("Chủ tịch UBND xã", False, False),
        ("  bí thư đảng ủy", True, True),
    ],
)
def test_committee_offices_by_title(title, committee, secretary):
    assert rules.is_committee_office(title) is committee
    assert rules.is_secretary_office(title) is secretary


@pytest.mark.parametrize(("seats", "elected", "unfilled"), [(5, 4, 1), (5, 5, 0), (3, 0, 3)])
def test_seats_unfilled(seats, elected, unfilled):
    assert rules.seats_unfilled(seats, elected) == unfilled


def test_surplus_is_names_beyond_the_seats():
    assert rules.surplus(6, 5) == 1
    assert rules.surplus(1, 1) == 0


def test_average_age_rounds_halves_up():
    assert rules.average_age([50, 34, 39, 30]) == Decimal("38.3")  # 38.25
    assert rules.average_age([]) is None


def test_degree_groups_take_the_rest_in_the_last():
    assert rules.group_of("bachelor", rules.THEORY_GROUPS) == "advanced"
    assert rules.group_of("vocational", rules.DEGREE_GROUPS) == "below_university"
    assert rules.group_of("unknown", rules.DEGREE_GROUPS) == "below_university"


def test_reference_day_is_the_opening_day_else_the_report_day():
    assert rules.reference_day(D(2025, 6, 1), D(2025, 7, 1)) == D(2025, 6, 1)
    assert rules.reference_day(None, D(2025, 7, 1)) == D(2025, 7, 1)


@given(st.lists(st.integers(min_value=18, max_value=80), min_size=1, max_size=60))
def test_average_lies_between_youngest_and_oldest(ages):
    avg = rules.average_age(ages)
    assert min(ages) <= avg <= max(ages)


@given(st.integers(0, 500), st.integers(0, 500))
def test_elected_plus_unfilled_covers_the_seats(seats, elected):
    assert min(elected, seats) + rules.seats_unfilled(seats, elected) == seats
