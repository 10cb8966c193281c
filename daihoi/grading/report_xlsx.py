"""The year's summary workbook sent upward: counts and shares by grade, with charts.

Sheets: ``TongHop`` (members and organisations by level and by organisation kind,
with a stacked bar chart by level and a pie of the members' grades), ``DonVi``
(each direct child's subtree), ``LanhDao`` (the heads graded as leaders). Cells
hold numbers and real shares (0.5238 shown as 52,38%), never numbers as text.
"""

from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList

from daihoi.documents.xlsx import (
    BOLD,
    INTEGER,
    PERCENT,
    new_workbook,
    set_widths,
    workbook_bytes,
    write_pairs,
    write_table,
    write_title,
)
from daihoi.organizations.models import Organization
from daihoi.rules.grading import GRADES, LABELS, SHORT, Grade, rules_for_year

from . import summary
from .models import ReviewCycle, SubjectChoice

HEADERS = (
    "Đơn vị",
    *(SHORT[g] for g in GRADES),
    *(f"% {SHORT[g]}" for g in GRADES),
    "Chưa xếp loại",
    "Tổng",
)
FORMATS = (None, *([INTEGER] * 4), *([PERCENT] * 4), INTEGER, INTEGER)


def _values(row: summary.Row) -> tuple:
    return (
        row.label,
        *(row.counts[g] for g in GRADES),
        *(row.share(g) for g in GRADES),
        row.ungraded,
        row.total,
    )


def _table(
    sheet, at: int, title: str, rows: list[summary.Row], total: summary.Row
) -> tuple[int, int]:
    sheet.cell(row=at, column=1, value=title).font = BOLD
    body = [_values(r) for r in rows] + [_values(total)]
    end = write_table(sheet, at + 1, HEADERS, body, formats=FORMATS, highlight=[len(rows)])
    return at + 2, end  # first data row, next free row


def workbook(cycle: ReviewCycle, root: Organization) -> bytes:
    data = summary.all_summaries(cycle.year, root)
    rules = rules_for_year(cycle.year)
    wb, ws = new_workbook("TongHop")
    at = write_title(
        ws,
        1,
        [
            f"KẾT QUẢ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM {cycle.year}",
            f"{root.name} — căn cứ {rules.regulation}, {rules.guidance}",
        ],
        len(HEADERS),
    )
    member, org = data[SubjectChoice.MEMBER], data[SubjectChoice.ORGANIZATION]
    first, at = _table(ws, at, "1. Đảng viên theo cấp tổ chức", member["levels"], member["total"])
    _bar_chart(ws, first, len(member["levels"]), "Đảng viên theo mức xếp loại và cấp", "M3")
    _, at = _table(ws, at, "2. Đảng viên theo loại hình tổ chức", member["kinds"], member["total"])
    _, at = _table(ws, at, "3. Tổ chức đảng theo cấp", org["levels"], org["total"])
    _, at = _table(ws, at, "4. Tổ chức đảng theo loại hình", org["kinds"], org["total"])
    leader = data[SubjectChoice.LEADER]
    _, at = _table(
        ws, at, "5. Cá nhân lãnh đạo, quản lý theo cấp", leader["levels"], leader["total"]
    )
    at = write_pairs(
        ws, at, [(LABELS[g], member["total"].counts[g]) for g in GRADES], value_column=2
    )
    _pie_chart(ws, at - len(GRADES) - 1, "Cơ cấu xếp loại đảng viên", "M22")
    set_widths(ws, (34, *([9] * 4), *([10] * 4), 13, 10))
    _children_sheet(wb, data, root)
    _leaders_sheet(wb, data["leaders"])
    return workbook_bytes(wb)


def _bar_chart(ws, first_row: int, count: int, title: str, anchor: str) -> None:
    if not count:
        return
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title, chart.y_axis.title = title, "Số đảng viên"
    data = Reference(ws, min_col=2, max_col=5, min_row=first_row - 1, max_row=first_row + count - 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first_row, max_row=first_row + count - 1))
    chart.width, chart.height = 18, 8
    ws.add_chart(chart, anchor)


def _pie_chart(ws, first_row: int, title: str, anchor: str) -> None:
    chart = PieChart()
    chart.title = title
    chart.add_data(Reference(ws, min_col=2, min_row=first_row, max_row=first_row + 3))
    chart.set_categories(Reference(ws, min_col=1, min_row=first_row, max_row=first_row + 3))
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showPercent = True
    chart.width, chart.height = 12, 8
    ws.add_chart(chart, anchor)


def _children_sheet(wb, data: dict, root: Organization) -> None:
    ws = wb.create_sheet("DonVi")
    at = write_title(ws, 1, [f"Xếp loại theo đơn vị trực thuộc {root.name}"], len(HEADERS))
    for number, (subject, title) in enumerate(
        ((SubjectChoice.MEMBER, "Đảng viên"), (SubjectChoice.ORGANIZATION, "Tổ chức đảng")), start=1
    ):
        part = data[subject]
        _, at = _table(ws, at, f"{number}. {title}", part["children"], part["total"])
    set_widths(ws, (40, *([9] * 4), *([10] * 4), 13, 10))


def _leaders_sheet(wb, leaders) -> None:
    ws = wb.create_sheet("LanhDao")
    at = write_title(ws, 1, ["Cá nhân lãnh đạo, quản lý (người đứng đầu) và mức xếp loại"], 5)
    rows = [
        (
            i,
            e.member.full_name if e.member else "",
            e.organization.name,
            e.organization.get_level_display(),
            LABELS[Grade(e.effective_grade)] if e.effective_grade else "Chưa xếp loại",
        )
        for i, e in enumerate(leaders, start=1)
    ]
    write_table(ws, at, ("TT", "Họ và tên", "Tổ chức", "Cấp", "Mức xếp loại"), rows,
                formats=(INTEGER, None, None, None, None))  # fmt: skip
    set_widths(ws, (6, 28, 40, 18, 30))
