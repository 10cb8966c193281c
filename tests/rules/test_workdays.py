"""Working days with Vietnamese holidays (rules.workdays): tables at the holidays' edges,
properties over the whole covered range."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules import approval, workdays

D = dt.date
# Start days whose windows (up to 26 working days, about five weeks and a half) end inside the
# years the calendar covers: from 30 November 2027 they ran into 2028, whose lunar holidays
# are not in it, and the property tests failed whenever hypothesis drew such a day.
covered = st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 11, 10))


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2025, 1, 1), False),  # Tết Dương lịch
        (D(2025, 1, 2), True),
        (D(2025, 1, 24), True),  # Friday before the 2025 Tết break
        (D(2025, 1, 27), False),  # TB 6150: 25/01–02/02/2025
        (D(2025, 1, 31), False),
        (D(2025, 2, 3), True),
        (D(2025, 4, 7), False),  # Giỗ Tổ 10/3 âm lịch
        (D(2025, 4, 30), False),
        (D(2025, 5, 1), False),
        (D(2025, 9, 2), False),
        (D(2026, 2, 13), True),
        (D(2026, 2, 16), False),  # TB 9441: 16–20/02/2026
        (D(2026, 2, 20), False),
        (D(2026, 2, 23), True),
        (D(2026, 4, 26), False),  # Giỗ Tổ on a Sunday …
        (D(2026, 4, 27), False),  # … made up on Monday (BLLĐ Điều 112.3)
        (D(2027, 5, 1), False),  # Saturday
        (D(2027, 5, 3), False),  # made up on Monday
        (D(2025, 3, 8), False),  # an ordinary Saturday
    ],
)
def test_it_knows_the_holidays(day, working):
    assert workdays.is_working_day(day) is working


def test_it_counts_15_working_days_across_tet_2026():
    # Congress closes Friday 6/2/2026: the window skips two weekends and Tết's five days.
    assert workdays.add_working_days(D(2026, 2, 6), 15) == D(2026, 3, 6)


def test_it_counts_15_working_days_across_30_4_and_1_5_2025():
    # Closing Friday 25/4/2025: 28, 29/4; 2/5; 5–9, 12–16, 19, 20/5 (30/4 and 1/5 skipped).
    assert workdays.add_working_days(D(2025, 4, 25), 15) == D(2025, 5, 20)


def test_it_does_not_count_the_closing_day_itself():
    assert workdays.add_working_days(D(2025, 6, 2), 1) == D(2025, 6, 3)


def test_it_refuses_a_year_without_a_holiday_list():
    with pytest.raises(workdays.UnknownYear) as err:
        workdays.add_working_days(D(2031, 6, 2), 15)
    assert err.value.year == 2031


def test_it_says_which_years_follow_a_published_notice():
    assert workdays.is_published(2026) and not workdays.is_published(2027)


@given(covered, st.integers(min_value=1, max_value=25))
def test_the_window_ends_on_a_working_day_and_holds_exactly_n(start, n):
    end = workdays.add_working_days(start, n)
    assert workdays.is_working_day(end)
    assert workdays.working_days_between(start, end) == n
    assert workdays.working_days_between(start, end - dt.timedelta(1)) == n - 1


@given(covered, st.integers(min_value=1, max_value=24))
def test_one_more_working_day_ends_strictly_later(start, n):
    assert workdays.add_working_days(start, n + 1) > workdays.add_working_days(start, n)


@given(covered)
def test_fifteen_working_days_span_at_least_three_weeks(start):
    end = workdays.add_working_days(start, approval.COMPLAINT_WINDOW_WORKING_DAYS)
    assert (end - start).days >= 19  # 15 weekdays need 3 weekends at least


@given(covered, covered)
def test_working_days_between_adds_up(a, b):
    a, b = min(a, b), max(a, b)
    mid = a + (b - a) // 2
    total = workdays.working_days_between(a, b)
    assert total == workdays.working_days_between(a, mid) + workdays.working_days_between(mid, b)
    assert total <= (b - a).days
