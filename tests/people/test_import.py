import datetime as dt
import io
import itertools

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from daihoi.audit.models import AuditEntry
from daihoi.organizations.models import Organization, path_segment
from daihoi.people.excel_template import MEMBER_COLUMNS, ORGANIZATION_COLUMNS
from daihoi.people.importing import import_workbook
from daihoi.people.models import Member


def organization_row(code, parent, level="Chi bộ trực thuộc", kind="Thôn, bản, ấp", **changes):
    row = {
        "code": code,
        "name": f"Chi bộ {code}",
        "level": level,
        "kind": kind,
        "parent_code": parent,
        "active": "Có",
        "founded_on": "02/09/1990",
    }
    row.update(changes)
    return row


SERIALS = itertools.count(1)


def member_row(code, organization="C011", **changes):
    row = {
        "code": code,
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": "Hải",
        "gender": "Nam",
        "birth_date": "05/09/1980",
        "ethnicity": "Kinh",
        "religion": "Không",
        "hometown": "Xã Đông Hòa",
        "citizen_id": "001080000123",
        "admitted_on": "03/02/2005",
        "full_member_on": "03/02/2006",
        "status": "Chính thức",
        "general_education": "12/12",
        "education": "Đại học",
        "political_theory": "Trung cấp",
        "organization_code": organization,
    }
    row.update(changes)
    if "citizen_id" not in changes:  # unique per member, as the registry requires; its
        # digits 4–6 follow gender and birth year, so a row changing either leaves it blank
        default = "gender" not in changes and "birth_date" not in changes
        row["citizen_id"] = f"001080{next(SERIALS):06d}" if default else None
    return row


