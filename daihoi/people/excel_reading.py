"""Reading the data sheets of a registry file: headers matched to fields, then rows, streamed.

A file is an .xlsx in the template's layout, or a UTF-8 CSV of members. The
sheets are streamed by the shared safe reader (documents/xlsx_read.py: bounded in
size and range, row by row, no object per cell). An Excel sheet holds at most
1,048,576 rows, so a province's members may come in several sheets: every sheet
whose name starts with "DangVien" (without marks or case: "DangVien 2",
"Đảng viên - Hà Nội") is a member sheet.

Headers match the template's (without marks or case) or, when the import names
a saved column mapping (mappings.py), the mapping's headers for each field.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from daihoi.documents.xlsx_read import Limits, Problem, Workbook, XlsxError
from daihoi.textnorm import nfc

from .excel_template import COLUMNS, MEMBER_SHEET, OPTIONAL, ORGANIZATION_SHEET, Column
from .field_parsers import choice_key, is_blank

LIMITS = Limits(columns=64)  # the template has 18 member columns; users add a few of their own
CSV_MAX_BYTES = 4 * 1024**3


@dataclass
class SheetRows:
    """One data sheet: where each known column is; its rows are streamed by `Source.rows`."""

    name: str  # the template's sheet this is read as: "ToChuc" or "DangVien"
    title: str  # the sheet's title in the file, which messages name
    file: str = ""  # the file's name, which messages name when an import reads several
    headers: list[str] = field(default_factory=list)  # as written in the file, in file order
    positions: dict[str, int] = field(default_factory=dict)  # field → 0-based column position
    missing: list[Column] = field(default_factory=list)  # columns the import cannot do without
    duplicated: list[str] = field(default_factory=list)  # headers given twice
    declared_rows: int = 0
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # kept for organisation sheets

    def letter(self, field_name: str) -> str:
        position = self.positions.get(field_name)
        return "" if position is None else get_column_letter(position + 1)


def sheet_kind(title: str) -> str | None:
    key = choice_key(title)
    if key == choice_key(ORGANIZATION_SHEET):
        return ORGANIZATION_SHEET
    if key.startswith(choice_key(MEMBER_SHEET)):
        return MEMBER_SHEET
    return None


class Source:
    """The data sheets of one file, headers read; `rows(sheet)` streams the rest.

    `data` is the file's bytes, or its path (then read as it streams: a national CSV
    of a gigabyte is never held whole). `label` is the name messages give the file
    when an import reads several."""

    def __init__(self, data: bytes | Path, filename: str = "", mapping=None, label: str = ""):
        self.mapping, self.label = mapping or {}, label
        self.csv = filename.lower().endswith(".csv") and _head(data, 2) != b"PK"
        self.sheets: list[SheetRows] = []
        self._streams: dict[str, Iterator] = {}
        if self.csv:
            self._open_csv(data, filename)
        else:
            self.book = Workbook(data, LIMITS)
            for title in self.book.sheets:
                kind = sheet_kind(title)
                if kind is not None:
                    self._add(kind, title, self.book.rows(title), self.book.declared_rows(title))

    @property
    def problems(self) -> list[Problem]:
        return [] if self.csv else self.book.problems

    def _open_csv(self, data: bytes | Path, filename: str) -> None:
        size = data.stat().st_size if isinstance(data, Path) else len(data)
        if size > CSV_MAX_BYTES:
            raise XlsxError([Problem("csv_size", _("Tệp CSV quá lớn"))])
        lines = _decoded_lines(data)
        self._add(MEMBER_SHEET, filename.rsplit("/", 1)[-1], _csv_rows(csv.reader(lines)), 0)

    def _add(self, kind: str, title: str, stream: Iterator, declared: int) -> None:
        first = next(stream, None)
        headers = [nfc(str(h)) if h is not None else "" for h in (first[1] if first else ())]
        sheet = SheetRows(kind, title, self.label, headers, {}, declared_rows=declared)
        by_key = {choice_key(c.header): c for c in COLUMNS[kind]}
        by_field = {c.field: c for c in COLUMNS[kind]}
        for field_name, header in self.mapping.get(kind, {}).items():
            if field_name in by_field:
                by_key[choice_key(header)] = by_field[field_name]
        for position, text in enumerate(headers):
            column = by_key.get(choice_key(text)) if text else None
            if column is None:
                continue  # a column of the user's own, or the "Lỗi" column of a rejected file
            if column.field in sheet.positions:
                sheet.duplicated.append(text)
            sheet.positions[column.field] = position
        sheet.missing = [
            c for c in COLUMNS[kind] if c.field not in sheet.positions and c.required != OPTIONAL
        ]
        self.sheets.append(sheet)
        self._streams[title] = stream

    def rows(self, sheet: SheetRows) -> Iterator[tuple[int, tuple]]:
        """The sheet's non-blank data rows: (Excel row number, cells from column A)."""
        for number, values in self._streams.pop(sheet.title):
            if any(not is_blank(v) for v in values):
                yield number, values

    def check(self) -> None:
        if not self.csv:
            self.book.check()


def _head(data: bytes | Path, size: int) -> bytes:
    if isinstance(data, Path):
        with data.open("rb") as stream:
            return stream.read(size)
    return bytes(data[:size])


def _decoded_lines(data: bytes | Path) -> Iterator[str]:
    """The file's lines as text; a line that is not UTF-8 stops the file with its number."""
    with data.open("rb") if isinstance(data, Path) else io.BytesIO(data) as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                message = _("Tệp CSV phải là UTF-8, dòng đầu là tiêu đề")
                raise XlsxError([Problem("csv", message, "CSV", number)]) from None


def _csv_rows(reader) -> Iterator[tuple[int, tuple]]:
    """The CSV's rows (numbered as read), bounded in width."""
    try:
        for number, cells in enumerate(reader, start=1):
            if len(cells) > LIMITS.columns:
                message = _("Dòng có %(n)d cột, quá giới hạn %(limit)d cột") % {
                    "n": len(cells),
                    "limit": LIMITS.columns,
                }
                raise XlsxError([Problem("range_columns", message, "CSV", number)])
            yield number, tuple(None if c == "" else c for c in cells)
    except csv.Error as error:
        message = _("Tệp CSV không đọc được: %(error)s") % {"error": error}
        raise XlsxError([Problem("csv", message, "CSV", reader.line_num)]) from None
