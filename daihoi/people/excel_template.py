"""The Excel format of organisations and members: its columns and the template.

One workbook, three sheets: "ToChuc" (organisations), "DangVien" (members) and
"HuongDan" (what each column means, and the lists the dropdowns offer). The
import reads columns by their header, ignoring case and Vietnamese marks, so a
user may reorder columns or add their own; the export (exporting.py) fills this
very template, so an exported file imports back unchanged. The reader is in
excel_reading.py.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from daihoi.organizations.models import Kind, Level

from .ethnicities import ETHNICITIES
from .field_parsers import NO, YES
from .models import Education, Gender, MemberStatus, PoliticalTheory
from .validation import MEMBER_LABELS, ORGANIZATION_LABELS

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
        ("national_code", 18, OPTIONAL, "", TEXT_FORMAT, "Mã theo danh mục của Trung ương."),
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
        (
            "citizen_id",
            15,
            OPTIONAL,
            "",
            TEXT_FORMAT,
            "Đúng 12 chữ số; chữ số 4–6 theo giới tính và năm sinh; không trùng.",
        ),
        ("admitted_on", 13, REQUIRED, "", DATE_FORMAT, ""),
        ("full_member_on", 13, "Bắt buộc, trừ đảng viên dự bị", "", DATE_FORMAT, ""),
        ("status", 16, REQUIRED, "status", "", PICK),
        ("general_education", 8, REQUIRED, "", TEXT_FORMAT, "Lớp/hệ, ví dụ 12/12 hoặc 9/10."),
        ("education", 18, REQUIRED, "education", "", PICK),
        ("political_theory", 16, REQUIRED, "political_theory", "", PICK),
        ("organization_code", 16, REQUIRED, "", TEXT_FORMAT, ""),
        (
            "party_card_number",
            16,
            OPTIONAL,
            "",
            TEXT_FORMAT,
            "Số thẻ đảng viên, 6–16 chữ số; không trùng với đảng viên khác.",
        ),
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
