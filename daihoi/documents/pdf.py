"""PDF building blocks on ReportLab: styles, the party header, tables, signatures, QR codes.

Flowing documents are written as ``common`` blocks and turned into ReportLab
flowables here (``flowables``), then laid out on pages by ``build_pdf``.
Documents that need exact geometry (the ballot paper) paint a canvas through
``geometry`` instead. Every PDF is built with ``invariant=1``: the same data
gives the same bytes, so a printed file can be checked against a hash.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import partial

import qrcode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from daihoi.documents.common import (
    INDENT_MM,
    PARTY_NAME,
    Block,
    Grid,
    Heading,
    Pairs,
    Para,
    PartyHeader,
    Signatures,
    runs,
)
from daihoi.documents.fonts import SANS, SERIF, SERIF_BOLD, register_fonts

HEADER_FILL = colors.HexColor("#E8E8E8")
HIGHLIGHT_FILL = colors.HexColor("#FFF2CC")
ALERT_RED = colors.HexColor("#B00000")
WATERMARK_GREY = colors.Color(0.85, 0.85, 0.85)
SIGNING_ROOM_MM = 18
_ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT}


def paragraph_styles(font: str = SERIF, size: float = 12) -> dict[str, ParagraphStyle]:
    """The paragraph styles of an official document, by role."""
    register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.3)
    body.alignment, body.spaceAfter = TA_JUSTIFY, 1.5 * mm
    title_pt = size + 3
    return {
        "body": body,
        "left": ParagraphStyle("left", parent=body, alignment=TA_LEFT, spaceAfter=0),
        "centre": ParagraphStyle("centre", parent=body, alignment=TA_CENTER, spaceAfter=0),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=SERIF_BOLD,
            fontSize=title_pt,
            leading=title_pt * 1.3,
            alignment=TA_CENTER,
            spaceBefore=6 * mm,
            spaceAfter=1 * mm,
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=SERIF_BOLD, spaceBefore=3 * mm, spaceAfter=1.5 * mm
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=size - 2, leading=(size - 2) * 1.3),
    }


def markup(text: str) -> str:
    """Block text ("**bold**" runs) as ReportLab's paragraph mini-HTML, escaped."""
    return "".join(f"<b>{escape(t)}</b>" if bold else escape(t) for t, bold in runs(text))


