"""Long lists to Excel fast: a write-only workbook, styles shared, text never a formula.

``xlsx.write_table`` styles every cell (borders, fills) and costs ~2 ms a row in openpyxl;
a province's list of 60,000 members needs the streaming writer. The header is bold and
frozen with a filter; dates carry ``dd/mm/yyyy``; a text that begins like a formula
(= + - @, tab, CR) is stored as text, so an exported name can never run in Excel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from daihoi.documents.xlsx import text_cell, workbook_bytes

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_FILL = PatternFill("solid", fgColor="E8E8E8")


def _cell(sheet, value, number_format: str | None):
    cell = text_cell(sheet, value)  # formula-like text stays text (documents/xlsx.py)
    if number_format and isinstance(value, (int, float, dt.date)):
        cell.number_format = number_format
    return cell


def table_bytes(
    sheet_name: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    formats: Sequence[str | None],
    widths: Sequence[float] = (),
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    title_cell = WriteOnlyCell(sheet, value=title)
    title_cell.font = _TITLE
    sheet.append([title_cell])
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill = _BOLD, _FILL
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for values in rows:
        sheet.append([_cell(sheet, v, f) for v, f in zip(values, formats, strict=True)])
        count += 1
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{count + 2}"
    return workbook_bytes(workbook)
