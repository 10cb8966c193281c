"""The upward report as a workbook in the layout of upward_layout ("Biểu TK-ĐH-01 (daihoi)").

Sheet 1, by level: one line per figure (section headings between), one column
per level and the total. Sheet 2, by subordinate organisation: one line per
organisation, one column per figure. Sheet 3: the committee members behind the
numbers, with their congress and its approval state. Cells hold numbers, so
the receiving office can sum them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from daihoi.approvals.selectors import STATE_LABELS
from daihoi.documents import xlsx

from . import upward_layout as layout
from .upward import Report

AGE = "0.0"


def upward_xlsx(report: Report) -> bytes:
    book, sheet = xlsx.new_workbook(_("Theo cấp"))
    groups = [*report.levels, report.total]
    row = xlsx.write_title(sheet, 1, title_lines(report), len(groups) + 1)
    rows, formats, marked = [], [None] + [xlsx.INTEGER] * len(groups), []
    for section, figures in layout.SECTIONS:
        marked.append(len(rows))
        rows.append([str(section).upper()] + [None] * len(groups))
        for key, label in figures:
            rows.append([f"  {label}"] + [_number(layout.value(g, key)) for g in groups])
    headers = [_("Chỉ tiêu")] + [g.label for g in groups]
    xlsx.write_table(sheet, row, headers, rows, formats=formats, highlight=marked)
    xlsx.set_widths(sheet, [44] + [16] * len(groups))
    _children_sheet(book, report)
    _people_sheet(book, report)
    return xlsx.workbook_bytes(book)


def title_lines(report: Report) -> list[str]:
    return [
        _("Báo cáo kết quả đại hội nhiệm kỳ %(term)s") % {"term": report.term},
        f"{report.root.name} — " + _("tính đến ngày %(on)s") % {"on": f"{report.on:%d/%m/%Y}"},
        f"{layout.FORM_NAME}",
    ]


def _number(value):
    return float(value) if value is not None and not isinstance(value, int) else value


def _children_sheet(book, report: Report) -> None:
    sheet = book.create_sheet(_("Theo đơn vị"))
    groups = [*report.children, report.total]
    row = xlsx.write_title(sheet, 1, title_lines(report), 8)
    headers = [_("Tổ chức trực thuộc")] + [str(layout.LABELS[k]) for k in layout.FIGURES]
    formats = [None] + [AGE if k == "average_age" else xlsx.INTEGER for k in layout.FIGURES]
    rows = [[g.label] + [_number(layout.value(g, k)) for k in layout.FIGURES] for g in groups]
    xlsx.write_table(sheet, row, headers, rows, formats=formats, highlight=[len(rows) - 1])
    xlsx.set_widths(sheet, [40] + [12] * len(layout.FIGURES))


def _people_sheet(book, report: Report) -> None:
    """Thousands of rows: plain appended cells, a bold header and a filter (``write_table``
    styles every cell and would take seconds on a province); text is guarded on save."""
    sheet = book.create_sheet(_("Cấp ủy viên"))
    row = xlsx.write_title(sheet, 1, title_lines(report), 5)
    headers = [_("Họ và tên"), _("Tổ chức"), _("Tuổi"), _("Chuẩn y"), _("Cuộc bầu")]
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=col, value=text)
        cell.font, cell.fill = xlsx.BOLD, xlsx.HEADER_FILL
    people = report.total.rows.get("elected", [])
    labels = {key: str(label) for key, label in STATE_LABELS.items()}
    for i in people:
        sheet.append([i.name, i.organization, i.detail, labels.get(i.approval), i.election_id])
    sheet.auto_filter.ref = f"A{row}:E{row + len(people)}"
    xlsx.set_widths(sheet, [30, 40, 22, 20, 10])
