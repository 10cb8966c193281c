"""Complaints: registering, resolving, scope, and what the personnel checks see."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from daihoi.audit.models import AuditEntry
from daihoi.complaints.models import Complaint
from daihoi.complaints.services import register_complaint, update_complaint

D = dt.date


def test_an_anonymous_letter_keeps_no_sender(members, users):
    letter = register_complaint(
        users.east,
        member=members.an,
        kind="denunciation",
        anonymous=True,
        sender="X",
        received_on=D(2025, 3, 1),
        summary="…",
    )
    assert letter.sender == ""
    assert AuditEntry.objects.filter(action="complaints.register").count() == 1


def test_resolving_needs_a_conclusion_and_its_date(members, users):
    letter = register_complaint(
        users.east,
        member=members.an,
        kind="complaint",
        received_on=D(2025, 3, 1),
        summary="Nội dung",
    )
    with pytest.raises(ValidationError):
        update_complaint(users.east, letter, status="resolved")
    update_complaint(
        users.east,
        letter,
        status="resolved",
        finding="false",
        conclusion="Không đúng",
        resolved_on=D(2025, 4, 1),
    )
    letter.refresh_from_db()
    assert letter.resolved and not letter.substantiated


def test_the_register_is_scoped_to_the_users_subtree(client, members, users):
    register_complaint(
        users.west,
        member=members.dung,
        kind="complaint",
        received_on=D(2025, 3, 1),
        summary="Đơn ở huyện Tây",
    )
    client.force_login(users.east)
    assert "Đơn ở huyện Tây" not in client.get("/complaints/").content.decode()
    letter = Complaint.objects.get()
    assert client.get(f"/complaints/{letter.pk}/").status_code == 404


def test_a_letter_is_registered_from_the_page(client, members, users):
    client.force_login(users.east)
    response = client.post(
        "/complaints/",
        {
            "member_code": "M001",
            "kind": "denunciation",
            "received_on": "2025-03-01",
            "summary": "Tố cáo",
            "sender": "Ông A",
        },
    )
    assert response.status_code == 302
    assert "Nguyễn Văn An" in client.get("/complaints/").content.decode()
    response = client.post(
        "/complaints/",
        {"member_code": "M004", "kind": "complaint", "received_on": "2025-03-01", "summary": "x"},
    )
    assert Complaint.objects.count() == 1  # M004 is outside the user's subtree


def test_the_register_searches_the_member_without_marks_and_pages(client, members, users):
    for i, member in enumerate([members.an, members.binh, members.binh]):
        register_complaint(
            users.province,
            member=member,
            kind="complaint",
            received_on=D(2025, 3, 1 + i),
            summary=f"Đơn {i}",
        )
    client.force_login(users.province)
    found = client.get("/complaints/", {"q": "tran thi binh", "status": "all"})
    assert [x.summary for x in found.context["page_obj"]] == ["Đơn 2", "Đơn 1"]
    assert client.get("/complaints/", {"q": "M001"}).context["page_obj"].paginator.count == 1
    paged = client.get("/complaints/", {"size": "25", "page": "9"})
    assert paged.status_code == 200 and paged.context["page_obj"].paginator.count == 3
