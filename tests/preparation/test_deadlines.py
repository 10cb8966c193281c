"""Congresses inherit their deadlines from the issued plans above them; a changed plan changes
them at once; overdue and at-risk congresses are found."""

import datetime as dt

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.congresses import tracking
from daihoi.congresses.bottom_up import LateException
from daihoi.preparation import deadlines, plans, schedule
from daihoi.preparation.errors import PreparationError
from daihoi.preparation.plans import LevelInput

from .conftest import PROVINCE_DATES, refreshed

D = dt.date


MAY = D(2025, 5, 1)


def outlook(congress, today=MAY):
    return deadlines.congress_outlook(refreshed(congress), today)


def test_a_grassroots_congress_inherits_the_province_deadline(plan, congresses):
    found = outlook(congresses.east_commune)
    assert found.deadline.on == D(2025, 6, 30)
    assert found.plan == plan
    assert outlook(congresses.east_cell).deadline.on == D(2025, 2, 28)
    assert outlook(congresses.east).deadline.on == D(2025, 8, 25)
    assert outlook(congresses.province).deadline.on == D(2025, 10, 31)


def test_a_draft_plan_gives_no_deadline(tree, users, congresses):
    plans.save_plan(
        users.province, tree.province, term="2025-2030", title="Dự thảo", levels=PROVINCE_DATES
    )
    assert outlook(congresses.east_commune).deadline is None
    assert outlook(congresses.east_commune).state == schedule.NO_DEADLINE


def test_changing_the_plan_changes_every_congress_below_at_once(plan, congresses, tree, users):
    assert outlook(congresses.west_commune).deadline.on == D(2025, 6, 30)
    moved = [
        x if x.level != "grassroots" else LevelInput("grassroots", D(2025, 6, 20))
        for x in PROVINCE_DATES
    ]
    plans.save_plan(
        users.province, tree.province, term="2025-2030", title=plan.title, levels=moved, plan=plan
    )
    assert outlook(congresses.west_commune).deadline.on == D(2025, 6, 20)
    assert outlook(congresses.east_commune).deadline.on == D(2025, 6, 20)
    entry = AuditEntry.objects.filter(action="preparation.plan_change").get()
    assert entry.before["dates"]["grassroots"][0] == "2025-06-30"
    assert entry.after["dates"]["grassroots"][0] == "2025-06-20"
    assert refreshed(plan).version == 2


def test_a_district_plan_tightens_the_date_for_its_own_grassroots_only(
    plan, congresses, tree, users
):
    district = plans.save_plan(
        users.east,
        tree.east,
        term="2025-2030",
        title="Kế hoạch của huyện Đông",
        levels=[LevelInput("grassroots", D(2025, 6, 10)), LevelInput("district", D(2025, 8, 20))],
    )
    plans.issue_plan(users.east, district, D(2024, 9, 1))
    assert outlook(congresses.east_commune).deadline.on == D(2025, 6, 10)
    assert outlook(congresses.east_commune).plan == district
    assert outlook(congresses.west_commune).deadline.on == D(2025, 6, 30)
    assert outlook(congresses.east).deadline.on == D(2025, 8, 20)


def test_when_the_province_moves_earlier_than_a_district_plan_the_province_binds(
    plan, congresses, tree, users
):
    district = plans.save_plan(
        users.east,
        tree.east,
        term="2025-2030",
        title="Kế hoạch của huyện Đông",
        levels=[LevelInput("grassroots", D(2025, 6, 25))],
    )
    plans.issue_plan(users.east, district, D(2024, 9, 1))
    moved = [
        x if x.level != "grassroots" else LevelInput("grassroots", D(2025, 6, 15))
        for x in PROVINCE_DATES
    ]
    plans.save_plan(
        users.province, tree.province, term="2025-2030", title=plan.title, levels=moved, plan=plan
    )
    found = outlook(congresses.east_commune)
    assert (found.deadline.on, found.plan, found.nearest) == (
        D(2025, 6, 15),
        refreshed(plan),
        district,
    )
    assert found.deadline.tightened_above
    assert [f.code for f in plans.plan_findings(refreshed(district))] == ["plan.later_than_above"]


