"""The pages: terms, the "Cấp ủy chỉ định" section, the list filter, access by subtree."""

import datetime as dt

import pytest
from django.urls import reverse

from daihoi.accounts.models import Role
from daihoi.audit.models import AuditEntry
from daihoi.congresses import appointments
from daihoi.congresses.models import AppointedCommitteeMember, CommitteeAppointment, Congress, Term
from daihoi.congresses.services import create_congress
from daihoi.elections.models import Election
from tests.conftest import make_user

D = dt.date
DECISION = {
    "decision_number": "125-QĐ/HU",
    "decided_on": "2025-07-01",
    "issued_by": "Ban Thường vụ Huyện ủy Đông",
}


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
        users.east,
        congress.organization,
        congress.term,
        decision_number="125-QĐ/HU",
        decided_on=D(2025, 7, 1),
        issued_by="Ban Thường vụ Huyện ủy Đông",
    )


def url(name, congress, *more):
    return reverse(f"congresses:{name}", args=[congress.pk, *more])


def flashed(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- the decision ----------------------------------------------------------------------------


def test_an_organiser_records_the_decision_and_the_page_shows_it(client, users, congress):
    client.force_login(users.east)
    response = client.post(url("appointment", congress), DECISION)
    assert response["Location"].endswith("#appointed-person")  # the person box, focused
    assert CommitteeAppointment.objects.get().decision_number == "125-QĐ/HU"
    assert AuditEntry.objects.filter(action="congress.appointment.record").exists()
    page = client.get(url("detail", congress)).text
    assert "Cấp ủy do cấp trên chỉ định" in page
    assert "Số 125-QĐ/HU ngày 01/07/2025 của Ban Thường vụ Huyện ủy Đông" in page
    assert "Đại biểu dự đại hội cấp trên" in page  # still elected: listed under "Còn bầu"


def test_the_election_form_no_longer_offers_what_the_decision_made(
    client, users, appointed, congress
):
    client.force_login(users.east)
    form = client.get(url("detail", congress)).context["election_form"]
    kinds = [value for value, _ in form.fields["kind"].choices]
    assert "committee" not in kinds and "secretary" not in kinds
    assert "delegates" in kinds
    assert "inspection_committee" not in kinds  # the appointed committee elects it at its meeting


def test_a_committee_election_posted_anyway_is_refused_with_the_rule(
    client, users, appointed, congress
):
    client.force_login(users.east)
    data = {
        "kind": "committee",
        "title": "Bầu BCH",
        "seats": 15,
        "alternates": 0,
        "entries_required": 2,
    }
    response = client.post(url("create_election", congress), data, follow=True)
    assert not Election.objects.exists()
    assert any("Điều 13.5" in text for text in flashed(response))


def test_a_decision_without_its_number_names_the_field(client, users, congress):
    client.force_login(users.east)
    data = {**DECISION, "decision_number": ""}
    response = client.post(url("appointment", congress), data, follow=True)
    assert any(text.startswith("Số quyết định:") for text in flashed(response))
    assert not CommitteeAppointment.objects.exists()


def test_a_viewer_sees_the_section_but_cannot_write(client, users, appointed, congress):
    client.force_login(users.east_viewer)
    page = client.get(url("detail", congress)).text
    assert "Cấp ủy chỉ định" in page and "Dán cả danh sách" not in page
    response = client.post(
        url("appointed_add", congress), {"person": "Võ Thị Hà", "post": "committee"}
    )
    assert response.status_code == 404
    assert not AppointedCommitteeMember.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("appointment", DECISION),
        ("appointment_withdraw", {}),
        ("appointed_add", {"person": "Võ Thị Hà", "post": "committee"}),
        ("appointed_list", {"text": "Võ Thị Hà\tBí thư"}),
    ],
)
def test_outside_the_subtree_everything_is_404(client, users, appointed, congress, name, data):
    client.force_login(users.west)
    assert client.get(url("detail", congress)).status_code == 404
    assert client.post(url(name, congress), data).status_code == 404
    assert CommitteeAppointment.objects.get().decision_number == "125-QĐ/HU"
    assert not AppointedCommitteeMember.objects.exists()


def test_removing_a_person_of_another_decision_is_404(client, users, appointed, congress, tree):
    other_congress = create_congress(
        users.west, tree.west_commune, name="ĐH Tây Sơn", kind="members"
    )
    other = appointments.record_appointment(
        users.west, tree.west_commune, "2025-2030", **{**DECISION, "decided_on": D(2025, 7, 1)}
    )
    appointments.add_appointed_members(
        users.west, other, [appointments.AppointedRow(post="committee", full_name="Lê Văn Tư")]
    )
    person = other.members.get()
    client.force_login(users.province)  # sees both congresses
    response = client.post(url("appointed_remove", congress, person.pk))
    assert response.status_code == 404
    assert other.members.exists() and other_congress.pk


