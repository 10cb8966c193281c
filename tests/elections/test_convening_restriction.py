"""Issue 15 point 9 through the service: the outgoing committee's members and the list."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.delegates.roster import add_delegate
from daihoi.elections import lists


@pytest.fixture
def committee_election(congress, users):
    return lists.create_election(
        users.east, congress, kind="committee", title="Bầu Ban Chấp hành", seats=4
    )


@pytest.fixture
def ex_officio(congress, users, members, tree):
    add_delegate(users.east, congress, members.an, kind="ex_officio", delegation=tree.east_cells[0])
    return members.an


def test_it_refuses_a_convening_committee_member_standing_on_their_own(
    committee_election, users, ex_officio
):
    before = AuditEntry.objects.filter(action="candidate.add").count()
    with pytest.raises(ValidationError) as refused:
        lists.add_candidate(
            users.east, committee_election, member=ex_officio, nominated_by="self", poll_agree=8
        )
    assert "Điều 13" in str(refused.value) or "QĐ 190" in str(refused.value)
    assert not committee_election.candidates.exists()
    assert AuditEntry.objects.filter(action="candidate.add").count() == before


def test_it_refuses_a_nomination_by_a_convening_committee_member(
    committee_election, users, ex_officio, members
):
    with pytest.raises(ValidationError):
        lists.add_candidate(
            users.east,
            committee_election,
            member=members.binh,
            nominated_by="congress",
            poll_agree=8,
            nominator=ex_officio,
        )


def test_the_committees_own_list_and_other_nominees_pass(
    committee_election, users, ex_officio, members
):
    lists.add_candidate(users.east, committee_election, member=ex_officio)
    lists.add_candidate(
        users.east,
        committee_election,
        member=members.binh,
        nominated_by="congress",
        poll_agree=8,
        nominator=members.cuong,
    )
    assert committee_election.candidates.count() == 2


def test_the_list_page_refuses_a_nomination_by_an_ex_officio_delegate(
    client, committee_election, users, ex_officio, members
):
    client.force_login(users.east)
    url = reverse("elections:add_candidate", args=[committee_election.pk])
    data = {"member": members.binh.pk, "nominated_by": "congress", "poll_agree": 8,
            "nominator_code": ex_officio.code}  # fmt: skip
    page = client.post(url, data, follow=True).content.decode()
    assert "không được đề cử nhân sự ngoài danh sách" in page
    assert not committee_election.candidates.exists()


def test_approval_rechecks_a_name_whose_holder_joined_the_roster_later(
    committee_election, congress, users, members, tree
):
    lists.add_candidate(
        users.east, committee_election, member=members.an, nominated_by="self", poll_agree=8
    )
    add_delegate(users.east, congress, members.an, kind="ex_officio", delegation=tree.east_cells[0])
    codes = {f.code for f in lists.list_findings(committee_election) if f.blocking}
    assert "convening_member_outside_list" in codes
