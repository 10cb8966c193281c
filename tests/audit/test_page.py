"""The in-app audit page (issue 19): Vietnamese labels, filters, export, chain status,
and who may open it (administrators and the organisation board, for their subtree)."""

import io
import json

import pytest
from django.db import transaction
from openpyxl import load_workbook

from daihoi.accounts.models import Role
from daihoi.audit.models import AuditEntry, ChainCheck
from daihoi.audit.services import record
from daihoi.audit.verify import verify_chain
from daihoi.people.services import update_member
from tests.conftest import make_user


@pytest.fixture
def history(members, users):
    users.province.last_name, users.province.first_name = "Nguyễn Thị", "Hạnh"
    users.province.save()
    update_member(users.province, members.an, given_name="Anh")  # east
    update_member(users.west, members.dung, given_name="Dũng Mới")  # west
    return members


def page(client, who, **params):
    client.force_login(who)
    response = client.get("/audit/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_administrator_sees_human_labels_names_and_the_head(client, users, history):
    html = page(client, users.province)
    assert "Nhật ký kiểm toán" in html
    assert "Sửa thông tin đảng viên" in html and "member.update" in html  # label, code as title
    assert "Nguyễn Thị Hạnh" in html
    assert AuditEntry.objects.latest("seq").hash in html


def test_the_board_of_a_district_sees_only_its_subtree(client, users, history):
    html = page(client, users.east, action="member.update")
    assert "Anh" in html and "Dũng Mới" not in html


@pytest.mark.parametrize("role", [Role.VIEWER, Role.COUNTING])
def test_others_cannot_open_it(client, tree, role):
    client.force_login(make_user("khach", tree.east, role))
    assert client.get("/audit/").status_code == 404
    assert client.get("/audit/export.xlsx").status_code == 404
    assert client.post("/audit/verify/").status_code == 404


def test_it_filters_by_user_action_object_and_date(client, users, history):
    by_user = page(client, users.province, user="tay")
    assert "Dũng Mới" in by_user and "Anh" not in by_user.split("<tbody>")[1]
    member_id = str(history.an.pk)
    by_object = page(client, users.province, object_type="people.member", object_id=member_id)
    assert "Anh" in by_object and "Dũng Mới" not in by_object
    future = page(client, users.province, date_from="01/01/2099")
    assert "Không có mục nào khớp bộ lọc." in future
    wrong = page(client, users.province, date_from="02/01/2025", date_to="01/01/2025")
    assert "phải sau" in wrong and "Không có mục nào khớp bộ lọc." in wrong


def test_the_export_writes_text_never_formulas(client, users, tree):
    with transaction.atomic():
        record(users.province, "organization.update", tree.east, summary='=HYPERLINK("x")')
    client.force_login(users.province)
    response = client.get("/audit/export.xlsx", {"action": "organization.update"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:4] == [
        "Số thứ tự",
        "Thời điểm",
        "Người thực hiện",
        "Thao tác",
    ]
    cell = sheet.cell(row=2, column=8)
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"
    assert sheet.cell(row=2, column=4).value == "Sửa tổ chức đảng"
    assert sheet.max_row == 2


def test_an_administrator_verifies_the_chain_from_the_page(client, users, history):
    client.force_login(users.province)
    response = client.post("/audit/verify/", follow=True)
    assert "Chuỗi nhật ký toàn vẹn" in response.content.decode()
    assert ChainCheck.objects.get().ok
    AuditEntry.objects.filter(seq=2).update(actor_name="gia_mao")
    response = client.post("/audit/verify/", follow=True)
    html = response.content.decode()
    assert "HỎNG" in html and "mục #2" in html
    assert not ChainCheck.objects.first().ok


def test_the_board_cannot_run_the_check_or_export_the_anchor(client, users, history):
    client.force_login(users.east)
    assert client.post("/audit/verify/").status_code == 404
    assert client.get("/audit/anchor.json").status_code == 404


def test_the_anchor_downloads_signed(client, users, history):
    client.force_login(users.province)
    anchor = json.loads(client.get("/audit/anchor.json").content)
    assert anchor["seq"] == AuditEntry.objects.count() and anchor["mac"]
    assert verify_chain(anchors=[anchor]).ok


def test_the_english_interface_translates_the_page(client, users, history):
    client.force_login(users.province)
    client.cookies["django_language"] = "en"
    html = client.get("/audit/").content.decode()
    assert "Audit log" in html and "Member edited" in html and "Head hash" in html
