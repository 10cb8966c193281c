"""The safe .xlsx reader: hostile and broken files are refused with sheet, cell and rule."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.documents.xlsx_read import Limits, Workbook, XlsxError, column_letter
from tests.documents.hostile_xlsx import (
    bomb_part,
    header_row,
    inline,
    sheet_xml,
    understate_size,
    xlsx,
)


def read(data: bytes, sheet: str = "DangVien", limits: Limits | None = None):
    book = Workbook(data, limits or Limits())
    rows = list(book.rows(sheet))
    return book, rows


def refusal(data: bytes, **kwargs) -> XlsxError:
    with pytest.raises(XlsxError) as caught:
        book, _rows = read(data, **kwargs)
        book.check()
    return caught.value


def test_it_reads_a_workbook_saved_by_openpyxl_with_types():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DangVien"
    ws.append(["Mã", "Ngày sinh", "Số", "Có"])
    ws.append(["M1", dt.date(1980, 9, 5), 12.5, True])
    ws["F2"] = "=1+1"  # openpyxl saves no cached value: the reader must say so
    out = io.BytesIO()
    wb.save(out)
    book, rows = read(out.getvalue())
    assert rows[0] == (1, ("Mã", "Ngày sinh", "Số", "Có"))
    assert rows[1][1][:4] == ("M1", dt.datetime(1980, 9, 5), 12.5, True)
    [problem] = book.problems
    assert (problem.sheet, problem.row, problem.column, problem.code) == (
        "DangVien",
        2,
        "F",
        "formula_without_value",
    )
    assert "DangVien" in str(problem) and "F2" in str(problem)


def test_it_refuses_a_cell_at_column_zzzzzz_without_building_the_range():
    body = header_row(["Mã"]) + f'<row r="2">{inline("ZZZZZZ2", "x")}</row>'
    error = refusal(xlsx({"DangVien": body}))
    [problem] = error.problems
    assert problem.code == "range_columns"
    assert (problem.sheet, problem.row) == ("DangVien", 2)
    assert "ZZZZZZ2" in str(problem) and "IV" in str(problem)


@settings(max_examples=40, deadline=None)
@given(column=st.integers(min_value=0, max_value=30_000), limit=st.integers(1, 300))
def test_a_cell_is_read_at_its_column_or_refused_beyond_the_limit(column, limit):
    ref = f"{column_letter(column)}3"
    data = xlsx({"S": f'<row r="3"><c r="{ref}"><v>7</v></c></row>'})
    book = Workbook(data, Limits(columns=limit))
    if column < limit:
        [(number, values)] = list(book.rows("S"))
        assert number == 3 and len(values) == column + 1 and values[column] == 7
    else:
        with pytest.raises(XlsxError) as caught:
            list(book.rows("S"))
        assert caught.value.problems[0].code == "range_columns"


def test_it_refuses_a_row_beyond_the_limit():
    body = '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'
    error = refusal(xlsx({"DangVien": body}))
    assert error.problems[0].code == "range_rows"
    assert error.problems[0].row == 1048577


def test_it_refuses_shared_strings_that_unpack_a_thousandfold_before_parsing_them():
    data = bomb_part("xl/sharedStrings.xml", unpacked_mb=64)
    assert len(data) < 1_000_000  # small on disk, 64 MB unpacked
    with pytest.raises(XlsxError) as caught:
        Workbook(data)
    [problem] = caught.value.problems
    assert problem.code == "zip_ratio" and "sharedStrings" in problem.message


def test_it_refuses_a_part_bigger_than_may_be_held_in_memory():
    data = bomb_part("xl/sharedStrings.xml", unpacked_mb=10)
    book = Workbook(data, Limits(held_bytes=4 * 1024 * 1024, ratio=10**6))
    with pytest.raises(XlsxError) as caught:
        list(book.rows("DangVien"))
    assert caught.value.problems[0].code == "zip_part_size"


def test_it_refuses_a_part_whose_declared_size_is_a_lie():
    data = bomb_part("xl/sharedStrings.xml", unpacked_mb=10)
    lying = understate_size(data, "xl/sharedStrings.xml", 2000)
    book = Workbook(lying, Limits(ratio=10**6))  # the declared 2,000 bytes pass every check
    with pytest.raises(XlsxError) as caught:
        list(book.rows("DangVien"))
    assert caught.value.problems[0].code in ("not_xlsx", "zip_size_lie")


def test_a_date_serial_of_a_billion_names_its_cell_and_the_calendar_rule():
    body = header_row(["Mã", "Ngày sinh"]) + (
        f'<row r="2">{inline("A2", "M1")}<c r="B2" s="1"><v>1000000000</v></c></row>'
    )
    book, rows = read(xlsx({"DangVien": body}))
    assert rows[1] == (2, ("M1",))
    [problem] = book.problems
    assert (problem.code, problem.column, problem.row) == ("date_out_of_range", "B", 2)
    assert "9999" in problem.message


@pytest.mark.parametrize("index", ["5", "-1", "abc", "99999999999999999999"])
def test_a_bad_shared_string_index_names_its_cell(index):
    body = header_row(["Mã"]) + f'<row r="2"><c r="C2" t="s"><v>{index}</v></c></row>'
    book, _rows = read(xlsx({"DangVien": body}, shared=["a", "b"]))
    [problem] = book.problems
    assert (problem.code, problem.column, problem.row) == ("shared_string_index", "C", 2)
    assert "2 chuỗi" in problem.message


def test_an_error_value_and_a_bad_number_name_their_cells():
    body = '<row r="4"><c r="A4" t="e"><v>#N/A</v></c><c r="B4"><v>1e999x</v></c></row>'
    book, _rows = read(xlsx({"DangVien": body}))
    assert [(p.code, p.column, p.row) for p in book.problems] == [
        ("cell_error", "A", 4),
        ("bad_number", "B", 4),
    ]


def test_it_stops_after_a_hundred_unreadable_cells():
    body = "".join(f'<row r="{n}"><c r="A{n}"><f>1+1</f></c></row>' for n in range(1, 500))
    error = refusal(xlsx({"DangVien": body}))
    assert len(error.problems) == 101 and error.problems[-1].code == "too_many_problems"


def test_it_refuses_xml_entity_declarations():
    body = '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>' + sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>'
    )
    error = refusal(xlsx({"DangVien": body}))
    assert error.problems[0].code == "xml_entities"


@pytest.mark.parametrize(
    "data",
    [b"", b"not a zip at all", b"PK\x03\x04" + b"\0" * 100, xlsx({"S": "<row"})[:200]],
)
def test_it_refuses_what_is_not_a_workbook(data):
    with pytest.raises(XlsxError) as caught:
        Workbook(data)
    assert caught.value.problems[0].code == "not_xlsx"


def test_it_refuses_broken_sheet_xml_naming_the_sheet():
    error = refusal(xlsx({"DangVien": "<row r='1'><c r='A1'><v>1</v></row>"}))
    assert error.problems[0].code == "xml" and error.problems[0].sheet == "DangVien"


def test_a_zip_without_a_workbook_part_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(XlsxError):
        Workbook(out.getvalue())
