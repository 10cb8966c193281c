"""Read one sheet of an .xlsx straight from its XML, row by row (text, numbers, booleans).

openpyxl builds an object per cell: for a province's 60,000 rows that was most of
an import's time. The grades sheet holds no dates, so this reader needs only the
shared strings and the cells' types; it keeps Excel's own row numbers, so an
error names the row a person sees.
"""

import io
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from xml.etree import ElementTree as ET

REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class NotAWorkbook(ValueError):
    pass


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _texts(element) -> str:
    return "".join(e.text or "" for e in element.iter() if _local(e.tag) == "t")


def sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its XML path inside the archive."""
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = {}
    for sheet in ET.fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(sheet.tag) == "sheet":
            target = targets[sheet.get(REL)]
            out[sheet.get("name")] = (
                target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            )
    return out


def open_workbook(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        archive.getinfo("xl/workbook.xml")
        return archive
    except (zipfile.BadZipFile, KeyError) as exc:
        raise NotAWorkbook(str(exc)) from exc


def _shared(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    root = ET.fromstring(archive.read("xl/sharedStrings.xml"))
    ns = root.tag[: -len(_local(root.tag))]
    t, r = f"{ns}t", f"{ns}r"
    out = []
    for si in root:
        plain = si.find(t)
        if plain is not None and si.find(r) is None:
            out.append(plain.text or "")
        else:  # rich text: the runs' texts, phonetic hints (rPh) left out
            out.append("".join(x.text or "" for run in si.iter(r) for x in run.iter(t)))
    return out


@lru_cache(maxsize=256)
def _column(ref: str) -> int:
    index = 0
    for ch in ref:
        if ch.isdigit():
            break
        index = index * 26 + ord(ch) - 64
    return index - 1


def _value(cell, strings: list[str], v_tag: str):
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return _texts(cell)
    v = cell.findtext(v_tag)
    if v is None:
        return None
    if kind == "s":
        return strings[int(v)]
    if kind == "b":
        return v == "1"
    if kind in ("str", "e"):
        return v
    if v.isdigit():
        return int(v)
    number = float(v)
    return int(number) if number.is_integer() else number


def rows(archive: zipfile.ZipFile, path: str) -> Iterator[tuple[int, tuple]]:
    """(Excel row number, cell values from column A) for each row of the sheet's XML."""
    strings = _shared(archive)
    number, row_tag, v_tag = 0, None, None
    try:
        with archive.open(path) as xml:
            for event, elem in ET.iterparse(xml, events=("start", "end")):
                if row_tag is None:  # the root element: its namespace names every tag
                    ns = elem.tag[: -len(_local(elem.tag))]
                    row_tag, v_tag = f"{ns}row", f"{ns}v"
                if event != "end" or elem.tag != row_tag:
                    continue
                number = int(elem.get("r") or number + 1)
                values: dict[int, object] = {}
                for position, cell in enumerate(elem):
                    ref = cell.get("r")
                    values[_column(ref) if ref else position] = _value(cell, strings, v_tag)
                yield number, tuple(values.get(i) for i in range(max(values, default=-1) + 1))
                elem.clear()
    except ET.ParseError as exc:
        raise NotAWorkbook(str(exc)) from exc
