"""Reading the data sheets of the Excel template: headers matched to columns, then the rows."""

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import get_column_letter

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
# The data sheets are read straight from the workbook's XML, row by row. openpyxl's
# reader builds an object per cell and took most of an import's time; this reads a
# province's file several times faster and returns the same Python values.

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its XML file inside the workbook."""
    targets = {
        rel.get("Id"): rel.get("Target")
        for rel in ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        if rel.tag == f"{PACKAGE_REL_NS}Relationship"
    }
    paths = {}
    for sheet in ET.fromstring(archive.read("xl/workbook.xml")).iter(f"{NS}sheet"):
        target = targets[sheet.get(f"{REL_NS}id")]
        paths[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return paths


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    for si in ET.fromstring(archive.read("xl/sharedStrings.xml")):
        # Plain text, or rich-text runs (r/t); phonetic hints (rPh) are not the value.
        texts = si.findall(f"{NS}t") or si.findall(f"{NS}r/{NS}t")
        strings.append("".join(t.text or "" for t in texts))
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles whose number format shows a date."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    root = ET.fromstring(archive.read("xl/styles.xml"))
    formats = dict(BUILTIN_FORMATS)
    formats.update({int(f.get("numFmtId")): f.get("formatCode") for f in root.iter(f"{NS}numFmt")})
    xfs = root.find(f"{NS}cellXfs")
    return {
        i
        for i, xf in enumerate(xfs if xfs is not None else [])
        if is_date_format(formats.get(int(xf.get("numFmtId", 0))))
    }


def read_workbook(data: bytes, on_row: Callable[[int], None]) -> dict[str, SheetRows]:
    """Read the data sheets ("ToChuc", "DangVien"; names match without marks or case).

    `on_row(total)` is called for each row read; `total` is the number of data rows
    the file declares (0 when it declares none). Raises ValueError for a file that
    is not an .xlsx workbook.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        by_key = {choice_key(title): path for title, path in sheet_paths(archive).items()}
        paths = {name: by_key[choice_key(name)] for name in COLUMNS if choice_key(name) in by_key}
        strings, date_styles = _shared_strings(archive), _date_styles(archive)
        properties = ET.fromstring(archive.read("xl/workbook.xml")).find(f"{NS}workbookPr")
        mac = properties is not None and properties.get("date1904") in ("1", "true")
        epoch = EPOCH_1904 if mac else EPOCH_1900
        total = sum(_declared_rows(archive, path) for path in paths.values())
        sheets = {}
        for name, path in paths.items():
            with archive.open(path) as xml:
                cells = _iter_rows(xml, strings, date_styles, epoch)
                sheets[name] = _read_sheet(name, cells, lambda: on_row(total))
        return sheets
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as exc:
        raise ValueError(str(exc)) from exc


EPOCH_1900 = dt.datetime(1899, 12, 30)  # serial 1 is 1900-01-01, after Excel's phantom 29/02/1900
EPOCH_1904 = dt.datetime(1904, 1, 1)
DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]*\d*:?[A-Z]*(\d+)"')


def _declared_rows(archive: zipfile.ZipFile, path: str) -> int:
    """Data rows the sheet declares, from its <dimension> near the top of the XML."""
    with archive.open(path) as xml:
        match = DIMENSION.search(xml.read(4096))
    return max(int(match.group(1)) - 1, 0) if match else 0


def _iter_rows(xml, strings: list[str], date_styles: set[int], epoch: dt.datetime):
    """(row number, cell values) for each row of a sheet's XML."""
    number, row_tag = 0, f"{NS}row"
    for _event, elem in ET.iterparse(xml):
        if elem.tag != row_tag:
            continue
        number = int(elem.get("r") or number + 1)
        values: dict[int, object] = {}
        for position, cell in enumerate(elem):
            ref = cell.get("r")
            index = _column_index(ref.rstrip("0123456789")) if ref else position
            values[index] = _cell_value(cell, strings, date_styles, epoch)
        yield number, tuple(values.get(i) for i in range(max(values, default=-1) + 1))
        elem.clear()


@lru_cache(maxsize=1024)
def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _cell_value(cell, strings: list[str], date_styles: set[int], epoch: dt.datetime):
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{NS}t"))
    v = cell.findtext(f"{NS}v")
    if v is None:
        return None
    if kind == "s":
        return strings[int(v)]
    if kind == "b":
        return v == "1"
    if kind == "d":
        return dt.datetime.fromisoformat(v)
    if kind != "n":  # "str" (a formula's text), "e" (an error such as #N/A)
        return v
    number = float(v) if any(ch in v for ch in ".eE") else int(v)
    if int(cell.get("s", 0)) in date_styles:
        return epoch + dt.timedelta(days=number)
    return int(number) if isinstance(number, float) and number.is_integer() else number


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
