"""Reading an uploaded .xlsx safely: the one streaming reader every importer uses.

An .xlsx is a zip of XML parts, and a small hostile or broken file can ask for far
more than it is: one cell at column ZZZZZZ made a reader build the whole range
(2.9 GB); 1 MB of shared strings can unpack to 1 GB; a formula saved without its
value has nothing to read. So, before any XML is parsed, the archive's parts are
checked (count, declared unpacked size, compression ratio, encryption), and while
a part streams its actual bytes are counted against what it declared. Sheets are
read row by row with expat: the cells of a row are read and dropped, and a cell
beyond the importer's last column or row stops the file at once.

A cell that cannot be read (a bad shared-string index, a formula with no cached
value, a date beyond Excel's calendar, an error value such as #N/A) reads as None
and is collected in `Workbook.problems`, each naming sheet, cell and rule; callers
refuse the file when any remain. Structural refusals raise `XlsxError`.
"""

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers.expat import ExpatError

from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

MB = 1024 * 1024
EXCEL_MAX_ROWS = 1_048_576  # the most rows an Excel sheet holds
EXCEL_MAX_COLUMNS = 16_384  # XFD
EXCEL_MAX_DATE_SERIAL = 2_958_465  # 31/12/9999, the last day Excel shows
EPOCH_1900 = dt.datetime(1899, 12, 30)  # serial 1 is 1900-01-01, after Excel's phantom 29/02/1900
EPOCH_1904 = dt.datetime(1904, 1, 1)
MAX_PROBLEMS = 100
SI_TAGS = (
    "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}si",
    "{http://purl.oclc.org/ooxml/spreadsheetml/main}si",
)  # beyond this many unreadable cells the file is refused without reading on


@dataclass(frozen=True)
class Limits:
    """What a workbook may ask for. Importers narrow `columns` and `rows` to what they read."""

    columns: int = 256  # column IV; an importer's template uses far fewer
    rows: int = EXCEL_MAX_ROWS
    part_bytes: int = 2048 * MB  # one XML part unpacked: a full 1,048,576-row sheet fits
    total_bytes: int = 4096 * MB  # all parts unpacked together
    held_bytes: int = 256 * MB  # parts parsed whole into memory (shared strings, styles)
    ratio: int = 200  # unpacked / packed, checked for parts over `ratio_floor`
    ratio_floor: int = 4 * MB
    parts: int = 10_000


@dataclass(frozen=True)
class Problem:
    """One refusal: where (sheet, Excel row, column letter; empty when about the file) and why."""

    code: str
    message: str
    sheet: str = ""
    row: int = 0
    column: str = ""

    def __str__(self) -> str:
        if self.column:
            where = _("Sheet “%(sheet)s”, ô %(cell)s") % {
                "sheet": self.sheet,
                "cell": f"{self.column}{self.row}",
            }
        elif self.row:
            where = _("Sheet “%(sheet)s”, dòng %(row)d") % {"sheet": self.sheet, "row": self.row}
        elif self.sheet:
            where = _("Sheet “%(sheet)s”") % {"sheet": self.sheet}
        else:
            return self.message
        return f"{where}: {self.message}"


