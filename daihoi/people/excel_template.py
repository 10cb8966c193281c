"""The Excel format of organisations and members: its columns, the template, the reader.

One workbook, three sheets: "ToChuc" (organisations), "DangVien" (members) and
"HuongDan" (what each column means, and the lists the dropdowns offer). The
import reads columns by their header, ignoring case and Vietnamese marks, so a
user may reorder columns or add their own; the export (exporting.py) fills this
very template, so an exported file imports back unchanged.
"""

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from daihoi.organizations.models import Kind, Level
from daihoi.textnorm import nfc

from .ethnicities import ETHNICITIES
from .models import Education, Gender, MemberStatus, PoliticalTheory
from .validation import MEMBER_LABELS, NO, ORGANIZATION_LABELS, YES, choice_key, is_blank

ORGANIZATION_SHEET = "ToChuc"
MEMBER_SHEET = "DangVien"
GUIDE_SHEET = "HuongDan"
ERROR_HEADER = "Lỗi"
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"  # keeps leading zeros of codes and CCCD numbers, and 12/12 from becoming a date
LAST_ROW = 1048576  # dropdowns cover the whole column, so rows users add get them too


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    width: int
    required: str
    choices: str  # name of a list in the HuongDan sheet, for a dropdown; "" for none
    number_format: str
    help: str


REQUIRED, OPTIONAL = "Bắt buộc", "Không bắt buộc"
PICK = "Chọn trong danh sách."
HELP = {
    "code": "Mã duy nhất; nhập lại cùng mã thì cập nhật, không tạo trùng.",
    "parent_code": "Mã tổ chức cấp trên, có trong tệp hoặc đã có trong hệ thống. Chi bộ trực "
    "thuộc nằm dưới cấp Cơ sở; Cơ sở dưới cấp trên cơ sở hoặc tỉnh; cấp trên cơ sở dưới tỉnh.",
    "family_name": "Chỉ chữ cái, dấu cách, dấu gạch nối, dấu nháy.",
    "birth_date": "dd/mm/yyyy; hoặc chỉ năm sinh (ví dụ 1975) khi không rõ ngày, "
    "khi đó ngày sinh được lấy là 01/01 của năm đó.",
    "admitted_on": "dd/mm/yyyy; sau ngày sinh ít nhất 18 năm (Điều lệ Đảng, Điều 1).",
    "full_member_on": "dd/mm/yyyy; sau ngày vào Đảng ít nhất 12 tháng (Điều lệ Đảng, Điều 5). "
    "Để trống với đảng viên dự bị.",
    "organization_code": "Mã chi bộ (hoặc chi bộ cơ sở) nơi đảng viên sinh hoạt.",
}


def _columns(labels: dict[str, str], specs: list[tuple]) -> list[Column]:
    return [Column(f, labels[f], *rest, HELP.get(f, help_)) for f, *rest, help_ in specs]


# field, width, required, dropdown, number format, help when HELP has none
ORGANIZATION_COLUMNS = _columns(
    ORGANIZATION_LABELS,
    [
        ("code", 16, REQUIRED, "", TEXT_FORMAT, ""),
        ("name", 40, REQUIRED, "", "", "Tối đa 200 ký tự."),
        ("level", 18, REQUIRED, "level", "", PICK),
        ("kind", 22, REQUIRED, "kind", "", PICK),
        ("parent_code", 18, "Bắt buộc, trừ Đảng bộ tỉnh", "", TEXT_FORMAT, ""),
        ("active", 14, OPTIONAL, "yes_no", "", "Có hoặc Không; để trống là Có."),
        ("founded_on", 14, OPTIONAL, "", DATE_FORMAT, "dd/mm/yyyy."),
    ],
)
MEMBER_COLUMNS = _columns(
    MEMBER_LABELS,
    [
        ("code", 16, REQUIRED, "", TEXT_FORMAT, ""),
        ("family_name", 12, REQUIRED, "", "", ""),
        ("middle_name", 14, OPTIONAL, "", "", "Như cột Họ."),
        ("given_name", 10, REQUIRED, "", "", "Như cột Họ."),
        ("gender", 10, REQUIRED, "gender", "", "Nam hoặc Nữ."),
        ("birth_date", 13, REQUIRED, "", DATE_FORMAT, ""),
        (
            "ethnicity",
            14,
            REQUIRED,
            "ethnicity",
            "",
            "Tên dân tộc (có dấu hay không) hoặc mã 01–54.",
        ),
        ("religion", 14, OPTIONAL, "", "", "Ví dụ: Không, Phật giáo, Công giáo."),
        ("hometown", 30, OPTIONAL, "", "", "Tối đa 200 ký tự."),
        ("citizen_id", 15, OPTIONAL, "", TEXT_FORMAT, "Đúng 12 chữ số."),
        ("admitted_on", 13, REQUIRED, "", DATE_FORMAT, ""),
        ("full_member_on", 13, "Bắt buộc, trừ đảng viên dự bị", "", DATE_FORMAT, ""),
        ("status", 16, REQUIRED, "status", "", PICK),
        ("general_education", 8, REQUIRED, "", TEXT_FORMAT, "Lớp/hệ, ví dụ 12/12 hoặc 9/10."),
        ("education", 18, REQUIRED, "education", "", PICK),
        ("political_theory", 16, REQUIRED, "political_theory", "", PICK),
        ("organization_code", 16, REQUIRED, "", TEXT_FORMAT, ""),
    ],
)
COLUMNS = {ORGANIZATION_SHEET: ORGANIZATION_COLUMNS, MEMBER_SHEET: MEMBER_COLUMNS}


