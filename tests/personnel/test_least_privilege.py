"""Least privilege: complaints, personnel dossiers, family ties and vetting open only to
the organisation board (administrator, staff) and those it names, in their subtree.
Every sensitive page and download against every role."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from daihoi.accounts.models import Role
from daihoi.accounts.permissions import set_personnel_access
from daihoi.audit.models import AuditEntry
from daihoi.complaints.services import register_complaint
from tests.conftest import make_user

REFUSAL = "chỉ dành cho Ban Tổ chức"


@pytest.fixture
def cast(users, tree, plan_setup):
    letter = register_complaint(
        users.east,
        member=plan_setup.people.old,
        kind="denunciation",
        anonymous=True,
        sender="",
        received_on=dt.date(2025, 3, 1),
        summary="Tố cáo về đất đai",
    )
    named = make_user("tieu-ban-nhan-su", tree.province, Role.VIEWER)
    set_personnel_access(users.province, named, True)
    return {
        "letter": letter,
        "plan": plan_setup.plan,
        "users": {
            "administrator": users.province,
            "staff": users.east,
            "named_by_board": named,
            "province_viewer": make_user("xem-tinh", tree.province, Role.VIEWER),
            "counting": make_user("kiem-phieu", tree.east, Role.COUNTING),
            "staff_elsewhere": users.west,
        },
    }


def pages(cast) -> list[tuple[str, str]]:
    plan, letter = cast["plan"].pk, cast["letter"].pk
    return [
        ("get", "/complaints/"),
        ("get", f"/complaints/{letter}/"),
        ("get", "/personnel/"),
        ("get", f"/personnel/{plan}/"),
        ("get", f"/personnel/{plan}/relations/"),
        ("get", f"/personnel/{plan}/what-if/"),
        ("get", f"/personnel/{plan}/nomination/"),
        ("get", f"/personnel/{plan}/download/dossiers.pdf"),
        ("get", f"/personnel/{plan}/download/report.pdf"),
        ("get", f"/personnel/{plan}/download/report.docx"),
        ("get", f"/personnel/{plan}/download/findings.xlsx"),
        ("post", f"/personnel/{plan}/checks/"),
    ]


EXPECTED = {
    "administrator": {200, 302},  # 302: a POST that redirects back to the plan
    "staff": {200, 302},
    "named_by_board": {200, 302},
    "province_viewer": {403},
    "counting": {403},
    "staff_elsewhere": {404},  # the board of another district sees its own subtree only
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_sensitive_page_and_download_against_each_role(cast, role):
    client = Client()
    client.force_login(cast["users"][role])
    for method, url in pages(cast):
        if role == "staff_elsewhere" and url in ("/complaints/", "/personnel/"):
            response = getattr(client, method)(url)
            assert response.status_code == 200 and "Lê Văn Cao" not in response.text, url
            continue
        if role == "named_by_board" and method == "post":
            continue  # a viewer named to read may not run the checks (an edit)
        response = getattr(client, method)(url)
        assert response.status_code in EXPECTED[role], (role, url, response.status_code)
        if response.status_code == 403:
            assert REFUSAL in response.content.decode(), url


def test_the_named_viewer_reads_but_does_not_change(cast):
    client = Client()
    client.force_login(cast["users"]["named_by_board"])
    assert "Lê Văn Cao" in client.get("/complaints/").text
    response = client.post(f"/personnel/{cast['plan'].pk}/checks/")
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(cast):
    for method, url in pages(cast):
        response = getattr(Client(), method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_menu_hides_what_a_role_may_not_open(cast):
    viewer, staff = Client(), Client()
    viewer.force_login(cast["users"]["province_viewer"])
    staff.force_login(cast["users"]["staff"])
    assert "Đơn thư" not in viewer.get("/").text and "Đơn thư" in staff.get("/").text


def test_only_the_board_names_and_it_is_audited(cast, users, tree):
    viewer = cast["users"]["province_viewer"]
    with pytest.raises(PermissionDenied):
        set_personnel_access(cast["users"]["named_by_board"], viewer, True)
    with pytest.raises(PermissionDenied):  # outside the namer's subtree
        set_personnel_access(users.east, viewer, True)
    entry = AuditEntry.objects.get(action="user.personnel_access")
    assert entry.after == {"personnel_access": True} and "tieu-ban-nhan-su" in entry.summary


def test_a_revoked_name_closes_the_pages_again(cast, users):
    named = cast["users"]["named_by_board"]
    set_personnel_access(users.province, named, False)
    client = Client()
    client.force_login(named)
    assert client.get("/complaints/").status_code == 403
