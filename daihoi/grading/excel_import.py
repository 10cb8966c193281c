"""Grades from an Excel sheet: the template, the validation of every row, the bulk write.

The sheet ``XepLoai`` (headers in row 1, matched without marks or case):

    A  Mã đảng viên          required: a member of the cycle, inside the importer's scope
    B  Họ và tên             optional: when given, must be that member's name
    C  Mã tổ chức            optional: when given, must be the member's organisation
    D  Tự xếp loại           optional: the member's own grade
    E  Mức xếp loại          required: HTXS | HTT | HT | KHT, the full words, 1–4, or KXL
    F  Điểm                  optional: 0–100 (counts under QĐ 366-QĐ/TW 2025)
    G  Lý do, nhận xét       optional: up to 300 characters
    H  Bị kỷ luật trong năm  optional: Có / Không

``grade_import.import_grades`` validates everything before anything is written;
one error names its row, column and rule.
"""

from openpyxl import Workbook as NewWorkbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from daihoi.documents.xlsx import workbook_bytes
from daihoi.documents.xlsx_read import Limits, Workbook, XlsxError
from daihoi.organizations.models import Organization
from daihoi.people.models import Member
from daihoi.rules.grading import GRADES, LABELS, SHORT, Grade, rules_for_year
from daihoi.textnorm import fold

from .models import Evaluation, ReviewCycle, SubjectChoice

SHEET = "XepLoai"
COLUMNS = [
    ("code", "Mã đảng viên"),
    ("name", "Họ và tên"),
    ("org", "Mã tổ chức"),
    ("self_grade", "Tự xếp loại"),
    ("grade", "Mức xếp loại"),
    ("score", "Điểm"),
    ("reason", "Lý do, nhận xét"),
    ("disciplined", "Bị kỷ luật trong năm"),
]
LETTER = {key: chr(65 + i) for i, (key, _) in enumerate(COLUMNS)}
LABEL = dict(COLUMNS)
NOT_GRADED = "KXL"
GRADE_WORDS = {
    **{fold(SHORT[g]): g for g in GRADES},
    **{fold(LABELS[g]): g for g in GRADES},
    **{str(i): g for i, g in enumerate(GRADES, start=1)},
    **{g.value: g for g in GRADES},
}
YES, NO = {"co", "x", "1", "true"}, {"khong", "", "0", "false"}
MAX_ERRORS = 500
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")


def template(cycle: ReviewCycle, root: Organization) -> bytes:
    """The sheet pre-filled with the members of the scope (and what is already proposed)."""
    wb = NewWorkbook(write_only=False)
    ws = wb.active
    ws.title = SHEET
    ws.append([label for _, label in COLUMNS])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    current = {
        e["member_id"]: e
        for e in Evaluation.objects.filter(
            year=cycle.year, subject=SubjectChoice.MEMBER, organization__path__startswith=root.path
        ).values("member_id", "proposed_grade", "self_grade", "score", "reason")
    }
    members = Member.objects.filter(
        active=True, organization__path__startswith=root.path
    ).values_list("id", "code", "full_name", "organization__code")
    for pk, code, name, org in members.order_by("organization__path", "code").iterator(2000):
        e = current.get(pk, {})
        grade = SHORT[Grade(e["proposed_grade"])] if e.get("proposed_grade") else ""
        own = SHORT[Grade(e["self_grade"])] if e.get("self_grade") else ""
        ws.append([code, name, org, own, grade, e.get("score"), e.get("reason", ""), ""])
    choices = DataValidation(type="list", formula1='"HTXS,HTT,HT,KHT,KXL"', allow_blank=True)
    ws.add_data_validation(choices)
    choices.add("D2:E100000")
    for letter, width in zip("ABCDEFGH", (16, 28, 12, 12, 14, 8, 40, 12), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    _guide(wb.create_sheet("HuongDan"), cycle)
    return workbook_bytes(wb)  # names and reasons are typed by people: kept as text


def _guide(ws, cycle: ReviewCycle) -> None:
    rules = rules_for_year(cycle.year)
    ws.append([f"Nhập kết quả xếp loại chất lượng đảng viên năm {cycle.year} ({rules.regulation})"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    for letter, (key, label) in zip("ABCDEFGH", COLUMNS, strict=True):
        ws.append([f"Cột {letter}", label, _HELP[key]])
    ws.append([])
    ws.append(["Mức", "Viết tắt", "Có thể ghi"])
    for i, grade in enumerate(GRADES, start=1):
        ws.append([LABELS[grade], SHORT[grade], f"{SHORT[grade]}, {i} hoặc ghi đủ chữ"])
    ws.append(["Không xếp loại", NOT_GRADED, "miễn sinh hoạt, đình chỉ, kết nạp chưa đủ 6 tháng"])
    ws.append([])
    ws.append(
        ["Tệp có lỗi thì không dòng nào được ghi; sửa theo thông báo (dòng, cột) rồi nhập lại."]
    )
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 26, 24
    ws.column_dimensions["C"].width = 70


_HELP = {
    "code": "Bắt buộc. Mã đảng viên như trong danh sách đảng viên.",
    "name": "Không bắt buộc; nếu ghi phải đúng họ tên của mã đảng viên.",
    "org": "Không bắt buộc; nếu ghi phải đúng mã tổ chức nơi đảng viên sinh hoạt.",
    "self_grade": "Không bắt buộc: mức đảng viên tự xếp.",
    "grade": "Bắt buộc: mức chi bộ đề xuất (HTXS, HTT, HT, KHT hoặc KXL).",
    "score": "Không bắt buộc: số nguyên 0–100 (từ năm 2025, Quy định 366-QĐ/TW).",
    "reason": "Không bắt buộc: tối đa 300 ký tự.",
    "disciplined": "Không bắt buộc: Có nếu bị thi hành kỷ luật trong năm (khi đó chỉ được KHT).",
}


def read_rows(data: bytes) -> tuple[list[tuple[int, dict]], list[str]]:
    """(row number, {column key: value}) for each non-blank data row, or the file's errors.

    Read by the shared safe reader: a file beyond its bounds, or with a cell that
    cannot be read, is refused with sheet, cell and rule.
    """
    try:
        book = Workbook(data, Limits(columns=64))
        title = book.find(SHEET, fold)
        if title is None:
            return [], [f"Không có trang “{SHEET}” trong tệp."]
        rows = book.rows(title)
        first = next(rows, None)
        header = [fold(str(h or "")) for h in (first[1] if first else ())]
        labels = {key: fold(label) for key, label in COLUMNS}
        positions = {k: header.index(v) for k, v in labels.items() if v in header}
        missing = [LABEL[k] for k in ("code", "grade") if k not in positions]
        if missing:
            return [], [f"Trang {SHEET} thiếu cột: {', '.join(missing)} (dòng tiêu đề là dòng 1)."]
        out = []
        for number, values in rows:
            if not values or all(v is None or v == "" for v in values):
                continue
            out.append(
                (number, {k: values[p] if p < len(values) else None for k, p in positions.items()})
            )
        book.check()
        return out, []
    except XlsxError as refused:
        return [], [str(problem) for problem in refused.problems]
