"""Excel in and out: the template, the all-or-nothing import with row and column in every error,
and the summary workbook with its charts."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from daihoi.grading import excel_import, grade_import, report_xlsx, services
from daihoi.grading.models import Evaluation, UnitReview
from tests.conftest import make_member

from .conftest import C, G, sheet

D = dt.date
ON = D(2024, 12, 14)


def workbook(rows, header=None, title="XepLoai") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header or [label for _, label in excel_import.COLUMNS])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rows_for(cell, grades):
    return [
        [m.code, m.full_name, cell.org.code, "", g, None, "", ""]
        for m, g in zip(cell.members, grades, strict=False)
    ]


def test_the_template_lists_the_scope_with_a_guide(cycle, cell, tree):
    wb = load_workbook(io.BytesIO(excel_import.template(cycle, tree.east_commune)))
    assert wb.sheetnames == ["XepLoai", "HuongDan"]
    data = list(wb["XepLoai"].iter_rows(values_only=True))
    assert data[0][:5] == ("Mã đảng viên", "Họ và tên", "Mã tổ chức", "Tự xếp loại", "Mức xếp loại")
    assert {r[0] for r in data[1:]} == {m.code for m in [*cell.members, cell.new]}
    guide = " ".join(str(c) for row in wb["HuongDan"].iter_rows(values_only=True) for c in row if c)
    assert "QĐ 124-QĐ/TW 2023" in guide and "KXL" in guide


def test_a_clean_file_writes_every_row_and_moves_the_unit_on(cycle, unit, cell, users, tree):
    data = workbook([*rows_for(cell, ["HTT", "htt", "3", "Hoàn thành tốt nhiệm vụ", "HTT"]),
                     [cell.new.code, "", "", "", "KXL", None, "Mới kết nạp", ""]])  # fmt: skip
    result = grade_import.import_grades(users.east, cycle, tree.east, data, ON)
    assert result.ok, result.errors
    assert (result.rows, result.written, result.units) == (6, 6, 1)
    grades = dict(
        Evaluation.objects.filter(unit=unit).values_list("member__code", "proposed_grade")
    )
    assert grades == {
        "G01": "good",
        "G02": "good",
        "G03": "completed",
        "G04": "good",
        "G05": "good",
        "G06": "",
    }
    assert Evaluation.objects.get(member=cell.new).not_graded
    unit.refresh_from_db()
    assert unit.status == "proposed" and unit.proposed_on == ON


def test_every_bad_row_is_named_and_nothing_is_written(cycle, cell, users, tree):
    rows = rows_for(cell, ["HTT", "giỏi", "HT", "HTT", "HTT"])
    rows[2][1] = "Phạm Văn Bính"  # not his name
    rows[3][5] = 120  # score out of range
    rows[4][7] = "có"  # disciplined in the year, yet graded good
    rows += [
        ["X999", "", "", "", "HTT", None, "", ""],
        [cell.members[0].code, "", "", "", "HT", None, "", ""],
    ]
    result = grade_import.import_grades(users.east, cycle, tree.east, workbook(rows), ON)
    assert not result.ok
    text = "\n".join(result.errors)
    assert "Dòng 3, cột E (Mức xếp loại): “giỏi” không phải mức xếp loại" in text
    assert "Dòng 4, cột B (Họ và tên): “Phạm Văn Bính” không khớp với Phạm Văn Bình" in text
    assert "Dòng 5, cột F (Điểm): “120” không phải số nguyên từ 0 đến 100" in text
    assert "Dòng 7, cột A (Mã đảng viên): không có đảng viên mã X999" in text
    assert "Dòng 8, cột A (Mã đảng viên): mã G01 đã có ở dòng 2" in text
    assert not Evaluation.objects.exists()


def test_the_rules_of_the_year_are_applied_to_each_row(cycle, cell, users, tree):
    rows = rows_for(cell, ["HTT", "HTT", "HTT", "HTT", "HTT"])
    rows[4][7] = "Có"
    rows.append([cell.new.code, "", "", "", "HTT", None, "", ""])
    result = grade_import.import_grades(users.east, cycle, tree.east, workbook(rows), ON)
    text = "\n".join(result.errors)
    assert "Dòng 6, cột E (Mức xếp loại): Vũ Thị Mai: Bị thi hành kỷ luật trong năm" in text
    assert "Dòng 7, cột E (Mức xếp loại): Hoàng Văn Nam: Không xếp loại" in text
    assert "QĐ 124-QĐ/TW 2023" in text
    assert not Evaluation.objects.exists()


def test_the_quota_is_checked_per_grassroots_with_the_rows_named(cycle, cell, users, tree):
    rows = rows_for(cell, ["HTXS", "HTT", "HTT", "HTT", "HTT"])
    result = grade_import.import_grades(users.east, cycle, tree.east, workbook(rows), ON)
    assert len(result.errors) == 1
    assert result.errors[0].startswith(
        "Dòng 2, cột E (Mức xếp loại): Đảng bộ xã Đông Hòa: 1 đảng viên"
    )
    assert "tối đa 0" in result.errors[0] and "Các dòng HTXS: 2" in result.errors[0]


def test_the_file_itself_is_checked(cycle, users, tree):
    bad = grade_import.import_grades(users.east, cycle, tree.east, b"not a workbook", ON)
    assert bad.errors == ["Tệp không phải bảng tính Excel (.xlsx) đọc được."]
    no_sheet = grade_import.import_grades(
        users.east, cycle, tree.east, workbook([], title="Sheet"), ON
    )
    assert "Không có trang “XepLoai”" in no_sheet.errors[0]
    no_grade = workbook([], header=["Mã đảng viên", "Họ và tên"])
    assert (
        "thiếu cột: Mức xếp loại"
        in grade_import.import_grades(users.east, cycle, tree.east, no_grade, ON).errors[0]
    )


def test_a_decided_unit_cannot_be_changed_by_file(cycle, unit, cell, users, tree):
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    services.record_step(users.east, unit, "decide", D(2024, 12, 20))
    result = grade_import.import_grades(
        users.east, cycle, tree.east, workbook(rows_for(cell, ["HT"] * 5)), ON
    )
    assert "đã được cấp ủy quyết định: không sửa qua Excel" in result.errors[0]


def test_the_import_page_refuses_a_bad_file_with_its_errors(client, users, cycle, cell):
    client.force_login(users.east)
    upload = io.BytesIO(workbook([["X999", "", "", "", "HTT"]]))
    upload.name = "xep-loai.xlsx"
    response = client.post(f"/grading/{cycle.pk}/import/upload/", {"file": upload})
    assert response.status_code == 422
    assert "Dòng 2, cột A (Mã đảng viên): không có đảng viên mã X999" in response.content.decode()


def test_the_summary_workbook_counts_by_level_and_kind_with_charts(cycle, unit, cell, users, tree):
    other = [make_member(tree.east_cells[1], f"K0{i}", "Ngô", "Văn", f"Tư {i}") for i in range(3)]
    services.save_grades(
        users.east, unit, sheet(cell, [G, G, C, G, G], unit_grade=G, leader_grade=G)
    )
    other_unit = UnitReview.objects.get(cycle=cycle, organization=tree.east_cells[1])
    from daihoi.grading.checks import RowInput, SheetInput

    services.save_grades(
        users.east, other_unit, SheetInput({m.pk: RowInput(m.pk, grade=C) for m in other}, ON)
    )
    wb = load_workbook(io.BytesIO(report_xlsx.workbook(cycle, tree.east)))
    assert wb.sheetnames == ["TongHop", "DonVi", "LanhDao"]
    ws = wb["TongHop"]
    assert len(ws._charts) == 2
    rows: dict = {}
    for r in ws.iter_rows(values_only=True):
        if r and r[0]:
            rows.setdefault(r[0], r)  # the first table: members by level
    cells = rows["Chi bộ trực thuộc"]
    assert cells[1:5] == (0, 4, 4, 0)  # HTXS, HTT, HT, KHT over both cells
    assert cells[5:9] == (0, 0.5, 0.5, 0) and cells[9:11] == (1, 9)  # the new member: ungraded
    leaders = list(wb["LanhDao"].iter_rows(values_only=True))
    assert any(r[1] == "Lê Văn Cao" and r[4] == "Hoàn thành tốt nhiệm vụ" for r in leaders if r)


def test_the_summary_page_and_download(client, users, cycle, unit, cell):
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    client.force_login(users.east)
    page = client.get(f"/grading/{cycle.pk}/summary/").content.decode()
    assert "Tổng hợp xếp loại năm 2024" in page and "80,0%" in page
    response = client.get(f"/grading/{cycle.pk}/summary.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("value", ["KXL", "kxl"])
def test_not_graded_is_only_for_those_the_rules_exclude(cycle, cell, users, tree, value):
    rows = rows_for(cell, ["HTT", "HTT", "HTT", "HTT", value])
    result = grade_import.import_grades(users.east, cycle, tree.east, workbook(rows), ON)
    assert "Vũ Thị Mai phải được xếp loại" in result.errors[0]


def test_the_reader_takes_inline_strings_and_numeric_codes(cycle, cell, users, tree):
    """A file written by another program: inline strings, a code typed as a number, rows with gaps."""
    import zipfile

    header = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{label}</t></is></c>'
        for i, (_, label) in enumerate(excel_import.COLUMNS)
    )
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f'<row r="1">{header}</row>'
        f'<row r="4"><c r="A4" t="inlineStr"><is><t>{cell.members[0].code}</t></is></c>'
        '<c r="E4" t="inlineStr"><is><t>HTT</t></is></c><c r="F4"><v>85</v></c></row>'
        "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="XepLoai" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
            "</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    rows, errors = excel_import.read_rows(out.getvalue())
    assert errors == []
    assert rows == [(4, {"code": cell.members[0].code, "name": None, "org": None,
                         "self_grade": None, "grade": "HTT", "score": 85, "reason": None,
                         "disciplined": None})]  # fmt: skip
