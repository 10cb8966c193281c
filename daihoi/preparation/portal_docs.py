"""Files of the portal: the sign-in slips (PDF, a QR code of each one-time link) and the
seating plan as Excel, out and in (validated whole before anything is written)."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from daihoi.documents import xlsx
from daihoi.documents.fonts import SANS, SANS_BOLD, register_fonts
from daihoi.documents.geometry import fit, wrap
from daihoi.documents.pdf import draw_qr
from daihoi.documents.xlsx_read import Limits, Workbook, XlsxError

from .errors import PreparationError
from .models import Seat

SLIP_W, SLIP_H = 85 * mm, 54 * mm  # the delegate card's size: slips go in the same holder
COLUMNS, ROWS = 2, 5


def slips_pdf(congress, issued: list[tuple], url_for, expires_text: str) -> bytes:
    """One slip per (delegate, token); ``url_for(token)`` gives the absolute link."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    canvas.setTitle(f"Phiếu đăng nhập cổng đại biểu — {congress.name}")
    left = (A4[0] - COLUMNS * SLIP_W) / 2
    top = A4[1] - (A4[1] - ROWS * SLIP_H) / 2
    for index, (delegate, token) in enumerate(issued):
        slot = index % (COLUMNS * ROWS)
        if index and slot == 0:
            canvas.showPage()
        x = left + (slot % COLUMNS) * SLIP_W
        y = top - (slot // COLUMNS + 1) * SLIP_H
        _slip(canvas, congress, delegate, url_for(token), expires_text, x, y)
    canvas.save()
    return out.getvalue()


def _slip(canvas: Canvas, congress, delegate, url: str, expires: str, x: float, y: float):
    canvas.setStrokeColor(colors.Color(0.7, 0.7, 0.7))
    canvas.rect(x, y, SLIP_W, SLIP_H, stroke=1, fill=0)
    canvas.setFillColor(colors.black)
    title = congress.name
    size = fit(title, SANS_BOLD, 7, SLIP_W / mm - 8, floor=4.5)
    canvas.setFont(SANS_BOLD, size)
    canvas.drawString(x + 4 * mm, y + SLIP_H - 6 * mm, title)
    canvas.setFont(SANS_BOLD, 9)
    canvas.drawString(x + 4 * mm, y + SLIP_H - 12 * mm, "CỔNG THÔNG TIN ĐẠI BIỂU")
    canvas.setFont(SANS_BOLD, 16)
    canvas.drawString(x + 4 * mm, y + SLIP_H - 20 * mm, f"{delegate.number:03d}")
    canvas.setFont(SANS, 7.5)
    canvas.drawString(x + 4 * mm, y + SLIP_H - 25 * mm, delegate.member.full_name[:30])
    lines = wrap(
        "Quét mã bằng điện thoại để đăng nhập. Mã chỉ dùng được một lần; sau đó đặt mật khẩu "
        f"để đăng nhập lại bằng số thẻ. Hạn dùng: {expires}.",
        SANS,
        6,
        SLIP_W / mm - 40,
    )
    canvas.setFont(SANS, 6)
    for i, line in enumerate(lines[:6]):
        canvas.drawString(x + 4 * mm, y + SLIP_H - 30 * mm - i * 2.6 * mm, line)
    draw_qr(canvas, url, x + SLIP_W - 33 * mm, y + 3 * mm, 30 * mm)


HEADERS = ("Số thẻ", "Họ và tên", "Đoàn", "Khu", "Hàng", "Ghế")


def seating_xlsx(congress, delegates) -> bytes:
    book, sheet = xlsx.new_workbook("Sơ đồ chỗ ngồi")
    row = xlsx.write_title(sheet, 1, [f"Sơ đồ chỗ ngồi — {congress.name}"], len(HEADERS))
    rows = []
    for d in delegates:
        seat = getattr(d, "seat", None)
        place = (seat.block, seat.row, seat.number) if seat else ("", None, None)
        rows.append((d.number, d.member.full_name, d.delegation.name, *place))
    xlsx.write_table(sheet, row, HEADERS, rows, formats=("0", None, None, None, "0", "0"))
    xlsx.set_widths(sheet, (9, 28, 36, 8, 8, 8))
    return xlsx.workbook_bytes(book)


def read_seating(data: bytes, numbers: set[int]) -> list[tuple[int, str, int, int]]:
    """Rows (card number, block, row, seat) from the seating workbook; every problem is listed
    with its Excel row and column, and nothing is returned unless all rows are good."""
    try:
        book = Workbook(data, Limits(columns=64, rows=100_000))
        rows = list(book.rows(next(iter(book.sheets)))) if book.sheets else []
        book.check()
    except XlsxError as refused:
        raise PreparationError("seat.file", "; ".join(map(str, refused.problems))) from None
    found, errors, seen_cards, seen_seats = [], [], set(), set()
    header_row = None
    for index, values in rows:
        cells = ["" if v is None else str(v).strip() for v in values[:6]]
        if header_row is None:
            if cells and cells[0] == HEADERS[0]:
                header_row = index
            continue
        if not any(cells):
            continue
        problem = _seat_row(cells, numbers, seen_cards, seen_seats)
        if isinstance(problem, str):
            errors.append(f"Dòng {index}: {problem}")
        else:
            found.append(problem)
    if header_row is None:
        raise PreparationError("seat.header", "Không thấy dòng tiêu đề “Số thẻ” trong tệp.")
    if errors:
        raise PreparationError("seat.rows", errors[0], errors[1:50])
    return found


def _seat_row(cells, numbers, seen_cards, seen_seats):
    cells = (cells + [""] * 6)[:6]
    card, block, row, seat = cells[0], cells[3], cells[4], cells[5]
    for label, value in (("Số thẻ", card), ("Hàng", row), ("Ghế", seat)):
        if not value.replace(".0", "").isdigit():
            return f"cột “{label}” phải là số (đang là “{value}”)."
    card_n, row_n, seat_n = (int(float(v)) for v in (card, row, seat))
    if card_n not in numbers:
        return f"số thẻ {card_n} không có trong danh sách đại biểu được triệu tập."
    if not block:
        return "cột “Khu” đang trống."
    if card_n in seen_cards:
        return f"số thẻ {card_n} xếp hai chỗ."
    if (block, row_n, seat_n) in seen_seats:
        return f"ghế khu {block}, hàng {row_n}, số {seat_n} đã xếp cho người khác."
    seen_cards.add(card_n)
    seen_seats.add((block, row_n, seat_n))
    return (card_n, block[:20], row_n, seat_n)


def seated(congress):
    return Seat.objects.filter(congress=congress)
