from types import SimpleNamespace

import pytest
from django.utils import timezone

from daihoi.accounts.models import Role
from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import entry, lists
from daihoi.elections.models import Sitting, SittingAttendance, SittingMember
from tests.conftest import make_user

NAMES = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Quốc Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


@pytest.fixture
def congress(tree, users):
    c = create_congress(
        users.east,
        tree.east_commune,
        name="Đại hội Đảng bộ xã Đông Hòa lần thứ XX",
        kind="delegates",
    )
    return update_attendance(users.east, c, summoned=11, present=10)


@pytest.fixture
def counting(congress, tree):
    leader = make_user("truong_to", tree.east_commune, Role.COUNTING)
    op1 = make_user("nhap1", tree.east_commune, Role.COUNTING)
    op2 = make_user("nhap2", tree.east_commune, Role.COUNTING)
    team = entry.create_team(None, congress, name="Tổ 1", leader=leader, members=[op1, op2])
    return SimpleNamespace(team=team, leader=leader, op1=op1, op2=op2)


@pytest.fixture
def election(congress, users):
    """4 seats, 5 names (surplus 1 = 25 %), list approved."""
    e = lists.create_election(
        users.east, congress, kind="committee", title="Bầu Ban Chấp hành", seats=4
    )
    for name in NAMES:
        lists.add_candidate(users.east, e, full_name=name)
    return lists.approve_list(users.east, e)


def make_first_meeting(congress, members: int, present: int | None = None):
    """A first meeting of `members` committee members, `present` of them checked in (fixture
    shortcut; tests/elections/test_sittings.py opens one through the service)."""
    sitting = Sitting.objects.create(
        congress=congress, title="Hội nghị Ban Chấp hành lần thứ nhất", opened_at=timezone.now()
    )
    present = members if present is None else present
    SittingMember.objects.bulk_create(
        SittingMember(
            sitting=sitting,
            full_name=f"Cấp Ủy Viên {i:02d}",
            position=i,
            attendance=SittingAttendance.PRESENT if i <= present else SittingAttendance.NOT_YET,
        )
        for i in range(1, members + 1)
    )
    return sitting


def name_the_signers(congress) -> None:
    """Give every counting-team member of `congress` a full name, as the minutes require
    before they print (tests/elections/test_minutes_signatures.py tests the refusal)."""
    from daihoi.accounts.models import User

    ids = set()
    for team in congress.counting_teams.all():
        ids |= {team.leader_id, *team.members.values_list("pk", flat=True)}
    User.objects.filter(pk__in=ids, full_name="").update(full_name="Người Ký Tên")
