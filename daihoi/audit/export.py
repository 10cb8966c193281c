"""The audit page's export: the filtered entries as an Excel sheet.

Every text cell is written as text (data type "s"), so a summary or a name that
starts with "=", "+", "-" or "@" can never become a formula in the reader's Excel."""

from django.utils import timezone
from openpyxl.cell.cell import Cell

from daihoi.documents.xlsx import BOLD, HEADER_FILL, new_workbook, workbook_bytes

HEADERS = (
    "Số thứ tự",
    "Thời điểm",
    "Người thực hiện",
    "Thao tác",
    "Mã thao tác",
    "Đối tượng",
    "Mã đối tượng",
    "Nội dung",
    "Mã băm",
)
WIDTHS = (10, 18, 20, 36, 24, 22, 12, 60, 66)


def _text(cell: Cell, value: str) -> None:
    cell.value = value
    cell.data_type = "s"


def render_audit_xlsx(rows: list[dict]) -> bytes:
    workbook, sheet = new_workbook("Nhật ký")
    for col, (title, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(row=1, column=col, value=title)
        cell.font, cell.fill = BOLD, HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = width
    for index, row in enumerate(rows, start=2):
        e = row["entry"]
        sheet.cell(row=index, column=1, value=e.seq)
        when = sheet.cell(row=index, column=2, value=timezone.localtime(e.at).replace(tzinfo=None))
        when.number_format = "dd/mm/yyyy hh:mm:ss"
        texts = (
            row["actor"] if row["actor"] == e.actor_name else f"{row['actor']} ({e.actor_name})",
            row["action_label"],
            e.action,
            row["object_label"],
            e.object_id,
            e.summary,
            e.hash,
        )
        for col, value in enumerate(texts, start=3):
            _text(sheet.cell(row=index, column=col), str(value))
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)
