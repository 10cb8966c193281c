"""Word documents on python-docx: the A4 page, the party header, ``common`` blocks.

Word files are the editable copy of a document (the secretariat often adds a
line before printing); the PDF is the one to sign. The font is Times New
Roman, the face of official documents, which every Word installation has.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

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

FONT = "Times New Roman"
MARGINS_MM = (20, 15, 20, 30)  # top, right, bottom, left (the bound edge)
TEXT_WIDTH_MM = 210 - MARGINS_MM[1] - MARGINS_MM[3]
ALERT_RED = RGBColor(0xB0, 0x00, 0x00)
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "CENTER": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "RIGHT": WD_ALIGN_PARAGRAPH.RIGHT,
    "LEFT": WD_ALIGN_PARAGRAPH.LEFT,
}


def new_document(size: float = 13, footer: str = "") -> DocxDocument:
    """An A4 document with official margins (20/15/20/30 mm), Times New Roman, "Trang x/y"."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = (Mm(m) for m in MARGINS_MM)
    section.top_margin, section.right_margin = top, right
    section.bottom_margin, section.left_margin = bottom, left
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(size)
    # Word takes East Asian and complex-script text from separate slots: fill them all.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(3)
    _page_footer(section.footer.paragraphs[0], footer)
    return doc


def set_page_header(doc: DocxDocument, text: str) -> None:
    """A line at the top of every page (e.g. "BẢN CHƯA CÔNG BỐ"), bold and red."""
    paragraph = doc.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.font.color.rgb = True, ALERT_RED


def add_party_header(doc: DocxDocument, header: PartyHeader) -> Table:
    table = _borderless(doc, 1, 2, (70, 95))
    left, right = table.rows[0].cells
    for index, (text, bold) in enumerate(header.left_lines()):
        _write(_cell_paragraph(left, index), f"**{text}**" if bold else text, "centre")
    top = _cell_paragraph(right, 0)
    _write(top, f"**{PARTY_NAME}**", "centre")
    top.runs[0].underline = True
    _write(_cell_paragraph(right, 1), header.date_line, "centre").runs[0].italic = True
    return table


def add_blocks(doc: DocxDocument, blocks: Sequence[Block]) -> None:
    """Append ``common`` blocks in order."""
    for block in blocks:
        if isinstance(block, Heading):
            paragraph = _write(doc.add_paragraph(), f"**{block.text}**", "left")
            paragraph.paragraph_format.space_before = Pt(8)
        elif isinstance(block, Para):
            _para(doc, block)
        elif isinstance(block, Pairs):
            table = _borderless(doc, len(block.rows), 2, block.widths_mm)
            for row, values in zip(table.rows, block.rows, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    paragraph = _write(cell.paragraphs[0], value.lstrip("\t"), "left")
                    if value.startswith("\t"):
                        paragraph.paragraph_format.left_indent = Mm(INDENT_MM)
        elif isinstance(block, Grid):
            add_grid(doc, block)
        elif isinstance(block, Signatures):
            _signatures(doc, block)


def add_grid(doc: DocxDocument, grid: Grid, size: float = 11) -> Table:
    """A ruled table; the header row is shaded and repeats on every page."""
    table = doc.add_table(rows=1 + len(grid.rows), cols=len(grid.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, grid.widths_mm)
    for cell, text in zip(table.rows[0].cells, grid.headers, strict=True):
        _write(cell.paragraphs[0], f"**{text}**", "centre", size)
        _shade(cell, "E8E8E8")
    _repeat_as_header(table.rows[0])
    marked = set(grid.highlight)
    for index, (row, values) in enumerate(zip(table.rows[1:], grid.rows, strict=True)):
        for cell, value, align in zip(row.cells, values, grid.align, strict=True):
            _write(cell.paragraphs[0], f"**{value}**" if index in marked else value, align, size)
            if index in marked:
                _shade(cell, "FFF2CC")
    return table


def docx_bytes(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _para(doc: DocxDocument, block: Para) -> Paragraph:
    size = doc.styles["Normal"].font.size.pt + block.size
    paragraph = _write(doc.add_paragraph(), block.text, block.align, size)
    for run in paragraph.runs if block.alert else ():
        run.font.color.rgb = ALERT_RED
    return paragraph


def _signatures(doc: DocxDocument, block: Signatures) -> None:
    """Titles on the first row, then a row per name with blank lines above it to sign.

    Kept on one page with the sentence before it (Word's "keep with next" on every
    paragraph but the last, rows that do not split); the titles repeat if a long
    committee runs onto the next page."""
    depth = max(len(names) for _, names in block.columns) or 1
    width = TEXT_WIDTH_MM / len(block.columns)
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    table = _borderless(doc, 1 + depth, len(block.columns), (width,) * len(block.columns))
    _repeat_as_header(table.rows[0])
    for col, (title, names) in enumerate(block.columns):
        _write(table.cell(0, col).paragraphs[0], f"**{title.upper()}**", "centre")
        for row, name in enumerate(names, start=1):
            paragraph = table.cell(row, col).paragraphs[0]
            paragraph.paragraph_format.space_before = Pt(48)
            _write(paragraph, f"**{name}**", "centre")
    for index, row in enumerate(table.rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = index < len(table.rows) - 1


def _write(paragraph: Paragraph, text: str, align: str, size: float | None = None) -> Paragraph:
    paragraph.alignment = _ALIGN[align]
    for chunk, bold in runs(text):
        run = paragraph.add_run(chunk)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return paragraph


def _borderless(doc: DocxDocument, rows: int, cols: int, widths_mm: Sequence[float]) -> Table:
    table = doc.add_table(rows=rows, cols=cols)  # the default table style has no borders
    _widths(table, widths_mm)
    return table


def _widths(table: Table, widths_mm: Sequence[float]) -> None:
    # Word reads the cell widths, LibreOffice the column widths: set both. Shrink in
    # proportion to the text width (A4 less the margins) rather than run into the margin.
    scale = min(1.0, TEXT_WIDTH_MM / sum(widths_mm))
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width * scale)
        for cell in column.cells:
            cell.width = Mm(width * scale)


def _cell_paragraph(cell: _Cell, index: int) -> Paragraph:
    return cell.paragraphs[0] if index == 0 else cell.add_paragraph()


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _page_footer(paragraph: Paragraph, text: str) -> None:
    """ "<text> · Trang x/y" with Word's PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    parts = [f"{text} · Trang " if text else "Trang ", "PAGE", "/", "NUMPAGES"]
    for part in parts:
        if part in ("PAGE", "NUMPAGES"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), part)
            inner = OxmlElement("w:r")
            props, size = OxmlElement("w:rPr"), OxmlElement("w:sz")
            size.set(qn("w:val"), "18")  # half-points: 9 pt like the text around it
            props.append(size)
            inner.append(props)
            label = OxmlElement("w:t")
            label.text = "1"
            inner.append(label)
            field.append(inner)
            paragraph._p.append(field)
        else:
            paragraph.add_run(part).font.size = Pt(9)