def escape(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def party_header(header: PartyHeader, width: float, size: float = 11.5) -> Table:
    """The head of a party document as a borderless two-column table ``width`` points wide."""
    centre = paragraph_styles(size=size)["centre"]
    left = [Paragraph(markup(f"**{t}**" if bold else t), centre) for t, bold in header.left_lines()]
    right = [
        Paragraph(f"<b><u>{PARTY_NAME}</u></b>", centre),
        Spacer(1, 2 * mm),
        Paragraph(escape(header.date_line), centre),
    ]
    table = Table([[left, right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_no_padding_x()]))
    return table


def flowables(blocks: Sequence[Block], size: float = 12) -> list[Flowable]:
    """ReportLab flowables for ``common`` blocks, in order."""
    styles = paragraph_styles(size=size)
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(Paragraph(markup(block.text), styles["heading"]))
        elif isinstance(block, Para):
            out.append(_paragraph(block, styles["body"]))
        elif isinstance(block, Pairs):
            out.append(plain_table(block.rows, _to_frame(block.widths_mm), size))
        elif isinstance(block, Grid):
            widths = _to_frame(block.widths_mm)
            out.append(
                data_table(
                    block.headers,
                    block.rows,
                    widths,
                    align=block.align,
                    highlight=block.highlight,
                    size=size - 1.5,
                )
            )
        elif isinstance(block, Signatures):
            out.append(_kept_with_signatures(out, block))
    return out


def _kept_with_signatures(out: list[Flowable], block: Signatures) -> Flowable:
    """The signature block on one page with its titles and the sentence that introduces
    it (taken back from ``out``): a page never ends on a title with its signers overleaf.
    A block longer than a page still splits, its titles repeated on the next one."""
    lead = [out.pop()] if out and isinstance(out[-1], Paragraph) else []
    return KeepTogether([*lead, Spacer(1, 6 * mm), signature_block(block.columns, frame_width())])


def _paragraph(block: Para, body: ParagraphStyle) -> Paragraph:
    style = ParagraphStyle("p", parent=body, alignment=_ALIGN[block.align])
    style.fontSize += block.size
    style.leading = style.fontSize * 1.3
    if block.alert:
        style.textColor = ALERT_RED
    return Paragraph(markup(block.text), style)


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    align: Sequence[str] | None = None,
    highlight: Sequence[int] = (),
    size: float = 10.5,
) -> Table:
    """A ruled table whose header row repeats on every page.

    ``align`` gives each column's alignment ("LEFT", "CENTER", "RIGHT");
    ``highlight`` the 0-based data rows to shade and set in bold.
    """
    styles = paragraph_styles(size=size)
    head = ParagraphStyle("head", parent=styles["centre"], fontName=SERIF_BOLD)
    by_align = {"CENTER": styles["centre"], "RIGHT": styles["right"], "LEFT": styles["left"]}
    marked = set(highlight)
    cells = [[Paragraph(escape(h), head) for h in headers]]
    aligns = list(align or ["LEFT"] * len(headers))
    for index, row in enumerate(rows):
        font = SERIF_BOLD if index in marked else SERIF
        cells.append(
            [
                _cell(str(v), font, size, by_align[a], w)
                for v, a, w in zip(row, aligns, widths, strict=True)
            ]
        )
    table = Table(cells, colWidths=list(widths), repeatRows=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        # Cells that fit on one line are set as plain text (no paragraph to lay out):
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("LEADING", (0, 1), (-1, -1), size * 1.3),
        ("FONTNAME", (0, 1), (-1, -1), SERIF),
        *(("ALIGN", (c, 1), (c, -1), a) for c, a in enumerate(aligns)),
        *(("FONTNAME", (0, i + 1), (-1, i + 1), SERIF_BOLD) for i in marked),
    ]
    commands += [("BACKGROUND", (0, i + 1), (-1, i + 1), HIGHLIGHT_FILL) for i in highlight]
    table.setStyle(TableStyle(commands))
    return table


def _cell(text: str, font: str, size: float, style: ParagraphStyle, width: float):
    """Plain text when it fits the column on one line, else a paragraph that wraps."""
    room = width - 2 * _CELL_PADDING
    if "*" not in text and "<" not in text and stringWidth(text, font, size) <= room:
        return text
    bold = ParagraphStyle("bold", parent=style, fontName=font)
    return Paragraph(markup(text), bold)


_CELL_PADDING = 6  # ReportLab's default left and right cell padding, in points


