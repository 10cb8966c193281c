"""A congress whose committee the higher committee appointed: the decision, its people, the refusals."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from daihoi.audit.models import AuditEntry
from daihoi.congresses import appointments
from daihoi.congresses.appointments import AppointedRow
from daihoi.congresses.models import AppointedCommitteeMember, CommitteeAppointment
from daihoi.congresses.services import create_congress
from daihoi.elections import lists, sittings
from daihoi.elections.models import Election

D = dt.date
DECISION = dict(
    decision_number="125-QĐ/HU", decided_on=D(2025, 7, 1), issued_by="Ban Thường vụ Huyện ủy Đông"
)


@pytest.fixture
def congress(terms, tree, users):
    return create_congress(
        users.east,
        tree.east_commune,
        name="Đại hội Đảng bộ xã Đông Hòa lần thứ I",
        kind="delegates",
    )


@pytest.fixture
def appointed(congress, users):
    return appointments.record_appointment(
        users.east, congress.organization, congress.term, **DECISION
    )


def _elect(congress, users, kind):
    return lists.create_election(users.east, congress, kind=kind, title=f"Bầu {kind}", seats=3)


def test_recording_the_decision_is_audited(appointed, users):
    entry = AuditEntry.objects.get(action="congress.appointment.record")
    assert entry.object_id == str(appointed.pk)
    assert entry.after["decision_number"] == "125-QĐ/HU"
    assert entry.after["inspection_appointed"] is False


@pytest.mark.parametrize(
    "kind", ["committee", "standing_committee", "secretary", "deputy_secretary"]
)
def test_the_congress_cannot_create_an_election_the_decision_made(appointed, congress, users, kind):
    with pytest.raises(ValidationError) as error:
        _elect(congress, users, kind)
    message = error.value.message_dict["kind"][0]
    assert "do cấp trên chỉ định" in message and "Điều lệ Đảng, Điều 13.5" in message
    assert not Election.objects.exists()
    assert not AuditEntry.objects.filter(action="election.create").exists()


def test_the_congress_still_elects_its_delegates_and_the_committee_its_inspection(
    appointed, congress, users
):
    assert _elect(congress, users, "delegates").kind == "delegates"
    with pytest.raises(ValidationError, match="hội nghị lần thứ nhất"):
        _elect(congress, users, "inspection_committee")  # Điều lệ Đảng, Điều 31.1
    names = ["Lê Văn Tư", "Võ Thị Hà", "Đỗ Văn Năm"]
    rows = [AppointedRow(post="committee", full_name=n, line=i) for i, n in enumerate(names, 1)]
    appointments.add_appointed_members(users.east, appointed, rows)
    meeting = sittings.open_first_meeting(users.east, congress)
    assert [m.full_name for m in meeting.members.all()] == names
    inspection = lists.create_election(
        users.east,
        congress,
        kind="inspection_committee",
        title="Bầu UBKT",
        seats=3,
        sitting=meeting,
    )
    assert inspection.sitting == meeting


def test_appointed_delegates_and_inspection_committee_are_refused_too(congress, users):
    appointments.record_appointment(
        users.east,
        congress.organization,
        congress.term,
        inspection_appointed=True,
        delegates_appointed=True,
        **DECISION,
    )
    for kind in ("delegates", "inspection_committee", "inspection_chair"):
        with pytest.raises(ValidationError):
            _elect(congress, users, kind)
    assert not Election.objects.exists()


def test_without_a_decision_the_congress_elects_its_committee(congress, users):
    assert _elect(congress, users, "committee").kind == "committee"


def test_the_decision_binds_only_its_own_term(appointed, tree, users):
    earlier = create_congress(
        users.east, tree.east_commune, name="Đại hội 2020", kind="members", term="2020-2025"
    )
    assert _elect(earlier, users, "committee").congress == earlier


def test_a_decision_may_come_before_the_congress_exists(terms, tree, users):
    """The organisation's first term: the decision first, the congress later."""
    appointments.record_appointment(users.east, tree.west_commune, "2025-2030", **DECISION)
    later = create_congress(users.west, tree.west_commune, name="Đại hội lần thứ I", kind="members")
    with pytest.raises(ValidationError):
        _elect(later, users, "committee")


def test_a_decision_that_would_forbid_an_existing_election_is_refused(congress, users):
    _elect(congress, users, "delegates")  # allowed: not the one named
    _elect(congress, users, "committee")
    with pytest.raises(ValidationError, match="Bầu committee"):
        appointments.record_appointment(
            users.east, congress.organization, congress.term, **DECISION
        )
    assert not CommitteeAppointment.objects.exists()
    assert not AuditEntry.objects.filter(action="congress.appointment.record").exists()


