"""A district congress of the 2025–2030 term with a small personnel plan."""

import datetime as dt
from types import SimpleNamespace

import pytest

from daihoi.congresses.services import create_congress
from daihoi.personnel import services
from tests.conftest import make_member

D = dt.date


@pytest.fixture
def plan_setup(tree, users):
    congress = create_congress(
        users.province,
        tree.east,
        name="Đại hội Đảng bộ huyện Đông",
        kind="delegates",
        starts_on=D(2025, 7, 20),
    )
    plan = services.create_plan(
        users.east, congress, committee_size=4, standing_size=2, deputy_count=1, women_target=30
    )
    cell = tree.east_cells[0]
    people = SimpleNamespace(
        old=make_member(
            cell, "P01", "Lê", "Văn", "Cao", birth_date=D(1960, 1, 1), political_theory="advanced"
        ),
        young=make_member(
            cell,
            "P02",
            "Trần",
            "Thị",
            "Hoa",
            gender="female",
            birth_date=D(1990, 3, 1),
            political_theory="intermediate",
        ),
        mid=make_member(
            cell,
            "P03",
            "Phạm",
            "Văn",
            "Bình",
            birth_date=D(1978, 1, 1),
            political_theory="advanced",
        ),
        other=make_member(
            cell,
            "P04",
            "Đỗ",
            "Văn",
            "Dũng",
            birth_date=D(1980, 1, 1),
            political_theory="advanced",
            ethnicity="02",
        ),
    )
    cands = SimpleNamespace(
        old=services.add_candidate(users.east, plan, people.old, post="secretary", re_elected=True),
        young=services.add_candidate(users.east, plan, people.young, post="standing"),
        mid=services.add_candidate(users.east, plan, people.mid, post="deputy_secretary"),
        other=services.add_candidate(users.east, plan, people.other),
    )
    return SimpleNamespace(congress=congress, plan=plan, people=people, cands=cands)
