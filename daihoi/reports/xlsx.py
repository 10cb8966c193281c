"""The upward report as a workbook: congress progress by level and by child, member statistics."""

import datetime as dt

from daihoi.documents import xlsx

from . import selectors, statistics

TITLES = {
    "gender": "Giới tính",
    "status": "Tình trạng đảng viên",
    "age": "Độ tuổi",
    "ethnicity": "Dân tộc",
    "education": "Trình độ chuyên môn",
    "theory": "Lý luận chính trị",
}


def statistics_xlsx(root, term: str, on: dt.date) -> bytes:
    book, sheet = xlsx.new_workbook("Tiến độ đại hội")
    row = xlsx.write_title(sheet, 1, [f"Tiến độ đại hội nhiệm kỳ {term}", root.name], 9)
    overall, levels = selectors.by_level(root, term)
    headers = ["Cấp", "Tổng số", "Đã tổ chức", "Tỷ lệ", "Đang diễn ra", "Đã chuẩn bị"]
    headers += ["Dự kiến", "Hoãn", "Đại hội điểm (đã tổ chức)"]
    rows = [_progress_row(p) for p in [*levels, overall]]
    rows[-1][0] = "Toàn đảng bộ"
    formats = [None, xlsx.INTEGER, xlsx.INTEGER, xlsx.PERCENT] + [xlsx.INTEGER] * 4 + [None]
    row = xlsx.write_table(sheet, row, headers, rows, formats=formats, highlight=[len(rows) - 1])
    children = [_progress_row(p) for p in selectors.by_child(root, term)]
    if children:
        row = xlsx.write_table(
            sheet, row, ["Tổ chức trực thuộc", *headers[1:]], children, formats=formats
        )
    xlsx.set_widths(sheet, [40, 10, 12, 10, 12, 12, 10, 10, 22])
    _members_sheet(book, root, on)
    return xlsx.workbook_bytes(book)


def _progress_row(p: selectors.Progress) -> list:
    s = p.by_status
    share = p.held / p.total if p.total else 0
    pilots = f"{p.pilots_held}/{p.pilots}"
    return [
        p.label,
        p.total,
        p.held,
        share,
        s["in_session"],
        s["prepared"],
        s["planned"],
        s["postponed"],
        pilots,
    ]


def _members_sheet(book, root, on: dt.date) -> None:
    sheet = book.create_sheet("Đảng viên")
    row = xlsx.write_title(
        sheet, 1, ["Thống kê đảng viên", f"{root.name} — đến ngày {on:%d/%m/%Y}"], 3
    )
    for key, rows in statistics.member_statistics(root, on).items():
        total = sum(n for _, n in rows) or 1
        data = [[label, n, n / total] for label, n in rows]
        row = xlsx.write_table(
            sheet,
            row,
            [TITLES[key], "Số đảng viên", "Tỷ lệ"],
            data,
            formats=[None, xlsx.INTEGER, xlsx.PERCENT],
        )
    xlsx.set_widths(sheet, [36, 14, 10])