class XlsxError(ValueError):
    """The file is refused: `problems` says where and why (at least one)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _refuse(code: str, message: str, sheet: str = "", row: int = 0, column: str = ""):
    raise XlsxError([Problem(code, message, sheet, row, column)])


def not_xlsx() -> Problem:
    return Problem("not_xlsx", _("Tệp không phải bảng tính Excel (.xlsx) đọc được."))


@lru_cache(maxsize=4096)
def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@lru_cache(maxsize=4096)
def _split_ref(ref: str) -> tuple[int, int]:
    """ "AB12" → (27, 12): 0-based column, row (0 when the reference has none)."""
    index, position = 0, 0
    for position, ch in enumerate(ref):  # noqa: B007 — position is used after the loop
        if "A" <= ch <= "Z":
            index = index * 26 + ord(ch) - 64
            if index > EXCEL_MAX_COLUMNS * 26:  # already far past XFD: stop counting
                return EXCEL_MAX_COLUMNS * 26, 0
        else:
            break
    else:
        return index - 1, 0
    digits = ref[position:]
    return index - 1, int(digits) if digits.isdigit() else 0


class _CountedPart(io.RawIOBase):
    """A zip part as it streams, refused as soon as it gives more bytes than it declared."""

    def __init__(self, stream, name: str, declared: int):
        self.stream, self.name, self.declared, self.seen = stream, name, declared, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(len(buffer))
        self.seen += len(data)
        if self.seen > self.declared:
            _refuse(
                "zip_size_lie",
                _("Phần %(part)s của tệp dài hơn kích thước khai báo") % {"part": self.name},
            )
        buffer[: len(data)] = data
        return len(data)


class Workbook:
    """An .xlsx opened for reading, its parts checked; sheets are read with `rows`."""

    def __init__(self, source, limits: Limits = Limits()):
        self.limits, self.problems = limits, []
        if isinstance(source, str | Path):
            source = str(source)  # zipfile reads the parts it needs from the file itself
        if isinstance(source, bytes | bytearray | memoryview):
            source = io.BytesIO(source)
        try:
            self.archive = zipfile.ZipFile(source)
            self._check_parts()
            self.sheets = self._sheet_paths()
            self.mac_dates = self._date1904()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            KeyError,
            ET.ParseError,
            OSError,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ):
            raise XlsxError([not_xlsx()]) from None
        self._strings: list[str] | None = None
        self._date_styles: frozenset[int] | None = None

    # ---- the archive ---------------------------------------------------------------

    def _check_parts(self) -> None:
        infos, limits = self.archive.infolist(), self.limits
        if len(infos) > limits.parts:
            _refuse("zip_parts", _("Tệp có quá nhiều phần (%(n)d)") % {"n": len(infos)})
        total = 0
        for info in infos:
            size, packed = info.file_size, max(info.compress_size, 1)
            total += size
            if info.flag_bits & 0x1:
                _refuse(
                    "zip_encrypted", _("Tệp có đặt mật khẩu: mở bằng Excel, bỏ mật khẩu, lưu lại")
                )
            if size > limits.part_bytes:
                _refuse(
                    "zip_part_size",
                    _("Phần %(part)s giải nén ra %(size)d MB, quá giới hạn %(limit)d MB")
                    % {"part": info.filename, "size": size // MB, "limit": limits.part_bytes // MB},
                )
            if size > limits.ratio_floor and size / packed > limits.ratio:
                _refuse(
                    "zip_ratio",
                    _(
                        "Phần %(part)s nén %(ratio)d lần (%(packed)d KB thành %(size)d MB): tệp bất "
                        "thường, không đọc"
                    )
                    % {
                        "part": info.filename,
                        "ratio": size // packed,
                        "packed": packed // 1024,
                        "size": size // MB,
                    },
                )
        if total > limits.total_bytes:
            _refuse(
                "zip_total_size",
                _("Tệp giải nén ra %(size)d MB, quá giới hạn %(limit)d MB")
                % {"size": total // MB, "limit": limits.total_bytes // MB},
            )

    def _open(self, name: str):
        info = self.archive.getinfo(name)
        counted = _CountedPart(self.archive.open(info), name, info.file_size)
        stream = io.BufferedReader(counted, buffer_size=256 * 1024)
        head = stream.peek(65536)[:65536]
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:  # never in a real workbook
            _refuse(
                "xml_entities",
                _("Phần %(part)s khai báo DTD/thực thể XML: không đọc") % {"part": name},
            )
        return stream

    def _parse_whole(self, name: str):
        if self.archive.getinfo(name).file_size > self.limits.held_bytes:
            _refuse(
                "zip_part_size",
                _("Phần %(part)s quá lớn (giới hạn %(limit)d MB)")
                % {"part": name, "limit": self.limits.held_bytes // MB},
            )
        with self._open(name) as stream:
            return ET.parse(stream).getroot()

    def _sheet_paths(self) -> dict[str, str]:
        rels = self._parse_whole("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target") or "" for r in rels}
        paths = {}
        for sheet in self._parse_whole("xl/workbook.xml").iter():
            if _local(sheet.tag) != "sheet":
                continue
            rel = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
            target = targets.get(rel, "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if path in self.archive.NameToInfo:
                paths[sheet.get("name") or ""] = path
        return paths

    def _date1904(self) -> bool:
        for element in self._parse_whole("xl/workbook.xml").iter():
            if _local(element.tag) == "workbookPr":
                return element.get("date1904") in ("1", "true")
        return False

    # ---- shared parts, read on first use --------------------------------------------

    def strings(self) -> list[str]:
        if self._strings is None:
            name = next(
                (n for n in self.archive.NameToInfo if n.lower() == "xl/sharedstrings.xml"), None
            )
            self._strings = self._shared_strings(name) if name else []
        return self._strings

    def _shared_strings(self, name: str) -> list[str]:
        """The shared strings, streamed: a sheet of a million rows has a million of them,
        and a whole tree of them would take several times the memory of the list."""
        if self.archive.getinfo(name).file_size > self.limits.held_bytes:
            _refuse(
                "zip_part_size",
                _("Phần %(part)s quá lớn (giới hạn %(limit)d MB)")
                % {"part": name, "limit": self.limits.held_bytes // MB},
            )
        out = []
        with self._open(name) as stream:
            items = etree.iterparse(
                stream,
                events=("end",),
                tag=SI_TAGS,
                resolve_entities=False,
                load_dtd=False,
                no_network=True,
                huge_tree=False,
            )
            for _event, si in items:
                ns = si.tag[:-2]
                out.append(_string_item(si, f"{ns}t", f"{ns}r"))
                si.clear()
                while si.getprevious() is not None:
                    del si.getparent()[0]
        return out

    def date_styles(self) -> frozenset[int]:
        """Indexes of the cell styles whose number format shows a date."""
        if self._date_styles is None:
            found: set[int] = set()
            if "xl/styles.xml" in self.archive.NameToInfo:
                root = self._parse_whole("xl/styles.xml")
                formats = dict(BUILTIN_FORMATS)
                xfs = []
                for element in root:
                    if _local(element.tag) == "numFmts":
                        formats.update(
                            {_int(f.get("numFmtId")): f.get("formatCode") for f in element}
                        )
                    elif _local(element.tag) == "cellXfs":
                        xfs = list(element)
                found = {
                    i
                    for i, xf in enumerate(xfs)
                    if is_date_format(formats.get(_int(xf.get("numFmtId"))))
                }
            self._date_styles = frozenset(found)
        return self._date_styles

    # ---- sheets ----------------------------------------------------------------------

    def find(self, wanted: str, key=lambda s: "".join(s.split()).casefold()) -> str | None:
        """The title of the sheet whose name matches `wanted` under `key`, or None."""
        return next((t for t in self.sheets if key(t) == key(wanted)), None)

    def declared_rows(self, title: str) -> int:
        """Data rows the sheet declares in its <dimension> (0 when it declares none)."""
        with self._open(self.sheets[title]) as stream:
            head = stream.read(4096)
        start = head.find(b'<dimension ref="')
        if start < 0:
            start = head.find(b':dimension ref="')
        if start < 0:
            return 0
        ref = head[start + 16 : head.find(b'"', start + 16)].decode("ascii", "replace")
        row = _split_ref(ref.rpartition(":")[2])[1]
        return max(min(row, self.limits.rows) - 1, 0)

    def rows(self, title: str) -> Iterator[tuple[int, tuple]]:
        """(Excel row number, cell values from column A) for each row of the sheet."""
        from .xlsx_cells import read_rows

        try:
            yield from read_rows(self, title)
        except (ET.ParseError, etree.XMLSyntaxError, ExpatError) as exc:
            _refuse(
                "xml",
                _("Sheet “%(sheet)s” hỏng (XML: %(error)s)") % {"sheet": title, "error": exc},
                sheet=title,
            )
        except (zipfile.BadZipFile, EOFError, OSError):
            raise XlsxError([not_xlsx()]) from None

    def problem(self, code: str, message: str, sheet: str, row: int, column: int) -> None:
        self.problems.append(Problem(code, message, sheet, row, column_letter(column)))
        if len(self.problems) >= MAX_PROBLEMS:
            more = Problem(
                "too_many_problems",
                _("Có từ %(n)d ô không đọc được trở lên; dừng đọc tệp") % {"n": MAX_PROBLEMS},
            )
            raise XlsxError([*self.problems, more])

    def check(self) -> None:
        """Raise XlsxError if any cell could not be read."""
        if self.problems:
            raise XlsxError(list(self.problems))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _int(text) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return -1


def _string_item(si, t: str, r: str) -> str:
    plain = si.find(t)
    if plain is not None and si.find(r) is None:
        return plain.text or ""
    # rich text: the runs' texts; phonetic hints (rPh) are not the value
    return "".join(x.text or "" for run in si.iter(r) for x in run.iter(t))