def workbook(organizations=(), members=(), epoch=CALENDAR_WINDOWS_1900) -> io.BytesIO:
    """A workbook in the template's layout, rows given as dicts by field name."""
    wb = openpyxl.Workbook()
    wb.epoch = epoch
    wb.remove(wb.active)
    for title, columns, rows in (
        ("ToChuc", ORGANIZATION_COLUMNS, organizations),
        ("DangVien", MEMBER_COLUMNS, members),
    ):
        ws = wb.create_sheet(title)
        ws.append([c.header for c in columns])
        for row in rows:
            ws.append([row.get(c.field) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def run(source, user, **options):
    return import_workbook(source, actor=user, **options)


def test_it_imports_members_and_records_one_audit_entry(tree, users):
    result = run(workbook(members=[member_row("M101"), member_row("M102", "C012")]), users.province)
    assert result.written and result.errors == []
    assert (result.members_created, result.members_updated) == (2, 0)
    hai = Member.objects.get(code="M101")
    assert hai.full_name == "Nguyễn Văn Hải" and hai.organization == tree.east_cells[0]
    assert hai.search_name == "nguyen van hai"
    entry = AuditEntry.objects.get(action="import.members")
    assert entry.actor_name == "tinh"
    assert entry.after["members_created"] == 2 and len(entry.after["sha256"]) == 64


def test_it_writes_nothing_when_one_row_is_wrong(tree, users, members):
    before = (Organization.objects.count(), Member.objects.count(), AuditEntry.objects.count())
    source = workbook(
        organizations=[organization_row("C013", "X01")],
        members=[
            member_row("M101"),
            member_row("M102", birth_date="31/02/1980"),
            member_row("M001", given_name="Ân"),
        ],
    )
    result = run(source, users.province)
    assert not result.written and result.rejected_xlsx is None
    assert [(e.row, e.code) for e in result.errors] == [(3, "invalid_date")]
    after = (Organization.objects.count(), Member.objects.count(), AuditEntry.objects.count())
    assert after == before
    assert Member.objects.get(code="M001").given_name == "An"


def test_it_names_the_sheet_row_column_and_rule_of_every_error(tree, users):
    source = workbook(
        members=[
            member_row("M101"),
            member_row("M102", admitted_on="01/01/1997"),
            member_row("M103", gender="Khác", citizen_id="123"),
        ]
    )
    errors = run(source, users.province).errors
    assert [(e.sheet, e.row, e.column, e.field, e.code) for e in errors] == [
        ("DangVien", 3, "K (Ngày vào Đảng)", "admitted_on", "admission_under_18"),
        ("DangVien", 4, "E (Giới tính)", "gender", "invalid_choice"),
        ("DangVien", 4, "J (Số CCCD)", "citizen_id", "citizen_id_format"),
    ]
    assert str(errors[0]) == (
        "DangVien!K3 (Ngày vào Đảng): Ngày vào Đảng phải sau ngày sinh ít nhất 18 năm "
        "(Điều lệ Đảng, Điều 1: đảng viên từ đủ 18 tuổi)"
    )


def test_it_writes_only_the_good_rows_when_asked_and_returns_the_bad_ones(tree, users):
    source = workbook(
        members=[
            member_row("M101"),
            member_row("M102", birth_date="31/02/1980"),
            member_row("M103"),
            member_row("M104", organization="C999"),
        ]
    )
    result = run(source, users.province, only_valid=True)
    assert result.written and result.members_created == 2
    assert set(Member.objects.values_list("code", flat=True)) == {"M101", "M103"}
    rejected = openpyxl.load_workbook(io.BytesIO(result.rejected_xlsx))
    assert rejected.sheetnames == ["DangVien"]
    rows = list(rejected["DangVien"].values)
    assert rows[0][-1] == "Lỗi" and [r[0] for r in rows[1:]] == ["M102", "M104"]
    assert rows[1][-1].startswith("Dòng 3, cột F (Ngày sinh): Ngày sinh “31/02/1980”")
    assert "C999" in rows[2][-1]
    sheet = rejected["DangVien"]
    assert sheet["F2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet["A2"].fill.fgColor.rgb != sheet["F2"].fill.fgColor.rgb


def test_it_can_import_the_corrected_rejected_file(tree, users):
    source = workbook(members=[member_row("M101"), member_row("M102", given_name="H4i")])
    rejected = run(source, users.province, only_valid=True).rejected_xlsx
    wb = openpyxl.load_workbook(io.BytesIO(rejected))
    wb["DangVien"]["D2"] = "Hải"
    fixed = io.BytesIO()
    wb.save(fixed)
    fixed.seek(0)
    result = run(fixed, users.province)
    assert result.written and result.members_created == 1


def test_it_updates_instead_of_duplicating_when_imported_twice(tree, users):
    rows = [member_row("M101"), member_row("M102", "C012")]
    first = run(workbook(members=rows), users.province)
    second = run(workbook(members=rows), users.province)
    assert (first.members_created, first.members_updated) == (2, 0)
    assert (second.members_created, second.members_updated) == (0, 2)
    assert Member.objects.count() == 2
    rows[0]["political_theory"] = "Cao cấp"
    third = run(workbook(members=rows), users.province)
    assert third.members_updated == 2
    assert Member.objects.get(code="M101").political_theory == "advanced"
    assert AuditEntry.objects.filter(action="import.members").count() == 3


def test_it_refuses_a_code_given_twice_in_the_file(tree, users):
    source = workbook(members=[member_row("M101"), member_row("M102"), member_row("M101")])
    errors = run(source, users.province).errors
    assert [(e.row, e.code) for e in errors] == [(2, "duplicate_code"), (4, "duplicate_code")]
    assert "2, 4" in errors[0].message


def test_it_creates_new_organisations_parents_first_with_their_paths(tree, users):
    source = workbook(
        organizations=[
            organization_row("C031", "X03"),  # the cell comes before its parent in the file
            organization_row("X03", "H01", level="Cơ sở", kind="Xã", name="Đảng bộ xã Mới"),
        ],
        members=[member_row("M101", "C031")],
    )
    result = run(source, users.province)
    assert result.written and result.organizations_created == 2
    commune = Organization.objects.get(code="X03")
    cell = Organization.objects.get(code="C031")
    assert commune.parent == tree.east and cell.parent == commune
    assert commune.path == tree.east.path + path_segment(commune.pk)
    assert cell.path == commune.path + path_segment(cell.pk)
    assert (commune.depth, cell.depth) == (2, 3)
    assert cell.is_descendant_of(tree.province)


def test_it_updates_an_organisation_but_refuses_to_move_it(tree, users):
    renamed = organization_row("C011", "X01", name="Chi bộ thôn Một")
    assert run(workbook(organizations=[renamed]), users.province).organizations_updated == 1
    assert Organization.objects.get(code="C011").name == "Chi bộ thôn Một"
    moved = organization_row("C011", "X02")
    [error] = run(workbook(organizations=[moved]), users.province).errors
    assert (error.field, error.code) == ("parent_code", "organization_moved")


def test_it_leaves_alone_the_optional_columns_a_file_does_not_have(tree, users):
    Organization.objects.filter(code="C011").update(founded_on=dt.date(1975, 9, 2), active=False)
    wb = openpyxl.Workbook()
    wb.active.title = "ToChuc"
    wb.active.append(["Mã tổ chức", "Tên tổ chức", "Cấp", "Loại hình", "Mã tổ chức cấp trên"])
    wb.active.append(["C011", "Chi bộ thôn Một", "Chi bộ trực thuộc", "Thôn, bản, ấp", "X01"])
    source = io.BytesIO()
    wb.save(source)
    source.seek(0)
    assert run(source, users.province).organizations_updated == 1
    cell = Organization.objects.get(code="C011")
    assert (cell.name, cell.founded_on, cell.active) == (
        "Chi bộ thôn Một",
        dt.date(1975, 9, 2),
        False,
    )


@pytest.mark.parametrize(
    "row, code",
    [
        (organization_row("C031", "H01"), "parent_level"),
        (organization_row("C031", "X99"), "reference_missing"),
        (organization_row("X03", "C011", level="Cơ sở", kind="Xã"), "parent_level"),
    ],
)
def test_it_refuses_a_parent_that_is_missing_or_of_the_wrong_level(tree, users, row, code):
    [error] = run(workbook(organizations=[row]), users.province).errors
    assert (error.sheet, error.row, error.field, error.code) == ("ToChuc", 2, "parent_code", code)


def test_it_refuses_members_of_a_rejected_organisation_row(tree, users):
    source = workbook(
        organizations=[organization_row("C031", "X99")],
        members=[member_row("M101", "C031"), member_row("M102")],
    )
    result = run(source, users.province, only_valid=True)
    assert [(e.sheet, e.code) for e in result.errors] == [
        ("ToChuc", "reference_missing"),
        ("DangVien", "reference_rejected"),
    ]
    assert list(Member.objects.values_list("code", flat=True)) == ["M102"]


def test_it_refuses_members_attached_above_a_chi_bo(tree, users):
    [error] = run(workbook(members=[member_row("M101", "H01")]), users.province).errors
    assert error.code == "organization_level"


def test_it_refuses_to_transfer_a_member_through_the_import(members, users):
    [error] = run(workbook(members=[member_row("M001", "C012")]), users.province).errors
    assert (error.field, error.code) == ("organization_code", "member_transfer")


def test_it_reads_labels_in_any_case_and_without_marks(tree, users):
    row = member_row(
        "M101",
        gender="nu",
        ethnicity="Ê Đê",
        status="CHINH THUC",
        education="dai hoc",
        political_theory="so cap",
    )
    assert run(workbook(members=[row]), users.province).written
    member = Member.objects.get(code="M101")
    assert (member.gender, member.ethnicity, member.status) == ("female", "12", "full")
    assert (member.education, member.political_theory) == ("university", "elementary")


def test_it_reads_columns_in_any_order_under_headers_without_marks(tree, users):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DangVien"
    headers = ["ma to chuc", "HỌ", "Ten", "Mã đảng viên", "gioi tinh", "ngay sinh", "Dân tộc"]
    headers += ["Ngày vào Đảng", "ngay chinh thuc", "tinh trang", "gdpt", "chuyen mon"]
    headers += ["ly luan chinh tri", "Ghi chú riêng"]
    ws.append(headers)
    ws.append(["C011", "Lò", "Pó", "M101", "Nam", 1970, "Thái", "01/01/1995", "01/01/1996"])
    ws.cell(2, 10, "Chính thức")
    for column, value in ((11, "9/10"), (12, "Cao đẳng"), (13, "Sơ cấp"), (14, "x")):
        ws.cell(2, column, value)
    source = io.BytesIO()
    wb.save(source)
    source.seek(0)
    result = run(source, users.province)
    assert result.errors == [] and result.members_created == 1
    member = Member.objects.get(code="M101")
    assert (member.full_name, member.ethnicity, member.birth_year_only) == ("Lò Pó", "03", True)


def test_it_refuses_a_file_missing_a_required_column(tree, users):
    wb = openpyxl.Workbook()
    wb.active.title = "DangVien"
    wb.active.append(["Mã đảng viên", "Họ", "Tên"])
    wb.active.append(["M101", "Lò", "Pó"])
    source = io.BytesIO()
    wb.save(source)
    source.seek(0)
    errors = run(source, users.province, only_valid=True).errors
    assert {(e.sheet, e.row, e.code) for e in errors} == {("DangVien", 1, "missing_column")}
    assert "Thiếu cột “Ngày sinh”" in {e.message for e in errors}
    assert Member.objects.count() == 0


def test_it_refuses_a_file_that_is_not_a_workbook(tree, users):
    [error] = run(io.BytesIO(b"Ma,Ho,Ten\n"), users.province).errors
    assert error.code == "not_xlsx"


def test_it_reads_a_file_path_and_reports_progress_by_phase(tree, users, tmp_path):
    path = tmp_path / "dang-vien.xlsx"
    members = [member_row(f"M{n:04d}", "C011" if n % 2 else "C021") for n in range(2500)]
    path.write_bytes(workbook(members=members).getvalue())
    calls = []
    result = run(str(path), users.province, progress=lambda *call: calls.append(call))
    assert result.members_created == 2500
    assert [p for p in dict.fromkeys(phase for phase, _done, _total in calls)] == [
        "read",
        "validate",
        "write",
    ]
    validate = [done for phase, done, total in calls if phase == "validate"]
    assert validate[0] == 0 and validate[-1] == 2500
    assert all(b - a <= 1000 for a, b in zip(validate, validate[1:], strict=False))
    assert all(done <= total for _phase, done, total in calls)


def test_it_reads_typed_cells_as_excel_saves_them(tree, users):
    born = dt.datetime(1980, 9, 5)
    organization = organization_row("C013", "X01", active=False, founded_on=dt.datetime(1990, 9, 2))
    member = member_row(123456, "C013", birth_date=born, citizen_id=1080000123, ethnicity=8)
    member.update(admitted_on=dt.datetime(2005, 2, 3), full_member_on=dt.datetime(2006, 2, 3))
    for epoch in (CALENDAR_WINDOWS_1900, CALENDAR_MAC_1904):
        source = workbook(organizations=[organization], members=[member], epoch=epoch)
        result = run(source, users.province)
        assert result.errors == [], epoch
    hai = Member.objects.get(code="123456")
    assert (hai.birth_date, hai.admitted_on) == (born.date(), dt.date(2005, 2, 3))
    assert (hai.citizen_id, hai.ethnicity) == ("001080000123", "08")
    cell = Organization.objects.get(code="C013")
    assert (cell.active, cell.founded_on) == (False, dt.date(1990, 9, 2))
