"""The clerk's start page: congresses needing attention, boxes waiting, overdue tasks."""

import datetime as dt

import pytest
from django.urls import reverse

from daihoi.congresses.services import create_congress


@pytest.fixture
def congress(tree, users):
    return create_congress(
        users.east, tree.east_commune, name="Đại hội Đảng bộ xã Đông Hòa", kind="members"
    )


def test_the_home_page_shows_the_organisation_and_its_sections(client, users, congress):
    client.force_login(users.east)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.text
    for anchor in ('id="can-chu-y"', 'id="hom-phieu"', 'id="qua-han"'):
        assert anchor in html
    assert "Đảng bộ huyện Đông" in html
    panel = client.get(reverse("reports:home_attention"))
    assert panel.status_code == 200 and "nhiệm kỳ" in panel.text


def test_a_box_waiting_for_the_operator_is_listed_until_finalised(client, users, congress):
    from daihoi.elections.lists import create_election
    from daihoi.elections.models import BallotBatch, BatchEntry, CountingTeam, EntryStatus

    election = create_election(users.east, congress, kind="committee", title="Bầu BCH", seats=3)
    team = CountingTeam.objects.create(congress=congress, name="Tổ 1", leader=users.east)
    team.members.add(users.east)
    batch = BallotBatch.objects.create(election=election, number=1, team=team)
    client.force_login(users.east)
    assert "hòm 1" in client.get(reverse("home")).text
    BatchEntry.objects.create(
        batch=batch, operator=users.east, slot=1, status=EntryStatus.FINALISED
    )
    assert "hòm 1" not in client.get(reverse("home")).text


def test_overdue_tasks_of_the_subtree_are_listed(client, users, congress, tree):
    from daihoi.preparation.tables.plans import Plan, Task

    plan = Plan.objects.create(organization=tree.east, term="2025-2030", title="Kế hoạch 01")
    Task.objects.create(
        plan=plan,
        title="Nộp báo cáo chính trị",
        owner_organization=tree.east,
        due_on=dt.date(2020, 1, 1),
    )
    client.force_login(users.east)
    assert "Nộp báo cáo chính trị" in client.get(reverse("home")).text
    client.force_login(users.west)
    assert "Nộp báo cáo chính trị" not in client.get(reverse("home")).text
