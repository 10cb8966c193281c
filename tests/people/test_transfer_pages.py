"""The transfer form and the member's timeline, through the test client."""

import datetime as dt

from django.urls import reverse

from daihoi.organizations import restructure
from daihoi.organizations.restructure import Decision
from daihoi.people.models import Member, Post
from daihoi.people.timeline import timeline


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_an_official_transfer_through_the_form(client, users, tree, members):
    client.force_login(users.province)
    url = reverse("people:member_transfer", args=[members.an.pk])
    assert "Nơi đến" in text(client.get(url))
    response = client.post(
        url,
        {
            "kind": "official",
            "destination": tree.west_cells[1].pk,
            "on": "2025-09-01",
            "letter_number": "15-GGT/ĐU",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=members.an.pk).organization == tree.west_cells[1]
    page = text(client.get(response.url))
    assert "Giấy giới thiệu số 15-GGT/ĐU" in page and "01/09/2025" in page


def test_a_form_error_names_its_field(client, users, tree, members):
    client.force_login(users.province)
    url = reverse("people:member_transfer", args=[members.an.pk])
    page = text(
        client.post(
            url,
            {
                "kind": "official",
                "destination": tree.west_cells[1].pk,
                "on": "1990-01-01",
                "letter_number": "15",
            },
        )
    )
    assert "Ngày chuyển trước lần chuyển gần nhất" in page and "has-error" in page


def test_a_temporary_attachment_and_its_end(client, users, tree, members):
    client.force_login(users.province)
    client.post(
        reverse("people:member_transfer", args=[members.binh.pk]),
        {
            "kind": "temporary",
            "destination": tree.west_cells[0].pk,
            "on": "2025-09-01",
            "until": "2026-01-31",
            "letter_number": "7-GGT",
        },
    )
    page = text(client.get(reverse("people:member_timeline", args=[members.binh.pk])))
    assert "Đang sinh hoạt tạm thời tại Chi bộ thôn 1 từ ngày 01/09/2025" in page
    client.post(
        reverse("people:member_attachment_end", args=[members.binh.pk]), {"on": "2025-10-15"}
    )
    binh = Member.objects.get(pk=members.binh.pk)
    assert binh.status == "full"
    assert "Đang sinh hoạt tạm thời" not in text(
        client.get(reverse("people:member_timeline", args=[members.binh.pk]))
    )


def test_viewers_and_strangers_cannot_transfer(client, users, members):
    client.force_login(users.east_viewer)
    assert client.get(reverse("people:member_transfer", args=[members.an.pk])).status_code == 403
    client.force_login(users.west)
    assert client.get(reverse("people:member_transfer", args=[members.an.pk])).status_code == 404
    assert client.get(reverse("people:member_timeline", args=[members.an.pk])).status_code == 404


def test_the_timeline_lists_organisations_posts_and_the_decisions_between(tree, members):
    Post.objects.create(
        member=members.an,
        title="Bí thư Chi bộ",
        organization=tree.east_cells[0],
        started_on=dt.date(2020, 8, 1),
        key_post=False,
    )
    restructure.rename(
        None,
        tree.east_commune,
        name="Đảng bộ xã Đông Hòa Mới",
        decision=Decision("12-QĐ/HU", dt.date(2025, 6, 1)),
    )
    restructure.merge_into_new(
        None,
        [tree.east_commune, tree.west_commune],
        code="XM",
        name="Đảng bộ xã Liên Hòa",
        parent=tree.province,
        decision=Decision("30-QĐ/TU", dt.date(2025, 7, 1)),
    )
    events = [(e.start, e.kind, e.what, e.organization_name) for e in timeline(members.an)]
    assert events[0] == (dt.date(2000, 1, 1), "party", "Vào Đảng", "")
    assert (dt.date(2000, 1, 1), "official", "Sinh hoạt chính thức", "Chi bộ thôn 1") in events
    assert (dt.date(2020, 8, 1), "post", "Bí thư Chi bộ", "Chi bộ thôn 1") in events
    change = [e for e in events if e[1] == "change"]
    assert change == [
        (dt.date(2025, 7, 1), "change", "Hợp nhất", "Chi bộ thôn 1, trực thuộc Đảng bộ xã Liên Hòa")
    ]
