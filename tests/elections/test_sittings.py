"""The new committee's first meeting as its own sitting (issue 15, points 2 and 3).

Through the services: a delegates' congress of 120 elects its committee; the first
meeting opens with the elected members, checks them in, elects the inspection
committee against its own base, and its minutes print its own figures.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.audit.models import AuditEntry
from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import entry, lists, results, services_extra, sittings
from daihoi.elections.models import Election, SittingAttendance, SittingStanding
from tests.documents.pdftools import pdf_text
from tests.elections.conftest import make_first_meeting, name_the_signers

GIVEN = "An Bình Cường Dung Em Giang Hà Khánh Lan Minh Nam Oanh Phúc Quân Sơn Tâm Uyên Vân".split()


def names(n: int, family: str = "Nguyễn") -> list[str]:
    """n distinct full names (ballot order is by given name, then family and middle name)."""
    middles = ["Văn", "Hữu", "Đức"]
    return [f"{family} {middles[i // len(GIVEN)]} {GIVEN[i % len(GIVEN)]}" for i in range(n)]


def count(election, team, ops, ballots):
    """Enter the ballots twice (two operators) in one box; the box reconciles."""
    batch = entry.create_batch(None, election, team=team, number=1)
    for op in ops:
        e = entry.start_entry(op, batch)
        for ballot in ballots:
            entry.save_ballot(op, e, ballot)
        entry.finalise_entry(op, e)
    return batch


def elect(actor, congress, counting, *, kind, seats, candidates, ballots, sitting=None, issued):
    election = lists.create_election(
        actor, congress, kind=kind, title=f"Bầu {kind}", seats=seats, sitting=sitting
    )
    for name in candidates:
        lists.add_candidate(actor, election, full_name=name)
    election = lists.approve_list(actor, election)
    services_extra.set_ballots_issued(actor, election, issued)
    count(election, counting.team, [counting.op1, counting.op2], ballots)
    return election


@pytest.fixture
def congress(tree, users):
    c = create_congress(
        users.east, tree.east_commune, name="Đại hội Đảng bộ xã Đông Hòa", kind="delegates"
    )
    return update_attendance(users.east, c, summoned=120, present=118)


@pytest.fixture
def committee(congress, counting, users):
    """35 seats, 38 names; 100 ballots strike the last three: 35 elected."""
    listed = names(38)
    election = elect(
        users.east,
        congress,
        counting,
        kind="committee",
        seats=35,
        candidates=listed,
        ballots=[{"struck": [36, 37, 38]}] * 100,
        issued=118,
    )
    results.publish_result(users.east, election)
    return election


@pytest.fixture
def meeting(committee, congress, users):
    return sittings.open_first_meeting(users.east, congress)


def check_in(actor, meeting, present: int):
    for m in meeting.members.order_by("position")[:present]:
        sittings.mark_member(actor, m, attendance=SittingAttendance.PRESENT)


def test_it_opens_the_first_meeting_with_the_members_the_committee_result_elected(
    committee, meeting
):
    elected = committee.published.data["elected"]
    assert sorted(m.full_name for m in meeting.members.all()) == sorted(elected)
    assert len(elected) == 35
    assert AuditEntry.objects.filter(action="sitting.open", object_id=str(meeting.pk)).exists()


def test_it_refuses_to_open_the_meeting_before_the_committee_result_is_published(congress, users):
    with pytest.raises(ValidationError, match="Chưa có kết quả bầu Ban Chấp hành"):
        sittings.open_first_meeting(users.east, congress)


@pytest.mark.parametrize(
    "kind", ["standing_committee", "secretary", "inspection_committee", "inspection_chair"]
)
def test_the_congress_cannot_hold_the_committees_own_elections(congress, users, kind):
    with pytest.raises(ValidationError, match="hội nghị lần thứ nhất"):
        lists.create_election(users.east, congress, kind=kind, title="x", seats=1)
    assert not Election.objects.filter(kind=kind).exists()


def test_the_meeting_cannot_elect_the_committee_or_delegates(meeting, congress, users):
    for kind in ("committee", "delegates"):
        with pytest.raises(ValidationError, match="do đại hội bầu"):
            lists.create_election(
                users.east, congress, kind=kind, title="x", seats=3, sitting=meeting
            )


def test_the_inspection_committee_is_elected_against_the_meetings_base_not_the_congress(
    meeting, congress, counting, users
):
    """Issue 15 point 2: 9 seats, 33 ballots from the committee; base 120 elected nobody."""
    check_in(users.east, meeting, 33)
    inspection = elect(
        users.east,
        congress,
        counting,
        kind="inspection_committee",
        seats=9,
        candidates=names(10, "Trần"),
        ballots=[{"struck": [10]}] * 33,
        sitting=meeting,
        issued=33,
    )
    result = results.publish_result(users.east, inspection).data
    assert (result["summoned"], result["present"], result["base"]) == (35, 33, 35)
    assert len(result["elected"]) == 9  # 33 > 35 / 2
    assert result["sitting"]["voters"] == "cấp ủy viên"


def test_the_meetings_base_leaves_out_members_attached_elsewhere_or_suspended(meeting, users):
    first, second = meeting.members.order_by("position")[:2]
    sittings.mark_member(users.east, first, standing=SittingStanding.ATTACHED_ELSEWHERE)
    sittings.mark_member(users.east, second, standing=SittingStanding.SUSPENDED)
    f = sittings.sitting_figures(meeting)
    assert (f.summoned, f.base) == (35, 33)
    assert [n for _, n in f.lines] == [35, -1, -1]
    actions = AuditEntry.objects.filter(action="sitting.member").values_list("after", flat=True)
    assert {a["standing"] for a in actions} == {"attached_elsewhere", "suspended"}


def test_ballots_issued_are_checked_against_the_meetings_own_present_count(
    meeting, congress, users
):
    check_in(users.east, meeting, 30)
    standing = lists.create_election(
        users.east, congress, kind="standing_committee", title="BTV", seats=9, sitting=meeting
    )
    with pytest.raises(ValidationError, match=r"\(31\) lớn hơn số cấp ủy viên có mặt \(30\)"):
        services_extra.set_ballots_issued(users.east, standing, 31)
    assert services_extra.set_ballots_issued(users.east, standing, 30).ballots_issued == 30


def test_the_minutes_of_each_sitting_print_its_own_figures(
    client, committee, meeting, congress, counting, users
):
    check_in(users.east, meeting, 33)
    secretary = elect(
        users.east,
        congress,
        counting,
        kind="secretary",
        seats=1,
        candidates=["Nguyễn Văn An"],
        ballots=[{"marks": {"1": "agree"}}] * 33,
        sitting=meeting,
        issued=33,
    )
    results.publish_result(users.east, secretary)
    name_the_signers(congress)
    client.force_login(users.east)

    def minutes(election):
        pdf = client.get(reverse("elections:minutes_pdf", args=[election.pk])).content
        return " ".join(pdf_text(pdf).split())

    congress_text, meeting_text = minutes(committee), minutes(secretary)
    assert "Số đại biểu được triệu tập: 120" in congress_text
    assert "Số đại biểu có mặt: 118" in congress_text
    assert "Số cấp ủy viên được triệu tập: 35" in meeting_text
    assert "Số cấp ủy viên có mặt: 33" in meeting_text
    assert "120" not in meeting_text.split("CƠ SỞ TÍNH KẾT QUẢ")[1].split("III.")[0]
    assert "Hội nghị Ban Chấp hành Đảng bộ xã Đông Hòa lần thứ nhất" in meeting_text


def test_members_elected_in_a_later_committee_round_join_the_open_meeting(
    committee, meeting, congress, counting, users
):
    later = lists.create_election(
        users.east, congress, kind="committee", title="Bầu bổ sung", seats=4
    )
    for name in names(5, "Lê"):
        lists.add_candidate(users.east, later, full_name=name)
    later = lists.approve_list(users.east, later)
    services_extra.set_ballots_issued(users.east, later, 100)
    count(later, counting.team, [counting.op1, counting.op2], [{"struck": [5]}] * 100)
    elected = results.publish_result(users.east, later).data["elected"]
    assert meeting.members.count() == 39
    assert set(elected) <= set(meeting.members.values_list("full_name", flat=True))
    assert AuditEntry.objects.filter(action="sitting.members_join").exists()


@given(standings=st.lists(st.sampled_from(SittingStanding.values), min_size=1, max_size=40))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_meetings_base_is_its_members_less_the_lawful_exclusions(congress, standings):
    sitting = make_first_meeting(congress, len(standings))
    for member, standing in zip(sitting.members.order_by("position"), standings, strict=True):
        member.standing = standing
        member.save(update_fields=["standing"])
    counted = standings.count(SittingStanding.COUNTED)
    assert sittings.sitting_figures(sitting).base == (counted if counted else 0)
    assert sittings.sitting_figures(sitting).summoned == len(standings)
    sitting.members.all().delete()
    sitting.delete()
