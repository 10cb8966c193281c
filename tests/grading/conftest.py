"""A cell of six under the shared tree, its secretary's post, and the year's review opened."""

import datetime as dt
from types import SimpleNamespace

import pytest

from daihoi.grading import services
from daihoi.grading.checks import RowInput, SheetInput
from daihoi.grading.models import UnitReview
from daihoi.people.models import Post
from daihoi.rules.grading import Grade
from tests.conftest import make_member

D = dt.date
E, G, C, N = Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETED, Grade.NOT_COMPLETED


def deadlines(year: int) -> dict:
    return dict(
        self_review_due=D(year, 12, 5),
        meeting_due=D(year, 12, 15),
        decision_due=D(year, 12, 31),
        report_due=D(year + 1, 1, 15),
    )


@pytest.fixture
def cell(tree):
    """Chi bộ thôn 1 of xã Đông Hòa: five full members and one probationary admitted in 11/2024."""
    org = tree.east_cells[0]
    people = [
        ("G01", "Lê", "Văn", "Cao"),
        ("G02", "Trần", "Thị", "Hoa"),
        ("G03", "Phạm", "Văn", "Bình"),
        ("G04", "Đỗ", "Văn", "Dũng"),
        ("G05", "Vũ", "Thị", "Mai"),
    ]
    made = [make_member(org, code, f, m, g) for code, f, m, g in people]
    new = make_member(
        org,
        "G06",
        "Hoàng",
        "Văn",
        "Nam",
        status="probationary",
        admitted_on=D(2024, 11, 1),
        full_member_on=None,
    )
    Post.objects.create(
        member=made[0], title="Bí thư Chi bộ thôn 1", organization=org, started_on=D(2020, 1, 1)
    )
    return SimpleNamespace(org=org, members=made, new=new, secretary=made[0])


@pytest.fixture
def cycle(cell, users, tree):
    return services.open_cycle(users.east, tree.east, year=2024, **deadlines(2024))


@pytest.fixture
def unit(cycle, cell):
    return UnitReview.objects.get(cycle=cycle, organization=cell.org)


MEETING = D(2024, 12, 12)


def sheet(cell, grades, on=MEETING, excellent=(), **extra) -> SheetInput:
    """The meeting's input: ``grades`` in the members' order; ``excellent`` the indexes meeting
    the excellent standard."""
    rows = {}
    for index, (member, grade) in enumerate(zip(cell.members, grades, strict=False)):
        criteria = {"good_basis": True, "excellent_basis": index in excellent}
        rows[member.pk] = RowInput(member.pk, grade=grade, criteria=criteria)
    return SheetInput(rows, on, **extra)