def plain_table(rows: Sequence[Sequence[str]], widths: Sequence[float], size: float = 12) -> Table:
    """Label-and-value lines without borders (see ``common.Pairs``)."""
    style = paragraph_styles(size=size)["left"]
    indented = ParagraphStyle("indented", parent=style, leftIndent=INDENT_MM * mm)
    cells = [
        [Paragraph(markup(v.lstrip("\t")), indented if v.startswith("\t") else style) for v in row]
        for row in rows
    ]
    table = Table(cells, colWidths=list(widths), hAlign="LEFT")
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)]
    table.setStyle(TableStyle([*commands, ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    return table


def signature_block(columns: Sequence[tuple[str, Sequence[str]]], width: float) -> Table:
    """Signature columns side by side: a bold title, then for each name room to sign.

    One table row per name; a committee longer than a page runs onto the next one with
    the titles repeated.
    """
    styles = paragraph_styles(size=12)
    title = ParagraphStyle("sig", parent=styles["centre"], fontName=SERIF_BOLD)
    cells = [[Paragraph(escape(t.upper()), title) for t, _ in columns]]
    for index in range(max(len(names) for _, names in columns) or 1):
        line = [names[index] if index < len(names) else "" for _, names in columns]
        cells.append([Paragraph(markup(f"**{n}**" if n else ""), styles["centre"]) for n in line])
    table = Table(cells, colWidths=[width / len(columns)] * len(columns), repeatRows=1)
    room = ("TOPPADDING", (0, 1), (-1, -1), SIGNING_ROOM_MM * mm)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), room]))
    return table


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    footer: str = "",
    watermark: str = "",
    pagesize: tuple[float, float] = A4,
) -> bytes:
    """Lay out ``story`` on pages with a footer "… · Trang x/y" and an optional diagonal watermark.

    Margins are those of an official file (top 20, right 15, bottom 20, left 25 mm:
    the left edge is bound).
    """
    register_fonts()
    top, right, bottom, left = (m * mm for m in _MARGINS_MM)
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=pagesize, title=title, author="daihoi", invariant=1)
    # No frame padding: a table as wide as frame_width() then lines up with the text.
    frame = Frame(
        left,
        bottom,
        pagesize[0] - left - right,
        pagesize[1] - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    stamp = partial(_draw_watermark, text=watermark) if watermark else _nothing
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=stamp)])
    maker = partial(_NumberedCanvas, footer=footer, margins=(left, right, bottom))
    doc.build(story, canvasmaker=maker)
    return out.getvalue()


_MARGINS_MM = (20, 15, 20, 25)


def frame_width(pagesize: tuple[float, float] = A4) -> float:
    """The text width in points between ``build_pdf``'s margins."""
    return pagesize[0] - (_MARGINS_MM[1] + _MARGINS_MM[3]) * mm


def qr_modules(payload: str) -> list[list[bool]]:
    """The dark/light modules of a QR code for ``payload``, its 4-module quiet zone included.

    Error correction level M survives a stamp edge or a fold across the code.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code as vector squares in the square (x, y, size): lower-left origin, points.

    The square includes the quiet zone, which is left unpainted (white paper).
    """
    modules = qr_modules(payload)
    step = size / len(modules)
    canvas.saveState()
    canvas.setFillColor(colors.black)
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                # A hair of overlap so neighbouring squares print without white seams.
                top = y + size - (r + 1) * step
                canvas.rect(x + c * step, top, step + 0.05, step + 0.05, stroke=0, fill=1)
    canvas.restoreState()


def _to_frame(widths_mm: Sequence[float]) -> list[float]:
    """Column widths in points, shrunk in proportion if they would overflow the text width."""
    widths = [w * mm for w in widths_mm]
    scale = min(1.0, frame_width() / sum(widths))
    return [w * scale for w in widths]


def _no_padding_x() -> list[tuple]:
    return [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]


def _nothing(canvas: Canvas, doc: BaseDocTemplate) -> None:
    return None


def _draw_watermark(canvas: Canvas, doc: BaseDocTemplate, text: str) -> None:
    """Drawn before the page's content, so the text stays readable on top of it."""
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFillColor(WATERMARK_GREY)
    canvas.setFont(SANS, 44)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, 0, text)
    canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end so each footer can say "Trang x/y"."""

    def __init__(self, *args, footer: str, margins: tuple[float, float, float], **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer, self._margins = footer, margins

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        left, right, bottom = self._margins
        self.saveState()
        self.setFont(SANS, 7.5)
        self.setFillColor(colors.Color(0.3, 0.3, 0.3))
        page = f"Trang {number}/{total}"
        room = self._pagesize[0] - left - right - self.stringWidth(page, SANS, 7.5) - 5 * mm
        text = self._footer
        while text and self.stringWidth(text, SANS, 7.5) > room:
            text = text[:-2] + "…"  # cut rather than run into the page number
        self.drawString(left, bottom / 2, text)
        self.drawRightString(self._pagesize[0] - right, bottom / 2, page)
        self.restoreState()