# --- the people ------------------------------------------------------------------------------


def test_one_person_by_member_code_then_one_by_name(client, users, appointed, congress, members):
    client.force_login(users.east)
    client.post(url("appointed_add", congress), {"person": "M001", "post": "secretary"})
    client.post(url("appointed_add", congress), {"person": "Võ Thị Hà", "post": "committee"})
    rows = list(appointed.members.order_by("position"))
    assert [(r.full_name, r.post, r.member_id) for r in rows] == [
        ("Nguyễn Văn An", "secretary", members.an.pk),
        ("Võ Thị Hà", "committee", None),
    ]


def test_an_unknown_or_invisible_code_names_the_field(client, users, appointed, congress, members):
    client.force_login(users.east)
    # M004 is a member of the western district: not in this user's registry.
    response = client.post(
        url("appointed_add", congress), {"person": "M004", "post": "committee"}, follow=True
    )
    assert flashed(response) == [
        "Mã đảng viên hoặc họ và tên: không tìm thấy đảng viên có mã “M004”."
    ]
    assert not AppointedCommitteeMember.objects.exists()


def test_a_pasted_list_is_added_whole(client, users, appointed, congress, members):
    client.force_login(users.east)
    text = "1\tM001\tBí thư\n2\tTrần Thị Bình\tPhó Bí thư\n\nLê Văn Tư; Uỷ viên BTV\nVõ Thị Hà\n"
    response = client.post(url("appointed_list", congress), {"text": text}, follow=True)
    assert "Đã thêm 4 người." in flashed(response)
    rows = [(r.full_name, r.post) for r in appointed.members.order_by("position")]
    assert rows == [
        ("Nguyễn Văn An", "secretary"),
        ("Trần Thị Bình", "deputy_secretary"),
        ("Lê Văn Tư", "standing"),
        ("Võ Thị Hà", "committee"),
    ]
    page = response.text
    assert page.index("Nguyễn Văn An") < page.index("Võ Thị Hà")


def test_a_pasted_list_with_bad_lines_adds_nobody_and_names_each_line(
    client, users, appointed, congress
):
    client.force_login(users.east)
    text = "Lê Văn Tư\tBí thư\nVõ Thị Hà\tthủ quỹ\nX9999\tỦy viên\n"
    response = client.post(url("appointed_list", congress), {"text": text}, follow=True)
    messages = flashed(response)
    assert "Dán danh sách: Dòng 2: chức vụ “thủ quỹ” không rõ." in messages
    assert "Dán danh sách: Dòng 3: không tìm thấy đảng viên có mã “X9999”." in messages
    assert not AppointedCommitteeMember.objects.exists()


def test_a_second_secretary_from_the_list_is_refused_whole(client, users, appointed, congress):
    client.force_login(users.east)
    client.post(url("appointed_add", congress), {"person": "Lê Văn Tư", "post": "secretary"})
    response = client.post(
        url("appointed_list", congress), {"text": "Võ Thị Hà\tBí thư\nĐỗ Văn Năm\n"}, follow=True
    )
    assert any("chỉ có một bí thư" in text for text in flashed(response))
    assert appointed.members.count() == 1


def test_removing_a_person_from_the_page(client, users, appointed, congress):
    client.force_login(users.east)
    client.post(url("appointed_add", congress), {"person": "Võ Thị Hà", "post": "committee"})
    person = appointed.members.get()
    client.post(url("appointed_remove", congress, person.pk))
    assert not appointed.members.exists()
    assert AuditEntry.objects.filter(action="congress.appointment.member_remove").exists()


# --- the list --------------------------------------------------------------------------------


def test_the_list_filters_appointed_and_elected_committees(
    client, users, appointed, congress, tree
):
    elected = create_congress(
        users.east, tree.east, name="Đại hội Đảng bộ huyện Đông", kind="delegates"
    )
    client.force_login(users.east)
    list_url = reverse("congresses:list")
    shown = client.get(list_url, {"committee": "appointed"}).context["page_obj"]
    assert [c.pk for c in shown] == [congress.pk]
    shown = client.get(list_url, {"committee": "elected"}).context["page_obj"]
    assert [c.pk for c in shown] == [elected.pk]
    page = client.get(list_url).text
    assert page.count("cấp ủy chỉ định</span>") == 1


def test_the_list_filters_by_term(client, users, congress, tree):
    old = create_congress(
        users.east, tree.east, name="ĐH huyện 2020", kind="delegates", term="2020-2025"
    )
    client.force_login(users.east)
    shown = client.get(reverse("congresses:list"), {"term": "2020-2025"}).context["page_obj"]
    assert [c.pk for c in shown] == [old.pk]


