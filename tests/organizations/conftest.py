"""Three communes under Huyện Đông (the shared `tree` has one), each with cells and members."""

import datetime as dt
from types import SimpleNamespace

import pytest

from daihoi.organizations.restructure import Decision
from daihoi.organizations.services import create_organization
from tests.conftest import make_member

D = dt.date(2025, 7, 1)  # the day the restructuring takes effect
BEFORE = D - dt.timedelta(days=1)


def decision(number="101-QĐ/HU", on=D) -> Decision:
    return Decision(number=number, date=on - dt.timedelta(days=2), effective_on=on)


@pytest.fixture
def communes(tree, members):
    """X01 (tree's, 3 members in 2 cells), X03 (2 cells, 4 members), X04 (a chi bộ cơ sở, 2)."""
    mk = create_organization
    x03 = mk(
        None,
        code="X03",
        name="Đảng bộ xã Đông Lâm",
        level="grassroots",
        kind="commune",
        parent=tree.east,
    )
    x03_cells = [
        mk(None, code=f"C03{i}", name=f"Chi bộ xóm {i}", level="cell", kind="village", parent=x03)
        for i in (1, 2)
    ]
    x04 = mk(
        None,
        code="X04",
        name="Chi bộ xã Đông Phong",
        level="grassroots",
        kind="commune",
        parent=tree.east,
    )
    people = [
        make_member(x03_cells[0], "M101", given="Hải"),
        make_member(x03_cells[0], "M102", given="Hoa", middle="Thị", gender="female"),
        make_member(x03_cells[1], "M103", given="Long"),
        make_member(x03_cells[1], "M104", given="Mai", middle="Thị", gender="female"),
        make_member(x04, "M105", given="Nam"),
        make_member(x04, "M106", given="Sơn"),
    ]
    return SimpleNamespace(
        x01=tree.east_commune, x03=x03, x03_cells=x03_cells, x04=x04, people=people
    )
