"""What the clerk and the higher committee see: the congress, organisation and tracking
pages say 'Chờ chuẩn y' until the decision; only the higher committee decides."""

import datetime as dt

from django.urls import reverse

from daihoi.approvals import services
from daihoi.approvals.selectors import approval_of

ON = dt.date(2025, 7, 1)


def page(client, user, congress):
    client.force_login(user)
    return client.get(reverse("approvals:page", args=[congress.pk])).text


def post(client, user, congress, action, data):
    client.force_login(user)
    return client.post(reverse("approvals:action", args=[congress.pk, action]), data, follow=True)


def test_a_published_committee_shows_awaiting_approval_everywhere(
    client, published, clerk, users, tree
):
    c = published.congress
    client.force_login(users.east)
    for url in (
        reverse("congresses:detail", args=[c.pk]),
        reverse("organizations:detail", args=[tree.east_commune.pk]),
        reverse("reports:tracking", args=[c.pk]),
    ):
        assert "Chờ chuẩn y" in client.get(url).text, url


def test_the_journey_request_then_approve_by_the_higher_committee(
    client, full_file, clerk, higher, tree
):
    r = post(client, clerk, full_file, "request", {"requested_on": "2025-07-01"})
    assert "Đã gửi đề nghị chuẩn y." in r.text
    decision = {"number": "45-QĐ/HU", "decided_on": "2025-07-08", "issued_by": "Huyện ủy Đông"}
    # the commune's own clerk cannot approve its own committee
    assert post(client, clerk, full_file, "approve", decision).status_code == 404
    r = post(client, higher, full_file, "approve", decision)
    assert "Đã ghi quyết định chuẩn y." in r.text
    org_page = client.get(reverse("organizations:detail", args=[tree.east_commune.pk])).text
    assert "Đã chuẩn y" in org_page and "45-QĐ/HU" in org_page
    assert "Chờ chuẩn y" not in client.get(reverse("congresses:detail", args=[full_file.pk])).text


def test_a_request_with_a_missing_item_names_it(client, published, clerk):
    r = post(client, clerk, published.congress, "request", {"requested_on": "2025-07-01"})
    assert "Hồ sơ đại hội còn thiếu: Biên bản các phiên họp đại hội" in r.text
    assert approval_of(published.congress).state == "not_requested"


def test_the_complaint_window_and_the_linked_complaints_show(client, published, clerk, members):
    from daihoi.complaints.services import register_complaint

    c = published.congress
    c.ends_on = dt.date(2026, 2, 6)
    c.save(update_fields=["ends_on"])
    register_complaint(
        None,
        member=members.an,
        congress=c,
        received_on=dt.date(2026, 3, 9),
        kind="complaint",
        summary="Phát phiếu sai",
    )
    text = page(client, clerk, c)
    assert "đến hết ngày 06/03/2026" in text  # across Tết 2026
    assert "Phát phiếu sai" in text and "ngoài hạn" in text


def test_annulment_by_the_higher_committee_shows_on_the_page(client, published, higher, clerk):
    client.force_login(higher)
    url = reverse("approvals:election_action", args=[published.pk, "annul"])
    data = {
        "number": "50-QĐ/HU",
        "decided_on": "2025-07-10",
        "issued_by": "Huyện ủy",
        "reason": "Sai thủ tục",
    }
    client.post(url, data)
    text = page(client, clerk, published.congress)
    assert "Kết quả bị bãi bỏ theo quyết định 50-QĐ/HU" in text and "Tổ chức bầu cử lại" in text
    client.force_login(clerk)
    assert client.post(url, data).status_code == 404


def test_post_assignment_takes_only_elected_members(client, published, clerk):
    c = published.congress
    ok = {"full_name": "Lê Quốc Cường", "post": "Phụ trách tổ chức", "decided_on": "2025-07-02"}
    assert "Đã ghi phân công." in post(client, clerk, c, "assign", ok).text
    bad = dict(ok, full_name="Hoàng Văn Em")  # not elected
    assert "Hoàng Văn Em" not in [a.full_name for a in c.post_assignments.all()]
    r = post(client, clerk, c, "assign", bad)
    assert "Cấp ủy viên" in r.text and c.post_assignments.count() == 1
    services.record_leaver(clerk, c, full_name="Đinh Văn Cũ", reason="retired")
    assert "Nghỉ hưu, nghỉ công tác" in page(client, clerk, c)


def test_the_personnel_plans_candidates_are_marked_from_the_result(
    client, published, clerk, members, tree
):
    from daihoi.personnel import services as personnel
    from tests.conftest import make_member

    plan = personnel.create_plan(None, published.congress, committee_size=4)
    em = make_member(tree.east_cells[0], "M099", "Hoàng", "Văn", "Em")
    for m in (members.an, members.binh, em):
        personnel.add_candidate(None, plan, m)
    text = page(client, clerk, published.congress)
    section = text.split("Nhân sự trong đề án: kết quả")[1]
    rows = {
        name: row
        for row in section.split("<tr>")[1:]
        for name in ("Nguyễn Văn An", "Trần Thị Bình", "Hoàng Văn Em")
        if name in row
    }
    assert "Trúng cử" in rows["Nguyễn Văn An"] and "Không trúng cử" not in rows["Nguyễn Văn An"]
    assert "Không trúng cử" in rows["Hoàng Văn Em"]


def test_the_higher_committee_can_leave_out_one_elected_person(client, full_file, clerk, higher):
    services.request_approval(clerk, full_file, ON)
    decision = {
        "number": "45-QĐ/HU",
        "decided_on": "2025-07-08",
        "issued_by": "Huyện ủy Đông",
        "not_recognised": ["Lê Quốc Cường"],
        "reason": "Chưa đủ tiêu chuẩn",
    }
    r = post(client, higher, full_file, "approve", decision)
    assert "<s>Lê Quốc Cường</s>" in r.text and "không chuẩn y công nhận" in r.text
    assign_choices = r.text.split('name="full_name"')[1].split("</select>")[0]
    assert "Lê Quốc Cường" not in assign_choices and "Nguyễn Văn An" in assign_choices