def test_a_second_decision_for_the_same_term_is_refused(appointed, congress, users):
    with pytest.raises(ValidationError, match="đã có quyết định"):
        appointments.record_appointment(
            users.east, congress.organization, congress.term, **DECISION
        )


def test_correcting_the_decision_is_audited(appointed, users):
    appointments.update_appointment(users.east, appointed, decision_number="126-QĐ/HU")
    entry = AuditEntry.objects.get(action="congress.appointment.update")
    assert entry.before["decision_number"] == "125-QĐ/HU"
    assert entry.after["decision_number"] == "126-QĐ/HU"


def test_the_people_are_added_in_the_decisions_order_and_audited(appointed, members, users):
    rows = [
        AppointedRow(post="committee", full_name="Võ  Thị   Hà"),
        AppointedRow(post="secretary", member=members.an),
        AppointedRow(post="deputy_secretary", member=members.binh),
    ]
    appointments.add_appointed_members(users.east, appointed, rows)
    people = appointments.appointed_people(appointed)
    assert [(p.full_name, p.post) for p in people] == [
        ("Nguyễn Văn An", "secretary"),
        ("Trần Thị Bình", "deputy_secretary"),
        ("Võ Thị Hà", "committee"),
    ]
    assert people[0].member == members.an
    entry = AuditEntry.objects.get(action="congress.appointment.members_add")
    assert entry.after["members"][0] == ["Võ Thị Hà", "committee"]


def test_a_bad_row_leaves_nothing_written_and_every_problem_is_named(appointed, members, users):
    rows = [
        AppointedRow(post="secretary", member=members.an, line=1),
        AppointedRow(post="secretary", full_name="Lê Văn Tư", line=2),
        AppointedRow(post="committee", full_name="Hà", line=3),
        AppointedRow(post="inspection", full_name="Đỗ Văn Năm", line=4),
    ]
    with pytest.raises(ValidationError) as error:
        appointments.add_appointed_members(users.east, appointed, rows)
    text = " ".join(error.value.messages)
    assert "Dòng 3: họ và tên: cần đủ họ và tên." in text
    assert "chỉ có một bí thư" in text
    assert "không chỉ định ủy ban kiểm tra" in text
    assert not AppointedCommitteeMember.objects.exists()
    assert not AuditEntry.objects.filter(action="congress.appointment.members_add").exists()


def test_a_member_is_on_the_list_once(appointed, members, users):
    appointments.add_appointed_members(
        users.east, appointed, [AppointedRow(post="committee", member=members.an)]
    )
    with pytest.raises(ValidationError, match="Nguyễn Văn An đã có"):
        appointments.add_appointed_members(
            users.east, appointed, [AppointedRow(post="standing", member=members.an)]
        )
    with pytest.raises(ValidationError, match="đã có"):
        appointments.add_appointed_members(
            users.east, appointed, [AppointedRow(post="standing", full_name="Nguyễn Văn An")]
        )


def test_the_inspection_mark_cannot_be_dropped_while_inspection_posts_are_listed(congress, users):
    appointment = appointments.record_appointment(
        users.east, congress.organization, congress.term, inspection_appointed=True, **DECISION
    )
    appointments.add_appointed_members(
        users.east, appointment, [AppointedRow(post="inspection_chair", full_name="Đỗ Văn Năm")]
    )
    with pytest.raises(ValidationError) as error:
        appointments.update_appointment(users.east, appointment, inspection_appointed=False)
    assert "inspection_appointed" in error.value.message_dict
    appointment.refresh_from_db()
    assert appointment.inspection_appointed is True


def test_removing_a_person_and_withdrawing_the_decision_keep_their_content_in_the_log(
    appointed, congress, users
):
    appointments.add_appointed_members(
        users.east,
        appointed,
        [
            AppointedRow(post="secretary", full_name="Lê Văn Tư"),
            AppointedRow(post="committee", full_name="Võ Thị Hà"),
        ],
    )
    person = appointed.members.get(full_name="Võ Thị Hà")
    appointments.remove_appointed_member(users.east, person)
    removed = AuditEntry.objects.get(action="congress.appointment.member_remove")
    assert removed.before == {"full_name": "Võ Thị Hà", "post": "committee", "member": None}
    appointments.withdraw_appointment(users.east, appointed)
    withdrawn = AuditEntry.objects.get(action="congress.appointment.withdraw")
    assert withdrawn.before["members"] == [["Lê Văn Tư", "secretary"]]
    assert not CommitteeAppointment.objects.exists()
    assert _elect(congress, users, "committee").kind == "committee"
