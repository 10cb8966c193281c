"""Reading the data sheets of the Excel template: headers matched to columns, then the rows."""

from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from daihoi.documents.xlsx_read import Limits, Workbook
from daihoi.textnorm import nfc

from .excel_template import COLUMNS, OPTIONAL, Column
from .field_parsers import choice_key, is_blank


@dataclass
class SheetRows:
    """One data sheet as read: where each known column is, and the non-blank rows."""

    name: str
    headers: list[str]  # as written in the file, in file order
    positions: dict[str, int]  # field → 0-based column position
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (Excel row number, cells)
    missing: list[Column] = field(default_factory=list)  # columns the import cannot do without
    duplicated: list[str] = field(default_factory=list)  # headers given twice

    def letter(self, field_name: str) -> str:
        position = self.positions.get(field_name)
        return "" if position is None else get_column_letter(position + 1)


# ---- reading ---------------------------------------------------------------------------
# The data sheets are streamed by the shared safe reader (documents/xlsx_read.py):
# bounded in size and range, row by row, no object per cell.

LIMITS = Limits(columns=64)  # the template has 17 member columns; users add a few of their own


def read_workbook(data, on_row: Callable[[int], None]) -> dict[str, SheetRows]:
    """Read the data sheets ("ToChuc", "DangVien"; names match without marks or case).

    `on_row(total)` is called for each row read; `total` is the number of data rows
    the file declares (0 when it declares none). Raises XlsxError (a ValueError)
    naming sheet, cell and rule for a file that cannot be read safely.
    """
    book = Workbook(data, LIMITS)
    titles = {name: book.find(name, choice_key) for name in COLUMNS}
    titles = {name: title for name, title in titles.items() if title is not None}
    total = sum(book.declared_rows(title) for title in titles.values())
    sheets = {
        name: _read_sheet(name, book.rows(title), lambda: on_row(total))
        for name, title in titles.items()
    }
    book.check()
    return sheets


def _read_sheet(name: str, cells, tick: Callable[[], None]) -> SheetRows:
    first = next(cells, None)
    header = [nfc(str(h)) if h is not None else "" for h in (first[1] if first else ())]
    sheet = SheetRows(name, header, {})
    by_key = {choice_key(c.header): c for c in COLUMNS[name]}
    for position, text in enumerate(header):
        column = by_key.get(choice_key(text)) if text else None
        if column is None:
            continue  # a column of the user's own, or the "Lỗi" column of a rejected file
        if column.field in sheet.positions:
            sheet.duplicated.append(text)
        sheet.positions[column.field] = position
    sheet.missing = [
        c for c in COLUMNS[name] if c.field not in sheet.positions and c.required != OPTIONAL
    ]
    for number, values in cells:
        tick()
        if any(not is_blank(v) for v in values):
            sheet.rows.append((number, values))
    return sheet
