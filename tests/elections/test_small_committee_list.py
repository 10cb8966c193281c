"""Issue 15 point 1 through the service: a cell's chi ủy of 3 is approved with 4 names."""

import pytest
from django.core.exceptions import ValidationError

from daihoi.elections import lists
from daihoi.elections.models import ElectionStatus
from tests.elections.conftest import make_first_meeting

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


@pytest.mark.parametrize("kind", ["committee", "standing_committee"])
def test_it_approves_a_three_seat_list_of_four(congress, users, kind):
    # The standing committee is elected at the new committee's first meeting (issue 15.3).
    sitting = make_first_meeting(congress, 15) if kind == "standing_committee" else None
    e = lists.create_election(
        users.east, congress, kind=kind, title="Bầu chi ủy", seats=3, sitting=sitting
    )
    for name in NAMES[:4]:
        lists.add_candidate(users.east, e, full_name=name)
    assert not [f for f in lists.list_findings(e) if f.blocking]
    assert lists.approve_list(users.east, e).status == ElectionStatus.LIST_APPROVED


def test_it_refuses_five_names_for_three_seats_naming_the_lawful_size(congress, users):
    e = lists.create_election(users.east, congress, kind="committee", title="Bầu chi ủy", seats=3)
    for name in NAMES:
        lists.add_candidate(users.east, e, full_name=name)
    with pytest.raises(ValidationError) as refused:
        lists.approve_list(users.east, e)
    assert "tối đa 4 người" in str(refused.value)
