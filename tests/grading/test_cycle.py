"""Opening a year's review and walking a unit's steps: who may, in which order, what is recorded."""

import datetime as dt

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.grading import services
from daihoi.grading.checks import RowInput, SheetInput
from daihoi.grading.models import Evaluation, ReviewCycle, StepLog, UnitReview
from daihoi.organizations.selectors import subtree
from tests.conftest import make_member, make_user

from .conftest import C, E, G, deadlines, sheet

D = dt.date


def test_it_opens_one_unit_per_organisation_of_the_subtree_with_its_head(cycle, tree, cell):
    units = UnitReview.objects.filter(cycle=cycle)
    assert units.count() == subtree(tree.east).count() == 4  # district, commune, two cells
    assert cycle.rules_version == "124-2023"
    assert units.get(organization=cell.org).leader == cell.secretary
    assert AuditEntry.objects.filter(action="grading.cycle.open").count() == 1


def test_a_second_cycle_over_the_same_organisations_and_year_is_refused(cycle, users, tree):
    with pytest.raises(services.GradingError) as error:
        services.open_cycle(users.province, tree.province, year=2024, **deadlines(2024))
    assert error.value.code == "taken" and "Đảng bộ huyện Đông" in error.value.message
    assert ReviewCycle.objects.count() == 1
    services.open_cycle(users.west, tree.west, year=2024, **deadlines(2024))  # the other district


def test_deadlines_must_follow_the_steps(users, tree):
    bad = {**deadlines(2024), "decision_due": D(2024, 12, 1)}
    with pytest.raises(services.GradingError) as error:
        services.open_cycle(users.east, tree.east, year=2024, **bad)
    assert error.value.code == "deadlines"


def test_a_year_without_rules_and_a_viewer_are_refused(users, tree):
    with pytest.raises(services.GradingError, match="2017"):
        services.open_cycle(users.east, tree.east, year=2017, **deadlines(2017))
    with pytest.raises(services.GradingError) as error:
        services.open_cycle(users.east_viewer, tree.east, year=2024, **deadlines(2024))
    assert error.value.code == "forbidden"


def test_steps_go_in_order_and_log_who_acted(unit, users):
    with pytest.raises(services.GradingError) as error:
        services.record_step(users.east, unit, "comment", D(2024, 12, 1))
    assert error.value.code == "wrong_step"
    services.record_step(users.east, unit, "self_review", D(2024, 12, 3))
    unit = services.record_step(users.east, unit, "comment", D(2024, 12, 10))
    assert unit.status == "commented" and unit.commented_on == D(2024, 12, 10)
    assert list(StepLog.objects.filter(unit=unit).values_list("step", "actor_name")) == [
        ("self_reviewed", "dong"),
        ("commented", "dong"),
    ]


def test_a_proposal_dates_the_steps_it_implies(unit, users, cell):
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    unit.refresh_from_db()
    assert unit.status == "proposed"
    assert unit.self_reviewed_on == unit.commented_on == unit.proposed_on == D(2024, 12, 12)


def test_only_the_higher_level_decides_and_the_decision_copies_the_proposal(
    unit, users, cell, tree
):
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    commune_user = make_user("xa", tree.east_commune)
    cell_user = make_user("chibo", cell.org)
    with pytest.raises(services.GradingError) as error:
        services.record_step(cell_user, unit, "decide", D(2024, 12, 20))
    assert error.value.code == "needs_higher_level"
    services.record_step(commune_user, unit, "decide", D(2024, 12, 20))
    graded = Evaluation.objects.filter(unit=unit, subject="member", member__in=cell.members)
    assert sorted(graded.values_list("grade", flat=True)) == sorted(["good"] * 4 + ["completed"])
    unit = services.record_step(cell_user, unit, "publish", D(2024, 12, 22))
    assert unit.status == "published"


def test_review_again_clears_the_decision_and_counts(unit, users, cell):
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    services.record_step(users.east, unit, "decide", D(2024, 12, 20))
    with pytest.raises(services.GradingError) as error:
        services.record_step(users.east, unit, "return", D(2024, 12, 21), "")
    assert error.value.code == "reason_required"
    unit = services.record_step(
        users.east, unit, "return", D(2024, 12, 21), "Chưa so sánh với vị trí tương đồng"
    )
    assert unit.status == "returned" and unit.returned_count == 1 and unit.decided_on is None
    assert not Evaluation.objects.filter(unit=unit).exclude(grade="").exists()
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, C]))  # graded again
    unit.refresh_from_db()
    assert unit.status == "proposed"


def test_the_member_quota_is_shared_by_the_commune_and_checked_again_at_decision(
    cycle, unit, users, cell, tree
):
    """HD 21-HD/BTCTW 2019, II.B.2.3.a: the quota is counted in the grassroots organisation."""
    other_org = tree.east_cells[1]
    others = [make_member(other_org, f"K0{i}", "Ngô", "Văn", f"Tư {i}") for i in range(5)]
    other = UnitReview.objects.get(cycle=cycle, organization=other_org)
    proposal = sheet(cell, [E, G, G, G, G], excellent={0})
    with pytest.raises(services.GradingError) as error:
        services.save_grades(users.east, unit, proposal)  # four good alone: no excellent
    assert "tối đa 0" in error.value.message
    services.save_grades(users.east, other, graded(others, G))
    services.save_grades(users.east, unit, proposal)  # nine good in the commune: one excellent
    services.save_grades(users.east, other, graded(others, C))  # the other cell graded lower
    with pytest.raises(services.GradingError) as error:
        services.record_step(users.east, unit, "decide", D(2024, 12, 20))
    assert error.value.code == "rules" and "Đảng bộ xã Đông Hòa" in error.value.message


def graded(members, grade):
    rows = {m.pk: RowInput(m.pk, grade=grade) for m in members}
    return SheetInput(rows, D(2024, 12, 12))


def test_appeals_are_filed_within_the_window_and_resolved_by_the_higher_level(unit, users, cell):
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    services.record_step(users.east, unit, "decide", D(2024, 12, 20))
    services.record_step(users.east, unit, "publish", D(2024, 12, 22))
    evaluation = Evaluation.objects.get(unit=unit, member=cell.members[2])
    with pytest.raises(services.GradingError) as error:
        services.file_appeal(users.east, evaluation, "Đề nghị xem xét lại", D(2025, 1, 20))
    assert error.value.code == "late"
    appeal = services.file_appeal(
        users.east, evaluation, "Đề nghị xem xét lại mức HT", D(2025, 1, 2)
    )
    services.resolve_appeal(users.province, appeal, "Chấp nhận", G, D(2025, 1, 5))
    evaluation.refresh_from_db()
    assert evaluation.grade == "good"
    assert AuditEntry.objects.filter(action="grading.appeal.resolve").count() == 1


def test_an_appeal_cannot_raise_a_member_past_the_quota(unit, users, cell):
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    services.record_step(users.east, unit, "decide", D(2024, 12, 20))
    services.record_step(users.east, unit, "publish", D(2024, 12, 22))
    evaluation = Evaluation.objects.get(unit=unit, member=cell.members[0], subject="member")
    appeal = services.file_appeal(
        users.east, evaluation, "Đề nghị xếp hoàn thành xuất sắc", D(2025, 1, 2)
    )
    with pytest.raises(services.GradingError) as error:
        services.resolve_appeal(users.province, appeal, "Chấp nhận", E, D(2025, 1, 5))
    assert "tối đa 0" in error.value.message
    evaluation.refresh_from_db()
    assert evaluation.grade == "good"
