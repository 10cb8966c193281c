"""Hostile and broken workbooks through every importer: refused with sheet, cell and rule,
nothing written, no traceback on the command line and no "lỗi hệ thống" on the page."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from daihoi.grading.excel_import import COLUMNS as GRADE_COLUMNS
from daihoi.grading.excel_import import SHEET as GRADE_SHEET
from daihoi.grading.excel_import import read_rows as read_grades
from daihoi.organizations.restructure.excel import COLUMNS as PLAN_COLUMNS
from daihoi.organizations.restructure.excel import SHEET as PLAN_SHEET
from daihoi.organizations.restructure.excel import read_rows as read_plan
from daihoi.people.excel_template import MEMBER_COLUMNS
from daihoi.people.importing import import_workbook
from daihoi.people.models import Member
from daihoi.preparation.errors import PreparationError
from daihoi.preparation.portal_docs import read_seating
from tests.documents.hostile_xlsx import bomb_part, header_row, inline, xlsx

HEADERS = [c.header for c in MEMBER_COLUMNS]
GOOD = [
    "M900", "Nguyễn", "Văn", "Hải", "Nam", "05/09/1980", "Kinh", "Không", "Xã Đông",
    "001080000123", "03/02/2005", "03/02/2006", "Chính thức", "12/12", "Đại học", "Trung cấp",
    "C011",
]  # fmt: skip


def member_sheet(extra_row: str) -> bytes:
    """The DangVien sheet: a good row 2, then row 3 holding the hostile cell."""
    good = "".join(inline(f"{chr(65 + i)}2", v) for i, v in enumerate(GOOD))
    return xlsx({"DangVien": header_row(HEADERS) + f'<row r="2">{good}</row>' + extra_row})


HOSTILE = {
    "column ZZZZZZ": (
        member_sheet(f'<row r="3">{inline("ZZZZZZ3", "x")}</row>'),
        "range_columns",
        (3, ""),
        "ZZZZZZ3",
    ),
    "formula without value": (
        member_sheet('<row r="3"><c r="B3"><f>A2&amp;"x"</f></c></row>'),
        "formula_without_value",
        (3, "B"),
        "Công thức",
    ),
    "date serial 1e9": (
        member_sheet('<row r="3"><c r="F3" s="1"><v>1000000000</v></c></row>'),
        "date_out_of_range",
        (3, "F"),
        "9999",
    ),
    "bad shared string": (
        member_sheet('<row r="3"><c r="D3" t="s"><v>7</v></c></row>'),
        "shared_string_index",
        (3, "D"),
        "chuỗi dùng chung",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_the_member_import_names_sheet_row_column_and_writes_nothing(case, tree, users):
    data, code, (row, column), words = HOSTILE[case]
    result = import_workbook(io.BytesIO(data), actor=users.province)
    assert not result.written and not Member.objects.filter(code="M900").exists()
    [error] = result.errors
    assert (error.sheet, error.row, error.column, error.code) == ("DangVien", row, column, code)
    assert words in str(error) and "DangVien" in str(error)


def test_the_member_import_refuses_a_shared_strings_bomb(tree, users):
    result = import_workbook(io.BytesIO(bomb_part("xl/sharedStrings.xml", 64)), actor=None)
    assert [e.code for e in result.errors] == ["zip_ratio"]


def test_a_general_cell_holding_a_billion_is_a_date_error_not_a_crash(tree, users):
    good = "".join(
        '<c r="F2"><v>1000000000</v></c>' if i == 5 else inline(f"{chr(65 + i)}2", v)
        for i, v in enumerate(GOOD)
    )
    data = xlsx({"DangVien": header_row(HEADERS) + f'<row r="2">{good}</row>'})
    result = import_workbook(io.BytesIO(data), actor=None)
    [error] = result.errors
    assert (error.row, error.column.split()[0], error.code) == (2, "F", "invalid_date")
    assert "9999" in error.message


@pytest.mark.parametrize("case", HOSTILE)
def test_the_command_line_says_where_and_exits_1_without_a_traceback(case, tree, tmp_path):
    data, code, (row, column), words = HOSTILE[case]
    path = tmp_path / "dang-vien.xlsx"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_members", str(path), stderr=err)
    assert caught.value.returncode == 1
    assert f"DangVien!{column or 'ZZZZZZ'}3" in err.getvalue() or f"dòng {row}" in err.getvalue()
    assert words in err.getvalue() and "Traceback" not in err.getvalue()


@pytest.mark.parametrize("case", HOSTILE)
def test_the_web_page_shows_where_and_not_a_system_error(case, client, users, tree, settings):
    settings.DAIHOI_INLINE_JOBS = True
    data, code, (row, column), words = HOSTILE[case]
    client.force_login(users.province)
    upload = io.BytesIO(data)
    upload.name = "dang-vien.xlsx"
    response = client.post(reverse("people:excel_import"), {"file": upload})
    page = " ".join(client.get(response["Location"]).text.split())
    assert "Không có dữ liệu nào được ghi" in page and words in page and "DangVien" in page
    assert "lỗi hệ thống" not in page.lower()


OTHER_IMPORTERS = {
    "grades": (read_grades, GRADE_SHEET, [label for _key, label in GRADE_COLUMNS]),
    "restructuring plan": (read_plan, PLAN_SHEET, list(PLAN_COLUMNS.values())),
}


@pytest.mark.parametrize("importer", OTHER_IMPORTERS)
@pytest.mark.parametrize(
    "body,words",
    [
        (f'<row r="2">{inline("ZZZZZZ2", "x")}</row>', "ZZZZZZ2"),
        ('<row r="2"><c r="C2" t="s"><v>99</v></c></row>', "C2"),
        ('<row r="2"><c r="B2"><f>1/0</f></c></row>', "B2"),
    ],
)
def test_the_other_importers_refuse_with_the_cell_named(importer, body, words):
    read, sheet, headers = OTHER_IMPORTERS[importer]
    rows, errors = read(xlsx({sheet: header_row(headers) + body}, shared=["a"]))
    assert rows == [] and len(errors) == 1
    assert words in errors[0] and sheet in errors[0]


def test_the_seating_import_refuses_with_the_cell_named():
    with pytest.raises(PreparationError) as caught:
        read_seating(xlsx({"Ghe": f'<row r="4">{inline("ZZZZZZ4", "x")}</row>'}), {1})
    assert "ZZZZZZ4" in str(caught.value)