def choice_lists() -> dict[str, tuple[str, list[str]]]:
    """The allowed values the dropdowns offer, by list name: (title, labels in Vietnamese)."""
    with translation.override("vi"):
        labels = {
            "level": ("Cấp", Level.choices),
            "kind": ("Loại hình", Kind.choices),
            "gender": ("Giới tính", Gender.choices),
            "status": ("Tình trạng", MemberStatus.choices),
            "education": ("Chuyên môn", Education.choices),
            "political_theory": ("Lý luận chính trị", PoliticalTheory.choices),
        }
        lists = {key: (title, [str(lbl) for _v, lbl in ch]) for key, (title, ch) in labels.items()}
    lists["yes_no"] = ("Đang hoạt động", [YES, NO])
    lists["ethnicity"] = ("Dân tộc", [name for _code, name in ETHNICITIES])
    return lists


GUIDE_INTRO = [
    "HƯỚNG DẪN NHẬP TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN",
    "Sheet ToChuc: mỗi dòng một tổ chức đảng. Sheet DangVien: mỗi dòng một đảng viên.",
    "Giữ nguyên dòng tiêu đề (dòng 1); có thể đổi thứ tự cột. Không cần điền cả hai sheet.",
    "Nhập lại cùng mã thì cập nhật bản ghi đã có, không tạo bản ghi trùng.",
    "Tổ chức cấp trên và tổ chức của đảng viên phải có trong tệp hoặc đã có trong hệ thống.",
    "Đổi tổ chức cấp trên hay chuyển sinh hoạt đảng làm bằng chức năng riêng, không qua tệp này.",
    "Hệ thống kiểm tra toàn bộ tệp trước: nếu có dòng lỗi thì không ghi gì và báo từng lỗi "
    "(sheet, dòng, cột, quy định). Có thể chọn chỉ nhập các dòng hợp lệ; khi đó các dòng lỗi "
    "được trả lại thành một tệp Excel, ô lỗi tô đỏ, lý do ở cột cuối.",
    "Ngày ghi dạng dd/mm/yyyy (ví dụ 05/09/1975) hoặc định dạng ngày của Excel. "
    "Danh mục không phân biệt chữ hoa, chữ thường, có dấu hay không dấu.",
    "",
]


def _guide_rows(lists: dict[str, tuple[str, list[str]]]) -> list[list]:
    """Instructions in columns A–D; the lists the dropdowns read, one per column from F."""
    left = [[line] for line in GUIDE_INTRO]
    left.append(["Sheet", "Cột", "Bắt buộc", "Định dạng, giá trị hợp lệ"])
    for sheet, columns in COLUMNS.items():
        left += [[sheet, c.header, c.required, c.help] for c in columns]
    right = [[title for title, _values in lists.values()]]
    depth = max(len(values) for _title, values in lists.values())
    right += [
        [vals[i] if i < len(vals) else None for _t, vals in lists.values()] for i in range(depth)
    ]
    height = max(len(left), len(right))
    left += [[]] * (height - len(left))
    right += [[]] * (height - len(right))
    return [(lft + [None] * 5)[:5] + rgt for lft, rgt in zip(left, right, strict=True)]


GUIDE_LIST_COLUMN = 6  # F: the first list column in the guide


def _list_ranges(lists: dict) -> dict[str, str]:
    ranges = {}
    for offset, (key, (_title, values)) in enumerate(lists.items()):
        letter = get_column_letter(GUIDE_LIST_COLUMN + offset)
        ranges[key] = f"{GUIDE_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def header_cells(ws, headers: Sequence[str]) -> list[WriteOnlyCell]:
    cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    return cells


def _prepare_data_sheet(ws, columns: list[Column], ranges: dict[str, str]) -> None:
    ws.freeze_panes = "E2" if columns is MEMBER_COLUMNS else "C2"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        if column.number_format:
            ws.column_dimensions[letter].number_format = column.number_format
        if column.choices:
            dv = DataValidation(
                type="list",
                formula1=ranges[column.choices],
                allow_blank=True,
                showErrorMessage=True,
                # A warning, not a stop: the import also accepts spellings not in the
                # list (ví dụ "Mông" for HMông) and codes.
                errorStyle="warning",
                errorTitle=column.header,
                error="Giá trị không có trong danh sách (xem sheet HuongDan).",
            )
            dv.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.data_validations.append(dv)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    ws.append(header_cells(ws, [c.header for c in columns]))


def template_workbook() -> bytes:
    """The empty workbook to fill in: headers, dropdowns, and the HuongDan sheet.

    The export streams its rows into this same workbook (exporting.fill_template).
    """
    lists = choice_lists()
    ranges = _list_ranges(lists)
    wb = Workbook(write_only=True)
    for sheet, columns in COLUMNS.items():
        _prepare_data_sheet(wb.create_sheet(sheet), columns, ranges)
    guide = wb.create_sheet(GUIDE_SHEET)
    for letter, width in zip("ABCDE", (10, 20, 24, 90, 3), strict=True):
        guide.column_dimensions[letter].width = width
    for offset in range(len(lists)):
        guide.column_dimensions[get_column_letter(GUIDE_LIST_COLUMN + offset)].width = 22
    for row in _guide_rows(lists):
        if row[0] in (GUIDE_INTRO[0], "Sheet"):  # the title and the table's header
            row = [*header_cells(guide, row[:4]), *row[4:]]
        guide.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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
