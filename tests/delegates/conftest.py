"""The provincial congress of the shared tree, with members in both districts."""

from types import SimpleNamespace

import pytest

from daihoi.congresses.services import create_congress
from daihoi.delegates import roster
from tests.conftest import make_member


@pytest.fixture
def congress(tree, users):
    return create_congress(
        users.province,
        tree.province,
        name="Đại hội đại biểu Đảng bộ tỉnh A lần thứ XX",
        kind="delegates",
    )


@pytest.fixture
def people(tree):
    """Six members in the east district's cells, three in the west's, one probationary."""
    east, west = tree.east_cells, tree.west_cells
    made = [make_member(east[i % 2], f"E{i:02d}", given=f"Đông{i}") for i in range(6)]
    made += [make_member(west[i % 2], f"W{i:02d}", given=f"Tây{i}") for i in range(3)]
    made.append(make_member(west[0], "W09", given="Dự", status="probationary"))
    return made


@pytest.fixture
def hall(congress, tree, users, people):
    """A roster: 2 ex officio, 5 elected (3 east, 2 west), 1 east alternate, 1 probationary."""
    add = roster.add_delegate
    actor = users.province
    e, w = tree.east, tree.west
    delegates = SimpleNamespace(
        chief=add(actor, congress, people[0], kind="ex_officio", delegation=e),
        deputy=add(actor, congress, people[6], kind="ex_officio", delegation=w),
        east=[add(actor, congress, p, kind="elected", delegation=e) for p in people[1:4]],
        west=[add(actor, congress, people[7], kind="elected", delegation=w)],
        alternate=add(actor, congress, people[4], kind="alternate", delegation=e, rank=1),
        probationary=add(actor, congress, people[9], kind="elected", delegation=w),
    )
    return delegates
