"""The blank restructuring plan workbook users download: the "SapXep" sheet with its
headers and drop-down lists, and a "HuongDan" sheet explaining each column with
a worked example (kept out of the data sheet, so it is never imported)."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from daihoi.documents.xlsx import workbook_bytes

from ..models import Kind, Operation
from .excel import COLUMNS, SHEET

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WIDTHS = {
    "operation": 18,
    "source": 18,
    "target": 22,
    "name": 36,
    "kind": 22,
    "parent": 20,
    "children": 30,
    "decision_number": 18,
    "decision_date": 16,
    "effective_on": 16,
    "issued_by": 28,
}
GUIDE = [
    ("Thao tác", "Hợp nhất, Sáp nhập, Chia tách, Chuyển trực thuộc, Đổi tên hoặc Giải thể."),
    (
        "Mã tổ chức cũ",
        "Mã tổ chức đang có (một dòng cho mỗi tổ chức cũ; với Chia tách: mã "
        "tổ chức bị chia, lặp lại ở mỗi dòng).",
    ),
    (
        "Mã tổ chức mới/tiếp nhận",
        "Hợp nhất: mã tổ chức mới (giống nhau ở các dòng của một "
        "lần hợp nhất). Sáp nhập: mã tổ chức tiếp nhận. Chia tách: "
        "mã của từng tổ chức mới. Giải thể: tổ chức tiếp nhận (nếu "
        "còn tổ chức trực thuộc hay đảng viên).",
    ),
    ("Tên tổ chức mới", "Hợp nhất, Chia tách: tên tổ chức mới. Đổi tên: tên mới."),
    ("Loại hình", "Không bắt buộc; để trống thì giữ loại hình của tổ chức cũ."),
    (
        "Mã tổ chức cấp trên",
        "Chuyển trực thuộc: tổ chức cấp trên mới. Hợp nhất, Chia tách: "
        "cấp trên của tổ chức mới nếu khác cấp trên cũ.",
    ),
    (
        "Tổ chức trực thuộc chuyển sang",
        "Chỉ dùng cho Chia tách: mã các tổ chức trực thuộc "
        "chuyển sang tổ chức mới ở dòng đó, cách nhau bởi "
        "dấu phẩy. Đảng viên sinh hoạt trực tiếp ở tổ chức "
        "bị chia chuyển sang tổ chức mới ở dòng đầu.",
    ),
    ("Số quyết định", "Bắt buộc, giống nhau ở các dòng của một thao tác."),
    ("Ngày quyết định", "Bắt buộc, dạng dd/mm/yyyy."),
    ("Ngày hiệu lực", "Để trống nếu có hiệu lực từ ngày quyết định; không được sau hôm nay."),
    ("Cơ quan quyết định", "Không bắt buộc, ví dụ: Ban Thường vụ Tỉnh ủy."),
]
EXAMPLE = [
    (
        "Hợp nhất",
        "99.03.05",
        "99.X001",
        "Đảng bộ xã Tân Hòa",
        "",
        "99",
        "",
        "1201-QĐ/TU",
        "27/06/2025",
        "01/07/2025",
    ),
    (
        "Hợp nhất",
        "99.03.06",
        "99.X001",
        "Đảng bộ xã Tân Hòa",
        "",
        "99",
        "",
        "1201-QĐ/TU",
        "27/06/2025",
        "01/07/2025",
    ),
    (
        "Hợp nhất",
        "99.03.07",
        "99.X001",
        "Đảng bộ xã Tân Hòa",
        "",
        "99",
        "",
        "1201-QĐ/TU",
        "27/06/2025",
        "01/07/2025",
    ),
    (
        "Chuyển trực thuộc",
        "99.03.20",
        "",
        "",
        "",
        "99",
        "",
        "1202-QĐ/TU",
        "27/06/2025",
        "01/07/2025",
    ),
    ("Giải thể", "99.03", "", "", "", "", "", "1203-QĐ/TU", "27/06/2025", "01/07/2025"),
]


def plan_template() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    keys = list(COLUMNS)
    sheet.append([COLUMNS[k] for k in keys])
    for index, key in enumerate(keys, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = WIDTHS[key]
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("HuongDan")
    guide.append(["Cột", "Cách điền"])
    for row in GUIDE:
        guide.append(list(row))
    guide.append([])
    guide.append(
        [
            "Ví dụ (ba xã hợp nhất thành một xã mới trực thuộc tỉnh, một xã chuyển "
            "trực thuộc tỉnh, huyện giải thể):"
        ]
    )
    guide.append([COLUMNS[k] for k in keys[:10]])
    for row in EXAMPLE:
        guide.append(list(row))
    guide.column_dimensions["A"].width = 30
    guide.column_dimensions["B"].width = 100
    for row in guide.iter_rows(min_row=2, max_row=len(GUIDE) + 1):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    guide["A1"].font = guide["B1"].font = Font(bold=True)
    _lists(book, sheet, keys)
    return workbook_bytes(book)


def _lists(book, sheet, keys) -> None:
    lists = book.create_sheet("DanhMuc")
    operations = [str(o.label) for o in Operation if o != Operation.CREATE]
    kinds = [str(label) for _value, label in Kind.choices]
    for row, value in enumerate(operations, start=1):
        lists.cell(row=row, column=1, value=value)
    for row, value in enumerate(kinds, start=1):
        lists.cell(row=row, column=2, value=value)
    lists.sheet_state = "hidden"
    for key, ref in (
        ("operation", f"$A$1:$A${len(operations)}"),
        ("kind", f"$B$1:$B${len(kinds)}"),
    ):
        letter = sheet.cell(row=1, column=keys.index(key) + 1).column_letter
        check = DataValidation(type="list", formula1=f"DanhMuc!{ref}", allow_blank=True)
        check.add(f"{letter}2:{letter}5000")
        sheet.add_data_validation(check)
