"""Deadlines as pure rules: the order of levels, inheritance from the nearest plan, the state of
a congress and of a task against its date."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.preparation import schedule
from daihoi.preparation.schedule import LevelDates, PlanDates

D = dt.date


def test_dates_out_of_bottom_up_order_are_blocking():
    found = schedule.milestone_findings(
        [LevelDates("grassroots", D(2025, 9, 1)), LevelDates("district", D(2025, 8, 25))]
    )
    assert [f.code for f in found] == ["plan.order"]
    assert found[0].blocking and "từ dưới lên" in found[0].message


def test_a_level_left_out_does_not_break_the_order_check():
    found = schedule.milestone_findings(
        [LevelDates("cell", D(2025, 2, 28)), LevelDates("province", D(2025, 10, 31))]
    )
    assert found == []


def test_pilots_after_the_level_finish_are_blocking():
    found = schedule.milestone_findings(
        [LevelDates("grassroots", D(2025, 6, 30), pilots_by=D(2025, 7, 1))]
    )
    assert [f.code for f in found] == ["plan.pilot_after_finish"]


PROVINCE = PlanDates(1, {"grassroots": LevelDates("grassroots", D(2025, 6, 30), D(2025, 4, 15))})


def test_a_congress_takes_the_nearest_plan_naming_its_level():
    district = PlanDates(2, {"grassroots": LevelDates("grassroots", D(2025, 6, 15))})
    found = schedule.resolve([district, PROVINCE], "grassroots")
    assert (found.on, found.plan_id, found.tightened_above) == (D(2025, 6, 15), 2, False)


def test_a_lower_plan_cannot_relax_a_higher_deadline():
    district = PlanDates(2, {"grassroots": LevelDates("grassroots", D(2025, 7, 15))})
    found = schedule.resolve([district, PROVINCE], "grassroots")
    assert (found.on, found.plan_id, found.nearest_plan_id) == (D(2025, 6, 30), 1, 2)
    assert found.tightened_above
    warned = schedule.nesting_findings(district, [PROVINCE])
    assert [f.code for f in warned] == ["plan.later_than_above"]


def test_a_plan_without_the_level_is_skipped():
    district = PlanDates(2, {"cell": LevelDates("cell", D(2025, 3, 1))})
    assert schedule.resolve([district, PROVINCE], "grassroots").plan_id == 1
    assert schedule.resolve([district], "grassroots") is None


def test_a_pilot_takes_the_pilot_date_and_others_the_finish():
    assert schedule.resolve([PROVINCE], "grassroots", pilot=True).on == D(2025, 4, 15)
    assert schedule.resolve([PROVINCE], "grassroots", pilot=False).on == D(2025, 6, 30)


@pytest.mark.parametrize(
    "status,planned,held,today,expected",
    [
        ("held", None, D(2025, 6, 30), D(2025, 7, 5), schedule.HELD_ON_TIME),
        ("held", None, D(2025, 7, 1), D(2025, 7, 5), schedule.HELD_LATE),
        ("planned", D(2025, 6, 20), None, D(2025, 7, 1), schedule.OVERDUE),
        ("planned", D(2025, 6, 20), None, D(2025, 6, 30), schedule.AT_RISK),
        ("prepared", D(2025, 6, 20), None, D(2025, 6, 30), schedule.ON_TRACK),
        ("planned", D(2025, 7, 10), None, D(2025, 5, 1), schedule.PLANNED_LATE),
        ("planned", D(2025, 6, 20), None, D(2025, 6, 16), schedule.AT_RISK),
        ("planned", D(2025, 6, 20), None, D(2025, 6, 15), schedule.ON_TRACK),
        ("postponed", None, None, D(2025, 6, 20), schedule.AT_RISK),
    ],
)
def test_congress_state_edges(status, planned, held, today, expected):
    state = schedule.congress_state(
        D(2025, 6, 30), status=status, planned_on=planned, held_on=held, today=today
    )
    assert state == expected


def test_no_deadline_no_judgement():
    assert (
        schedule.congress_state(
            None, status="planned", planned_on=None, held_on=None, today=D(2025, 1, 1)
        )
        == schedule.NO_DEADLINE
    )


@pytest.mark.parametrize(
    "due,status,today,expected",
    [
        (D(2025, 5, 10), "todo", D(2025, 5, 11), schedule.OVERDUE),
        (D(2025, 5, 10), "in_progress", D(2025, 5, 11), schedule.OVERDUE),
        (D(2025, 5, 10), "todo", D(2025, 5, 10), schedule.AT_RISK),
        (D(2025, 5, 10), "todo", D(2025, 5, 3), schedule.AT_RISK),
        (D(2025, 5, 10), "todo", D(2025, 5, 2), schedule.ON_TRACK),
        (D(2025, 5, 10), "in_progress", D(2025, 5, 9), schedule.ON_TRACK),
        (D(2025, 5, 10), "done", D(2025, 6, 1), schedule.DONE),
        (D(2025, 5, 10), "cancelled", D(2025, 6, 1), schedule.CANCELLED),
    ],
)
def test_task_state_edges(due, status, today, expected):
    assert schedule.task_state(due, status, today) == expected


def test_working_days_skip_weekends():
    # Monday 13/10/2025 minus 1 working day is Friday 10/10; minus 5 is Monday 06/10.
    assert schedule.working_days_before(D(2025, 10, 13), 1) == D(2025, 10, 10)
    assert schedule.working_days_before(D(2025, 10, 13), 5) == D(2025, 10, 6)
    assert schedule.working_days_before(D(2025, 10, 13), 45) == D(2025, 8, 11)


@given(
    st.lists(st.dates(D(2025, 1, 1), D(2025, 12, 31)), min_size=1, max_size=4),
)
def test_the_resolved_deadline_is_never_later_than_any_plan_in_the_chain(dates):
    chain = [
        PlanDates(i, {"grassroots": LevelDates("grassroots", day)}) for i, day in enumerate(dates)
    ]
    found = schedule.resolve(chain, "grassroots")
    assert found.on == min(dates)
    assert found.nearest_plan_id == 0
