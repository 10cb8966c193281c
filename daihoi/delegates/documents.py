"""Files of the delegates' work: the seat plan (đề án, DOCX and XLSX), the delegate cards (PDF
with a QR code carrying only the card token) and the credentials committee's report."""

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from daihoi.documents import docx as word
from daihoi.documents import xlsx
from daihoi.documents.common import (
    Grid,
    Heading,
    Pairs,
    Para,
    PartyHeader,
    Signatures,
    date_line,
    vn_number,
)
from daihoi.documents.fonts import SANS, SANS_BOLD, register_fonts
from daihoi.documents.geometry import fit
from daihoi.documents.pdf import build_pdf, draw_qr, flowables, frame_width, party_header
from daihoi.rules import apportion

from .models import Delegate, Method
from .roster import qr_payload


def _header(congress, on: dt.date, number: str = "Số   -ĐA/…") -> PartyHeader:
    org = congress.organization
    superior = org.parent.name if org.parent_id else ""
    committee = "Ban Chấp hành " + org.name
    return PartyHeader(superior, committee, date_line("", on), number=number)


GRID_HEADERS = ("TT", "Đảng bộ", "Đảng viên", "Tổ chức trực thuộc", "Tỷ lệ thuần")
GRID_HEADERS += ("Bầu", "Đương nhiên", "Cộng")
GRID_ALIGN = ("CENTER", "LEFT") + ("RIGHT",) * 6


def _grid(lines) -> Grid:
    rows = tuple(
        (str(i), li.organization.name, vn_number(li.members), vn_number(li.organizations))
        + (vn_number(li.quota, 2), f"{li.seats}{'*' if li.adjusted else ''}")
        + (str(li.ex_officio), str(li.delegation))
        for i, li in enumerate(lines, start=1)
    )
    elected, ex_officio = sum(li.seats for li in lines), sum(li.ex_officio for li in lines)
    members = vn_number(sum(li.members for li in lines))
    total = ("", "Cộng", members, "", "", str(elected), str(ex_officio), str(elected + ex_officio))
    widths = (10, 60, 20, 18, 18, 14, 18, 14)
    return Grid(GRID_HEADERS, (*rows, total), widths, GRID_ALIGN, highlight=(len(rows),))


def plan_blocks(plan, lines, on: dt.date) -> list:
    congress = plan.congress
    ex_officio = sum(line.ex_officio for line in lines)
    elected = sum(line.seats for line in lines)
    directive = apportion.CT_45 if congress.term == "2025-2030" else apportion.CT_35
    blocks = [
        Para("**ĐỀ ÁN**", "centre", 2),
        Para(f"**Phân bổ đại biểu dự {congress.name}**", "centre"),
        Heading("I. CĂN CỨ"),
        Para(f"{apportion.CHARTER}; {directive}."),
        Heading("II. SỐ LƯỢNG ĐẠI BIỂU"),
        Para(
            f"Tổng số {plan.total} đại biểu chính thức, gồm {ex_officio} đại biểu đương nhiên "
            f"(ủy viên Ban Chấp hành đang sinh hoạt tại các đảng bộ) và {elected} đại biểu do "
            "đại hội các đảng bộ trực thuộc bầu. Số đại biểu dự khuyết do đại hội cấp dưới quyết định."
        ),
        Heading("III. NGUYÊN TẮC VÀ PHƯƠNG PHÁP PHÂN BỔ"),
        Para(_method_text(plan, str(Method(plan.method).label))),
        Heading("IV. PHÂN BỔ CỤ THỂ"),
        _grid(lines),
    ]
    adjusted = [
        f"{li.organization.name}: {li.computed} → {li.seats} ({li.adjusted_reason})"
        for li in lines
        if li.adjusted
    ]
    if adjusted:
        blocks.append(Para("(*) Điều chỉnh: " + "; ".join(adjusted) + ".", size=-1))
    blocks.append(Signatures((("T/M BAN THƯỜNG VỤ", ("",)),)))
    return blocks


