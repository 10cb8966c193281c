"""The shared PDF, Word and Excel helpers, on a made-up report (no election involved)."""

import io

import openpyxl
from docx import Document

from daihoi.documents.common import Grid, Heading, Pairs, Para, PartyHeader, Signatures
from daihoi.documents.docx import add_blocks, add_party_header, docx_bytes, new_document
from daihoi.documents.pdf import build_pdf, flowables, frame_width, party_header
from daihoi.documents.xlsx import PERCENT, new_workbook, workbook_bytes, write_table
from tests.documents.pdftools import page_count, pdf_text, render

HEADER = PartyHeader("Đảng bộ huyện Đông", "Ban Tổ chức", "Đông Hòa, ngày 05 tháng 01 năm 2025")
ROWS = tuple((str(i), f"Chi bộ thôn {i}", f"{i},5%") for i in range(1, 81))
BLOCKS = [
    Heading("I. PHÂN BỔ ĐẠI BIỂU"),
    Para("Số đại biểu được phân bổ: **350**."),
    Pairs((("Tổng số đảng viên:", "12.345"), ("\ttrong đó dự bị:", "321"))),
    Grid(("TT", "Tổ chức", "Tỷ lệ"), ROWS, (10, 120, 40), ("CENTER", "LEFT", "RIGHT"), (0,)),
    Signatures((("Người lập biểu", ("Trần Thị Bình",)), ("Trưởng ban", ("Nguyễn Văn Ấn",)))),
]


def report_pdf(**options) -> bytes:
    story = [party_header(HEADER, frame_width()), *flowables(BLOCKS)]
    return build_pdf(story, title="Phân bổ", footer="Phân bổ đại biểu", **options)


def test_the_pdf_repeats_the_table_header_and_numbers_its_pages():
    pdf = report_pdf(watermark="BẢN NHÁP")
    text = pdf_text(pdf)
    pages = page_count(pdf)
    assert pages >= 2
    assert text.count("Tổ chức") == pages  # the header row on every page of the table
    assert f"Trang {pages}/{pages}" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Chi bộ thôn 80" in text


def test_the_watermark_greys_every_page():
    # pdftotext skips diagonal text, so look for the watermark's light grey instead.
    def grey(pdf: bytes, page: int) -> int:
        image = render(pdf, dpi=50, page=page)
        return int(((image > 200) & (image < 235)).sum())

    marked, plain = report_pdf(watermark="BẢN NHÁP"), report_pdf()
    for page in range(1, page_count(plain) + 1):
        assert grey(marked, page) > grey(plain, page) + 300


def test_the_same_data_gives_the_same_pdf_bytes():
    assert report_pdf() == report_pdf()


def test_the_word_copy_holds_the_same_blocks():
    doc = new_document(footer="Phân bổ đại biểu")
    add_party_header(doc, HEADER)
    add_blocks(doc, BLOCKS)
    reopened = Document(io.BytesIO(docx_bytes(doc)))
    grid = reopened.tables[2]
    assert [c.text for c in grid.rows[0].cells] == ["TT", "Tổ chức", "Tỷ lệ"]
    assert len(grid.rows) == 81 and grid.rows[80].cells[1].text == "Chi bộ thôn 80"
    assert reopened.tables[1].rows[1].cells[0].paragraphs[0].paragraph_format.left_indent
    assert "350" in "\n".join(p.text for p in reopened.paragraphs)


def test_the_workbook_keeps_numbers_as_numbers():
    book, sheet = new_workbook("Phân bổ")
    write_table(sheet, 1, ["TT", "Tỷ lệ"], [[1, 0.5238]], formats=[None, PERCENT], highlight=[0])
    reopened = openpyxl.load_workbook(io.BytesIO(workbook_bytes(book)))["Phân bổ"]
    assert reopened["B2"].value == 0.5238 and reopened["B2"].number_format == "0.00%"
    assert reopened["A2"].font.bold and reopened.auto_filter.ref == "A1:B2"