def test_a_pilot_congress_takes_the_pilot_date(plan, congresses):
    congresses.east_commune.pilot = True
    congresses.east_commune.save(update_fields=["pilot"])
    assert outlook(congresses.east_commune).deadline.on == D(2025, 4, 15)


def test_a_plan_cannot_set_dates_for_a_level_above_its_own(tree, users):
    with pytest.raises(PreparationError) as error:
        plans.save_plan(
            users.east,
            tree.east,
            term="2025-2030",
            title="Kế hoạch",
            levels=[LevelInput("province", D(2025, 10, 1))],
        )
    assert error.value.code == "plan.level_above"


def test_dates_out_of_order_are_refused_and_nothing_is_written(tree, users):
    bad = [LevelInput("grassroots", D(2025, 9, 1)), LevelInput("district", D(2025, 8, 1))]
    with pytest.raises(PreparationError) as error:
        plans.save_plan(
            users.province, tree.province, term="2025-2030", title="Kế hoạch", levels=bad
        )
    assert error.value.code == "plan.order"
    assert not tree.province.preparation_plans.exists()


def test_a_plan_without_dates_cannot_be_issued(tree, users):
    made = plans.save_plan(
        users.province, tree.province, term="2025-2030", title="Kế hoạch", levels=[]
    )
    with pytest.raises(PreparationError) as error:
        plans.issue_plan(users.province, made, D(2024, 8, 1))
    assert error.value.code == "plan.no_dates"


def test_overdue_planned_late_and_at_risk_congresses_are_found(plan, congresses, tree, users):
    tracking.schedule_congress(
        users.province, congresses.west_commune, D(2025, 7, 10)
    )  # after 30/6
    tracking.schedule_congress(users.province, congresses.east_commune, D(2025, 6, 25))
    tracking.schedule_congress(users.province, congresses.east_cell, D(2025, 2, 20))
    today = D(2025, 6, 20)
    found = deadlines.summary(tree.province, "2025-2030", today)
    states = {c.pk: o.state for c, o in found.attention}
    assert states[congresses.east_cell.pk] == schedule.OVERDUE  # cells finished by 28/02
    assert states[congresses.west_commune.pk] == schedule.PLANNED_LATE
    assert states[congresses.east_commune.pk] == schedule.AT_RISK
    assert congresses.province.pk not in states
    assert found.counts[schedule.ON_TRACK] == 3  # the province and both districts
    assert [c.pk for c, _ in found.attention][0] == congresses.east_cell.pk  # overdue first


def test_the_summary_is_a_fixed_number_of_queries(
    plan, congresses, tree, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        deadlines.summary(tree.province, "2025-2030", D(2025, 6, 20))


def held(users, congress, on):
    tracking.prepare_congress(users.province, congress)
    # Some of these congresses' subordinates are not held: the province allowed it (bottom_up).
    tracking.hold_congress(users.province, congress, on, LateException("01-QĐ/TU", on))


def test_a_held_congress_is_judged_by_its_held_date(plan, congresses, users):
    held(users, congresses.east_cell, D(2025, 3, 3))
    assert outlook(congresses.east_cell, D(2025, 5, 1)).state == schedule.HELD_LATE
    held(users, congresses.east_commune, D(2025, 6, 1))
    assert outlook(congresses.east_commune, D(2025, 7, 1)).state == schedule.HELD_ON_TIME


def test_review_date_counts_working_days_before_the_planned_opening(plan, congresses, tree, users):
    plans.save_plan(
        users.province,
        tree.province,
        term="2025-2030",
        title=plan.title,
        levels=PROVINCE_DATES,
        plan=plan,
        review_lead_days=45,
    )
    tracking.schedule_congress(users.province, congresses.east, D(2025, 8, 18))
    assert outlook(congresses.east).review_by == schedule.working_days_before(D(2025, 8, 18), 45)