def _method_text(plan, method: str) -> str:
    text = (
        f"Phân bổ theo phương pháp {method}; căn cứ số lượng đảng viên (trọng số {plan.member_weight}%)"
        f" và số tổ chức đảng trực thuộc (trọng số {plan.organization_weight}%); "
        f"mỗi đảng bộ ít nhất {plan.minimum} đại biểu."
    )
    if plan.method == Method.PER_UNIT_QUOTA:
        n = plan.members_per_seat or plan.solved_members_per_seat
        text = (
            f"Mỗi đảng bộ trực thuộc {plan.per_unit} đại biểu; cứ {vn_number(n)} đảng viên thêm "
            f"1 đại biểu, số dư trên một nửa ({vn_number(n // 2 + 1)} trở lên) thêm 1 đại biểu."
        )
    return text + " Đảng bộ có vị trí quan trọng được cộng thêm suất ưu tiên (nếu có)."


def plan_docx(plan, lines, on: dt.date) -> bytes:
    doc = word.new_document(footer=f"Đề án phân bổ đại biểu — {plan.congress.name}")
    word.add_party_header(doc, _header(plan.congress, on))
    word.add_blocks(doc, plan_blocks(plan, lines, on))
    return word.docx_bytes(doc)


XLSX_HEADERS = ["Đảng bộ", "Đảng viên", "Tổ chức trực thuộc", "Tỷ lệ thuần", "Theo công thức"]
XLSX_HEADERS += ["Bầu", "Đương nhiên", "Cộng", "Lý do điều chỉnh"]
XLSX_FORMATS = [None, xlsx.INTEGER, xlsx.INTEGER, "0.0000"] + [xlsx.INTEGER] * 4 + [None]


def plan_xlsx(plan, lines) -> bytes:
    book, sheet = xlsx.new_workbook("Phân bổ")
    row = xlsx.write_title(sheet, 1, ["Phân bổ đại biểu", plan.congress.name], 8)
    method = str(Method(plan.method).label)
    row = xlsx.write_pairs(sheet, row, [("Tổng số đại biểu", plan.total), ("Phương pháp", method)])
    rows = [
        [li.organization.name, li.members, li.organizations, float(li.quota), li.computed]
        + [li.seats, li.ex_officio, li.delegation, li.adjusted_reason]
        for li in lines
    ]
    xlsx.write_table(sheet, row, XLSX_HEADERS, rows, formats=XLSX_FORMATS)
    xlsx.set_widths(sheet, [44, 12, 12, 12, 12, 10, 12, 10, 40])
    return xlsx.workbook_bytes(book)


CARD_W, CARD_H = 85 * mm, 54 * mm
COLUMNS, ROWS = 2, 5


