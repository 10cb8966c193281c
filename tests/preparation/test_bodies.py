"""Bodies, their members from the registry, working groups' areas and their visit log."""

import datetime as dt

import pytest

from daihoi.preparation import bodies
from daihoi.preparation.errors import PreparationError
from daihoi.preparation.models import BodyKind, BodyRole
from tests.conftest import make_member

D = dt.date


@pytest.fixture
def steering(tree, users):
    return bodies.create_body(
        users.province, tree.province, kind=BodyKind.STEERING, name="Ban Chỉ đạo đại hội"
    )


@pytest.fixture
def group(tree, users, steering):
    made = bodies.create_body(
        users.province,
        tree.province,
        kind=BodyKind.WORKING_GROUP,
        name="Tổ công tác số 1",
        parent=steering,
    )
    bodies.assign(users.province, made, tree.east)
    return made


def test_subcommittees_hang_under_the_steering_committee_of_the_same_level(tree, users, steering):
    sub = bodies.create_body(
        users.province,
        tree.province,
        kind=BodyKind.DOCUMENTS,
        name="Tiểu ban Văn kiện",
        parent=steering,
    )
    assert sub.parent == steering
    with pytest.raises(PreparationError) as error:
        bodies.create_body(
            users.east, tree.east, kind=BodyKind.PERSONNEL, name="Tiểu ban", parent=steering
        )
    assert error.value.code == "body.parent"


def test_members_come_from_the_registry_of_the_subtree_with_one_head(
    tree, users, steering, members
):
    bodies.add_member(
        users.province, steering, members.an, role=BodyRole.HEAD, title="Bí thư Tỉnh ủy"
    )
    with pytest.raises(PreparationError) as error:
        bodies.add_member(users.province, steering, members.binh, role=BodyRole.HEAD)
    assert error.value.code == "body.second_head"
    with pytest.raises(PreparationError) as error:
        bodies.add_member(users.province, steering, members.an, role=BodyRole.MEMBER)
    assert error.value.code == "body.member_twice"
    east_group = bodies.create_body(
        users.east, tree.east, kind=BodyKind.WORKING_GROUP, name="Tổ công tác huyện"
    )
    with pytest.raises(PreparationError) as error:
        bodies.add_member(
            users.east, east_group, members.dung, role=BodyRole.MEMBER
        )  # a west member
    assert error.value.code == "body.member_outside"
    assert "Phạm Tiến Dũng" in error.value.message


def test_a_working_group_visits_only_its_area(tree, users, group):
    visit = bodies.record_visit(
        users.province,
        group,
        tree.east_commune,
        visited_on=D(2025, 3, 10),
        findings="Dự thảo báo cáo chính trị còn dài.",
        follow_ups="Rút gọn phần I.",
        follow_up_due=D(2025, 3, 20),
    )
    assert visit.follow_up_open
    with pytest.raises(PreparationError) as error:
        bodies.record_visit(
            users.province, group, tree.west_commune, visited_on=D(2025, 3, 10), findings="…"
        )
    assert error.value.code == "visit.not_assigned"


def test_assignments_stay_inside_the_level(tree, users, group, steering):
    with pytest.raises(PreparationError) as error:
        bodies.assign(users.province, group, tree.province)
    assert error.value.code == "body.assign_outside"
    with pytest.raises(PreparationError) as error:
        bodies.assign(users.province, steering, tree.west)
    assert error.value.code == "body.not_group"


def test_the_visit_log_feeds_the_summary_with_open_and_overdue_follow_ups(tree, users, group):
    bodies.record_visit(
        users.province,
        group,
        tree.east_commune,
        visited_on=D(2025, 3, 10),
        findings="A",
        follow_ups="Khắc phục 1",
        follow_up_due=D(2025, 3, 20),
    )
    closed = bodies.record_visit(
        users.province,
        group,
        tree.east,
        visited_on=D(2025, 3, 12),
        findings="B",
        follow_ups="Khắc phục 2",
    )
    bodies.record_visit(users.province, group, tree.east, visited_on=D(2025, 3, 15), findings="C")
    bodies.close_follow_up(users.province, closed, D(2025, 3, 18))
    found = bodies.visit_summary(tree.province, D(2025, 3, 25))
    assert (found.visits, found.organizations, found.open_follow_ups, found.overdue_follow_ups) == (
        3,
        2,
        1,
        1,
    )
    assert found.latest[0].findings == "C"
    assert bodies.visit_summary(tree.west, D(2025, 3, 25)).visits == 0
    assert [v.findings for v in bodies.visits_to(tree.east)] == ["C", "B"]
    assert bodies.groups_over(tree.east_commune, "2025-2030") == [group]
    with pytest.raises(PreparationError):
        bodies.close_follow_up(users.province, closed, D(2025, 3, 19))


def test_a_visit_in_the_future_or_without_findings_is_refused(tree, users, group):
    for kwargs, code in (
        ({"visited_on": D(2999, 1, 1), "findings": "A"}, "visit.future"),
        ({"visited_on": D(2025, 1, 1), "findings": "  "}, "visit.findings_required"),
    ):
        with pytest.raises(PreparationError) as error:
            bodies.record_visit(users.province, group, tree.east, **kwargs)
        assert error.value.code == code


def test_a_member_who_left_is_not_added(tree, users, steering):
    gone = make_member(tree.east_cells[0], "M099", given="Đi", active=False)
    with pytest.raises(PreparationError) as error:
        bodies.add_member(users.province, steering, gone, role=BodyRole.MEMBER)
    assert error.value.code == "body.member_outside"
