"""The restructuring plan from Excel: the template, row-by-row errors, all or nothing."""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from daihoi.audit.models import AuditEntry
from daihoi.organizations.models import Organization, Restructuring
from daihoi.organizations.restructure.excel import COLUMNS, import_plan
from daihoi.organizations.restructure.plan_template import plan_template
from daihoi.people.models import Member

HEADERS = list(COLUMNS.values())


def workbook(*rows, headers=HEADERS, sheet="SapXep") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row(
    op,
    old,
    new="",
    name="",
    kind="",
    parent="",
    children="",
    number="88-QĐ/HU",
    date=dt.date(2025, 6, 28),
    effective="01/07/2025",
    issued="Ban Thường vụ Huyện ủy",
):
    return (op, old, new, name, kind, parent, children, number, date, effective, issued)


def test_the_template_has_the_sheet_its_headers_and_a_guide():
    book = load_workbook(io.BytesIO(plan_template()))
    assert book.sheetnames[:2] == ["SapXep", "HuongDan"]
    assert [c.value for c in book["SapXep"][1]] == HEADERS
    assert book["SapXep"].max_row == 1  # the examples live in the guide, never imported
    guide = [r[0] for r in book["HuongDan"].iter_rows(values_only=True)]
    assert "Tổ chức trực thuộc chuyển sang" in guide


def test_a_plan_merges_then_moves_the_new_unit(tree, communes):
    data = workbook(
        row("Hợp nhất", "X01", "X10", "Đảng bộ xã Đông Hưng"),
        row("hop nhat", "X03", "X10", "Đảng bộ xã Đông Hưng"),
        row("Hợp nhất", "X04", "X10", "Đảng bộ xã Đông Hưng"),
        row("Chuyển trực thuộc", "X10", parent="T01", number="89-QĐ/TU"),
    )
    result = import_plan(data, actor=None)
    assert result.errors == [] and result.written and len(result.applied) == 2
    new = Organization.objects.get(code="X10")
    assert new.parent == tree.province and new.founded_on == dt.date(2025, 7, 1)
    assert Member.objects.filter(organization__path__startswith=new.path).count() == 9
    assert Restructuring.objects.filter(issued_by="Ban Thường vụ Huyện ủy").count() == 2


def test_each_bad_cell_is_named_by_row_and_column_and_nothing_is_written(tree, communes):
    data = workbook(
        row("Hợp nhứt", "X01", "X10", "Mới"),
        row("Hợp nhất", "X03", "X10", ""),
        row("Sáp nhập", "X04", "X03", date=None),
        row("Đổi tên", "X01", name="Tên", kind="Hợp tác xã"),
        row("Giải thể", "X04", effective="31/02/2025"),
    )
    result = import_plan(data, actor=None)
    assert not result.written
    assert "Dòng 2, cột “Thao tác”: “Hợp nhứt” không phải một thao tác" in result.errors[0]
    assert "Dòng 3, cột “Tên tổ chức mới”: bắt buộc với thao tác Hợp nhất" in result.errors
    assert "Dòng 4, cột “Ngày quyết định”: bắt buộc" in result.errors
    assert any(e.startswith("Dòng 5, cột “Loại hình”") for e in result.errors)
    assert any(e.startswith("Dòng 6, cột “Ngày hiệu lực”") for e in result.errors)
    assert not Restructuring.objects.exists()


def test_a_failing_operation_undoes_the_ones_before_it(tree, communes):
    before = (Organization.objects.count(), AuditEntry.objects.count())
    data = workbook(
        row("Hợp nhất", "X01", "X10", "Đảng bộ xã Đông Hưng"),
        row("Hợp nhất", "X03", "X10", "Đảng bộ xã Đông Hưng"),
        row("Chuyển trực thuộc", "X04", parent="C021"),
        row("Sáp nhập", "X04", "X99"),
    )
    result = import_plan(data, actor=None)
    assert not result.written and len(result.applied) == 1
    assert result.errors[0].startswith("Dòng 4, cột “Mã tổ chức cấp trên”:")
    assert result.errors[
        1
    ] == "Dòng 5, cột “Mã tổ chức cũ”: không có tổ chức mã X99 trong phạm vi" or (
        result.errors[1].startswith("Dòng 5, cột “Mã tổ chức mới/tiếp nhận”")
    )
    assert (Organization.objects.count(), AuditEntry.objects.count()) == before
    assert Organization.objects.get(code="X01").active


def test_a_check_runs_everything_and_keeps_nothing(tree, communes):
    data = workbook(row("Đổi tên", "X03", name="Đảng bộ phường Đông Lâm", kind="Phường"))
    result = import_plan(data, actor=None, dry_run=True)
    assert result.errors == [] and not result.written and len(result.applied) == 1
    assert Organization.objects.get(code="X03").name == "Đảng bộ xã Đông Lâm"


def test_a_split_from_excel_sends_cells_where_the_rows_say(tree, communes):
    cells = communes.x03_cells
    data = workbook(
        row("Chia tách", "X03", "X31", "Đảng bộ xã Lâm Thượng", children=cells[0].code),
        row("Chia tách", "X03", "X32", "Đảng bộ xã Lâm Hạ", children=f" {cells[1].code} "),
    )
    result = import_plan(data, actor=None)
    assert result.written, result.errors
    assert Organization.objects.get(code="X32").children.get() == cells[1]


def test_a_district_user_cannot_reach_outside_its_district(tree, communes, users):
    data = workbook(row("Sáp nhập", "X02", "X01"))
    result = import_plan(data, actor=users.east)
    assert result.errors == ["Dòng 2, cột “Mã tổ chức cũ”: không có tổ chức mã X02 trong phạm vi"]


def test_the_pages_offer_the_template_and_apply_a_file(client, users, tree, communes):
    client.force_login(users.east)
    response = client.get(reverse("organizations:plan_template"))
    assert response["Content-Disposition"].endswith('phuong-an-sap-xep.xlsx"')
    upload = io.BytesIO(workbook(row("Sáp nhập", "X04", "X03")))
    upload.name = "phuong-an.xlsx"
    page = client.post(reverse("organizations:plan_import"), {"file": upload, "apply": ""})
    assert "Đã áp dụng 1 thao tác." in page.content.decode()
    assert not Organization.objects.get(code="X04").active