def cards_pdf(congress, delegates: list[Delegate]) -> bytes:
    """Delegate cards, ten to an A4 sheet, cut along the grey lines."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    canvas.setTitle(f"Thẻ đại biểu — {congress.name}")
    left = (A4[0] - COLUMNS * CARD_W) / 2
    top = A4[1] - (A4[1] - ROWS * CARD_H) / 2
    for index, delegate in enumerate(delegates):
        slot = index % (COLUMNS * ROWS)
        if index and slot == 0:
            canvas.showPage()
        x = left + (slot % COLUMNS) * CARD_W
        y = top - (slot // COLUMNS + 1) * CARD_H
        _card(canvas, congress, delegate, x, y)
    canvas.save()
    return out.getvalue()


def _card(canvas: Canvas, congress, delegate: Delegate, x: float, y: float) -> None:
    canvas.setStrokeColor(colors.Color(0.7, 0.7, 0.7))
    canvas.rect(x, y, CARD_W, CARD_H, stroke=1, fill=0)
    canvas.setFillColor(colors.HexColor("#A50E0E"))
    canvas.rect(x, y + CARD_H - 9 * mm, CARD_W, 9 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    title = congress.name.upper()
    size = fit(title, SANS_BOLD, 6.5, CARD_W / mm - 6, floor=4.5)  # one line across the band
    canvas.setFont(SANS_BOLD, size)
    canvas.drawCentredString(x + CARD_W / 2, y + CARD_H - 4 * mm, title)
    canvas.setFont(SANS_BOLD, 6.5)
    canvas.drawCentredString(x + CARD_W / 2, y + CARD_H - 7.3 * mm, "THẺ ĐẠI BIỂU")
    canvas.setFillColor(colors.black)
    canvas.setFont(SANS_BOLD, 20)
    canvas.drawString(x + 5 * mm, y + CARD_H - 19 * mm, f"{delegate.number:03d}")
    canvas.setFont(SANS_BOLD, 9.5)
    canvas.drawString(x + 5 * mm, y + CARD_H - 27 * mm, delegate.member.full_name[:32])
    canvas.setFont(SANS, 7)
    canvas.drawString(x + 5 * mm, y + CARD_H - 32 * mm, delegate.delegation.name[:44])
    kind = "Đại biểu dự khuyết" if delegate.kind == "alternate" else "Đại biểu chính thức"
    canvas.drawString(x + 5 * mm, y + CARD_H - 36.5 * mm, kind)
    canvas.setFont(SANS, 5.5)
    canvas.drawString(x + 5 * mm, y + 4 * mm, "Xuất trình thẻ khi vào hội trường")
    draw_qr(canvas, qr_payload(delegate), x + CARD_W - 33 * mm, y + 3 * mm, 30 * mm)


def credentials_pdf(congress, figures: dict, on: dt.date) -> bytes:
    story = [party_header(_header(congress, on, "Số   -BC/…"), frame_width())]
    story += flowables(credentials_blocks(congress, figures))
    return build_pdf(
        story, title=f"Báo cáo thẩm tra tư cách đại biểu — {congress.name}", footer=congress.name
    )


def credentials_docx(congress, figures: dict, on: dt.date) -> bytes:
    doc = word.new_document(footer=congress.name)
    word.add_party_header(doc, _header(congress, on, "Số   -BC/…"))
    word.add_blocks(doc, credentials_blocks(congress, figures))
    return word.docx_bytes(doc)


def credentials_blocks(congress, f: dict) -> list:
    n = f["summoned"] or 1

    def pct(k: int) -> str:
        return f"{k} ({vn_number(100 * k / n, 2)}%)"

    rows = (
        ("Đại biểu được triệu tập", str(f["summoned"])),
        ("Đại biểu có mặt", str(f["present"])),
        ("\tĐại biểu đương nhiên", str(f["ex_officio"])),
        ("\tĐại biểu do đại hội cấp dưới bầu", str(f["elected"])),
        ("\tĐại biểu được chỉ định", str(f["appointed"])),
        ("Nữ", pct(f["women"])),
        ("Dân tộc thiểu số", pct(f["ethnic_minority"])),
        ("Trình độ sau đại học", pct(f["graduate"])),
        ("Trình độ đại học", pct(f["university"])),
        ("Lý luận chính trị cao cấp, cử nhân", pct(f["advanced_theory"])),
        ("Tuổi bình quân", vn_number(f["age_average"], 1)),
        ("Tuổi cao nhất / thấp nhất", f"{f['age_oldest']} / {f['age_youngest']}"),
    )
    blocks = [
        Para("**BÁO CÁO**", "centre", 2),
        Para(f"**Thẩm tra tư cách đại biểu dự {congress.name}**", "centre"),
        Pairs(rows),
    ]
    rejected = f["rejected"]
    text = (
        "Tất cả đại biểu được triệu tập đều đủ tư cách."
        if not rejected
        else (
            "Đề nghị đại hội không công nhận tư cách: "
            + "; ".join(f"{d.member.full_name} ({d.credentials_note})" for d in rejected)
            + "."
        )
    )
    blocks.append(Para(text))
    blocks.append(Signatures((("T/M BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU", ("",)),)))
    return blocks
