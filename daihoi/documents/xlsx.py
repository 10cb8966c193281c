"""Excel workbooks on openpyxl: a title, label–value blocks, formatted tables.

Cells hold real numbers and dates, never numbers as text, so the reader can
sum and sort them; the number formats below let Excel draw them with the
reader's own separators (a Vietnamese Excel shows 52,38%).

Text is always text: a name or title that starts like a formula (``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is stored as a string cell with
Excel's quote prefix, never as a formula, whatever the clerk typed. Every
export saves through ``workbook_bytes`` (which checks every cell) or builds its
write-only cells with ``text_cell``; none writes a formula of its own.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

INTEGER = "#,##0"
PERCENT = "0.00%"  # store 0.5238 for 52.38 %
DATE = "dd/mm/yyyy"

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
HIGHLIGHT_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="000000")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


# What makes Excel, LibreOffice or Google Sheets read typed text as a formula (OWASP, CSV
# injection): the four leads, and a tab or carriage return before one of them.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)


def keep_as_text(cell: Cell | WriteOnlyCell) -> Cell | WriteOnlyCell:
    """Store the cell's text as it is, as text (also after the reader edits the cell)."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"  # openpyxl made it "f" when it started with "="
        cell.quotePrefix = True
    return cell


def text_cell(sheet: Worksheet, value: object) -> WriteOnlyCell:
    """A write-only cell holding ``value``, formula-like text kept as text."""
    return keep_as_text(WriteOnlyCell(sheet, value))


def guard_workbook(workbook: Workbook) -> Workbook:
    """Every cell of every sheet: formula-like text becomes text. Nothing we write is a formula."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type in ("s", "f"):
                    keep_as_text(cell)
    return workbook


def new_workbook(first_sheet: str) -> tuple[Workbook, Worksheet]:
    """A workbook whose first sheet is named ``first_sheet``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = first_sheet
    return workbook, sheet


def write_title(sheet: Worksheet, row: int, lines: Sequence[str], span: int) -> int:
    """Centred title lines merged across ``span`` columns; the first is large. Returns the next row."""
    for offset, text in enumerate(lines):
        cell = sheet.cell(row=row + offset, column=1, value=text)
        cell.font = TITLE if offset == 0 else BOLD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.merge_cells(
            start_row=row + offset, start_column=1, end_row=row + offset, end_column=span
        )
    return row + len(lines) + 1


def write_pairs(
    sheet: Worksheet, row: int, pairs: Sequence[tuple[str, object]], value_column: int = 3
) -> int:
    """Bold labels in column A, values in ``value_column``; integers and dates formatted."""
    for offset, (label, value) in enumerate(pairs):
        sheet.cell(row=row + offset, column=1, value=label).font = BOLD
        cell = sheet.cell(row=row + offset, column=value_column, value=value)
        if isinstance(value, int) and not isinstance(value, bool):
            cell.number_format = INTEGER
        elif isinstance(value, dt.date):
            cell.number_format = DATE
        cell.alignment = Alignment(horizontal="left")
    return row + len(pairs) + 1


def write_table(
    sheet: Worksheet,
    row: int,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    formats: Sequence[str | None],
    highlight: Sequence[int] = (),
) -> int:
    """A ruled table with a shaded header and a filter; ``highlight`` rows (0-based) shaded bold.

    ``formats`` gives each column's number format (None for general). Returns
    the row after the table.
    """
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, GRID, WRAP
    marked = set(highlight)
    for offset, values in enumerate(rows, start=1):
        for col, (value, fmt) in enumerate(zip(values, formats, strict=True), start=1):
            cell = sheet.cell(row=row + offset, column=col, value=value)
            cell.border = GRID
            if fmt:
                cell.number_format = fmt
            if offset - 1 in marked:
                cell.font, cell.fill = BOLD, HIGHLIGHT_FILL
    last = row + len(rows)
    sheet.auto_filter.ref = f"A{row}:{get_column_letter(len(headers))}{last}"
    return last + 2


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Column widths in Excel's character units, from column A."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def workbook_bytes(workbook: Workbook) -> bytes:
    """The file's bytes; formula-like text in any cell is saved as text (``guard_workbook``)."""
    if not workbook.write_only:
        guard_workbook(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