# --- terms -----------------------------------------------------------------------------------


def test_every_user_reads_the_terms_per_level(client, users, terms):
    client.force_login(users.east_viewer)
    response = client.get(reverse("congresses:terms"))
    assert response.status_code == 200
    page = response.text
    for level in ("Đảng bộ tỉnh", "Cấp trên cơ sở", "Cơ sở", "Chi bộ trực thuộc"):
        assert f"<h2>{level}</h2>" in page
    assert "01/09/2025" in page and "QĐ 190-QĐ/TW (2024)" in page
    assert response.context["form"] is None


def test_only_a_province_administrator_keeps_the_terms(client, users, terms, tree):
    data = {
        "level": "cell",
        "name": "2025-2027",
        "starts_on": "2025-03-01",
        "ends_on": "2027-09-30",
        "rules_version": "2024",
    }
    district_admin = make_user("huyen_qt", tree.east, Role.ADMINISTRATOR)
    for user in (users.east, district_admin):
        client.force_login(user)
        assert client.post(reverse("congresses:term_create"), data).status_code == 404
    assert not Term.objects.filter(name="2025-2027").exists()
    client.force_login(users.province)
    response = client.post(reverse("congresses:term_create"), data)
    assert response.status_code == 302
    assert Term.objects.get(level="cell", name="2025-2027").rules_version == "2024"
    assert AuditEntry.objects.filter(action="term.create").exists()


def test_term_form_errors_name_the_fields(client, users, terms):
    client.force_login(users.province)
    data = {
        "level": "province",
        "name": "2025-2030",
        "starts_on": "2024-09-01",
        "ends_on": "2030-08-31",
        "rules_version": "2024",
    }
    response = client.post(reverse("congresses:term_create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["starts_on"] == ["Ngày bắt đầu phải thuộc năm 2025 của nhiệm kỳ 2025-2030."]
    assert errors["name"] == ["Cấp Đảng bộ tỉnh đã có nhiệm kỳ 2025-2030."]
    assert "Ngày bắt đầu phải thuộc năm 2025" in response.text


def test_editing_a_term_keeps_its_name(client, users, terms):
    term = Term.objects.get(level="district", name="2025-2030")
    client.force_login(users.province)
    edit = reverse("congresses:term_edit", args=[term.pk])
    assert client.get(edit).status_code == 200
    data = {
        "level": "province",
        "name": "2026-2031",
        "starts_on": "2025-07-01",
        "ends_on": "2030-06-30",
        "rules_version": "2024",
        "note": "",
    }
    assert client.post(edit, data).status_code == 302
    term.refresh_from_db()
    assert (term.level, term.name, term.starts_on) == ("district", "2025-2030", D(2025, 7, 1))
    client.force_login(users.east)
    assert client.get(edit).status_code == 404


def test_the_congress_form_offers_the_registered_terms_and_refuses_a_wrong_level(
    client, users, terms, tree
):
    Term.objects.filter(level="grassroots", name="2020-2025").delete()
    client.force_login(users.east)
    form = client.get(reverse("congresses:create")).context["form"]
    assert [v for v, _ in form.fields["term"].choices] == ["2025-2030", "2020-2025"]
    data = {
        "organization": tree.east_commune.pk,
        "name": "ĐH",
        "kind": "members",
        "term": "2020-2025",
    }
    response = client.post(reverse("congresses:create"), data, follow=True)
    assert not Congress.objects.exists()
    assert any("chưa có trong danh mục nhiệm kỳ cấp Cơ sở" in t for t in flashed(response))
    data["term"] = "2025-2030"
    client.post(reverse("congresses:create"), data)
    assert Congress.objects.get().rules_version == "2024"  # "Theo nhiệm kỳ"


def test_the_list_query_count_does_not_grow_with_congresses(client, users, terms, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users.province)
    create_congress(users.province, tree.east, name="ĐH huyện Đông", kind="delegates")
    client.get(reverse("congresses:list"))  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("congresses:list"), {"committee": "elected"})
    for org in (tree.west, tree.east_commune, tree.west_commune, tree.province):
        congress = create_congress(users.province, org, name=f"ĐH {org.name}", kind="delegates")
        appointments.record_appointment(
            users.province,
            org,
            congress.term,
            decision_number="1-QĐ",
            decided_on=D(2025, 7, 1),
            issued_by="BTV",
        )
    with CaptureQueriesContext(connection) as five:
        page = client.get(reverse("congresses:list")).text
    assert page.count("cấp ủy chỉ định</span>") == 4
    assert len(five) == len(one), (len(one), len(five))
