"""The counting minutes (PDF and Word) and the results workbook, from the services' result dict."""

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from docx import Document

from daihoi.elections.minutes import render_minutes_docx, render_minutes_pdf
from daihoi.elections.result_xlsx import render_result_xlsx
from daihoi.rules.tally import percent
from tests.documents.pdftools import pdf_text

HEAD = "3f2a9c1d8b7e6f5a4c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a29181f2e3d4c"
# Ballot order (alphabetical); votes chosen so the descending order differs from it.
BALLOT = [
    ("Đặng Thị Ánh Tuyết", 80),
    ("Hoàng Văn Ước", 110),
    ("Lê Thị Hồng Nhung", 60),
    ("Nguyễn Quốc Việt", 95),
    ("Phạm Ngọc Ẩn", 70),
]


def result(*, published=True, seats=3, votes=None, tied=(), elected=None, unfilled=0) -> dict:
    """A result dict in the shape the election services produce; base 148, 143 valid."""
    base, valid = 148, 143
    votes = votes or dict(BALLOT)
    elected = (
        elected
        if elected is not None
        else ["Hoàng Văn Ước", "Nguyễn Quốc Việt", "Đặng Thị Ánh Tuyết"]
    )
    candidates = [
        {
            "position": position,
            "name": name,
            "votes": votes[name],
            "percent_of_base": percent(votes[name], base),
            "percent_of_valid": percent(votes[name], valid),
            "elected": name in elected,
            "alternate": False,
        }
        for position, (name, _) in enumerate(BALLOT, start=1)
    ]
    return {
        "election": {
            "id": 42,
            "title": "Ban Chấp hành Đảng bộ xã Đông Hòa khóa XV, nhiệm kỳ 2025–2030",
            "kind": "committee",
            "kind_label": "Ban Chấp hành (cấp ủy)",
            "seats": seats,
            "alternates": 0,
            "round": 1,
            "rules": "2024",
            "rules_label": "QĐ 190-QĐ/TW (2024)",
            "congress": "Đại hội đại biểu Đảng bộ xã Đông Hòa lần thứ XV",
            "organization": "Đảng bộ xã Đông Hòa",
            "convening_committee": "Ban Chấp hành Đảng bộ xã Đông Hòa",
        },
        "place": "Hội trường xã Đông Hòa",
        "date": "05/01/2025",
        "time_started": "14:05",
        "time_finished": "15:40",
        "counting_committee": [
            {"name": "Nguyễn Văn Ấn", "role": "Trưởng ban"},
            {"name": "Trần Thị Bình", "role": "Ủy viên"},
            {"name": "Lê Quốc Cường", "role": "Ủy viên"},
        ],
        "summoned": 150,
        "present": 145,
        "base": base,
        "base_explanation": [
            ["Đại biểu chính thức được triệu tập", 150],
            ["Cấp ủy viên triệu tập vắng mặt cả buổi", -2],
        ],
        "issued": 145,
        "collected": 145,
        "valid": valid,
        "invalid": 2,
        "invalid_by_reason": {"too_many": 1, "all_struck": 1},
        "invalid_reason_labels": {"too_many": "Bầu quá số lượng", "all_struck": "Gạch hết tên"},
        "candidates": candidates,
        "elected": elected,
        "alternates_elected": [],
        "tied_for_last_seat": list(tied),
        "seats_unfilled": unfilled,
        "rule_citation": "QĐ 190-QĐ/TW 2024, Điều 30",
        "audit_head": HEAD,
        "published": published,
    }


def text_of(pdf: bytes) -> str:
    """The PDF's text with runs of spaces and line breaks folded to one space."""
    return " ".join(unicodedata.normalize("NFC", pdf_text(pdf)).split())


def test_it_records_every_field_the_minutes_need():
    text = text_of(render_minutes_pdf(result()))
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BIÊN BẢN KIỂM PHIẾU",
        "BAN KIỂM PHIẾU",
        "Bầu Ban Chấp hành Đảng bộ xã Đông Hòa khóa XV",
        "ngày 05 tháng 01 năm 2025",
        "Hội trường xã Đông Hòa",
        "14 giờ 05",
        "15 giờ 40",
        "Nguyễn Văn Ấn Trưởng ban",
        "Trần Thị Bình Ủy viên",
        "Số đại biểu được triệu tập: 150",
        "Số đại biểu có mặt: 145",
        "Cấp ủy viên triệu tập vắng mặt cả buổi -2",
        "Cơ sở để tính kết quả bầu cử: 148",
        "ít nhất 75 phiếu",
        "Số phiếu phát ra: 145",
        "Số phiếu thu vào: 145",
        "Số phiếu hợp lệ: 143",
        "Số phiếu không hợp lệ: 2",
        "Bầu quá số lượng 1",
        "Gạch hết tên 1",
        "QĐ 190-QĐ/TW 2024, Điều 30",
        "Mã kiểm chứng",
        "TRƯỞNG BAN KIỂM PHIẾU",
        "THÀNH VIÊN BAN KIỂM PHIẾU",
    ]:
        assert expected in text, expected
    assert HEAD in text.replace(" ", "")


def test_it_lists_candidates_by_votes_with_percentages_in_vietnamese_style():
    text = text_of(render_minutes_pdf(result()))
    # Hoàng Văn Ước: 110 of base 148 = 74,32 %; of 143 valid = 76,92 %.
    assert "Hoàng Văn Ước 2 110 74,32% 76,92% Trúng cử" in text
    assert "Lê Thị Hồng Nhung 3 60 40,54% 41,96%" in text
    order = [
        text.index(f"{name} {position} ")
        for position, (name, _) in sorted(enumerate(BALLOT, 1), key=lambda p: -p[1][1])
    ]
    assert order == sorted(order)
    assert "thứ tự in trên phiếu bầu" in text


def test_it_names_the_elected_after_the_table():
    text = text_of(render_minutes_pdf(result()))
    section = text[text.index("KẾT QUẢ BẦU CỬ") :]
    assert "3 đồng chí sau đây" in section
    assert section.index("Hoàng Văn Ước") < section.index("Nguyễn Quốc Việt")
    assert "Đã bầu đủ số lượng cần bầu (3 đồng chí)" in section


def test_it_states_a_tie_at_the_last_seat_with_the_rule():
    votes = dict(BALLOT) | {"Đặng Thị Ánh Tuyết": 80, "Phạm Ngọc Ẩn": 80}
    data = result(
        votes=votes,
        tied=["Đặng Thị Ánh Tuyết", "Phạm Ngọc Ẩn"],
        elected=["Hoàng Văn Ước", "Nguyễn Quốc Việt"],
        unfilled=1,
    )
    text = text_of(render_minutes_pdf(data))
    assert "Các đồng chí Đặng Thị Ánh Tuyết và Phạm Ngọc Ẩn cùng được 80 phiếu" in text
    assert "Theo QĐ 190-QĐ/TW 2024, Điều 30, chưa đồng chí nào trong số này trúng cử" in text
    assert "Bằng phiếu" in text


def test_it_states_a_shortfall_with_the_rule():
    data = result(elected=["Hoàng Văn Ước", "Nguyễn Quốc Việt"], unfilled=1)
    text = text_of(render_minutes_pdf(data))
    assert "Số người trúng cử (2) ít hơn số lượng cần bầu (3): còn thiếu 1 đồng chí" in text
    assert "lần bầu thứ 2" in text


def test_it_marks_an_unpublished_result():
    assert "BẢN CHƯA CÔNG BỐ" in text_of(render_minutes_pdf(result(published=False)))
    assert "BẢN CHƯA CÔNG BỐ" not in text_of(render_minutes_pdf(result(published=True)))


def test_it_accepts_the_committee_as_bare_names_head_first():
    data = result() | {"counting_committee": ["Nguyễn Văn Ấn", "Trần Thị Bình"], "place": ""}
    text = text_of(render_minutes_pdf(data))
    assert "Nguyễn Văn Ấn Trưởng ban" in text
    assert "ngày 05 tháng 01 năm 2025, Đại hội" in text


def test_it_embeds_the_font_in_the_pdf():
    pdf = render_minutes_pdf(result())
    assert b"/FontFile2" in pdf and b"DejaVuSerif" in pdf


def test_the_word_copy_opens_and_holds_the_table():
    doc = Document(io.BytesIO(render_minutes_docx(result(published=False))))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN KIỂM PHIẾU" in body
    grid = next(t for t in doc.tables if t.rows[0].cells[1].text == "Họ và tên")
    names = [row.cells[1].text for row in grid.rows[1:]]
    assert names == [
        "Hoàng Văn Ước",
        "Nguyễn Quốc Việt",
        "Đặng Thị Ánh Tuyết",
        "Phạm Ngọc Ẩn",
        "Lê Thị Hồng Nhung",
    ]
    assert grid.rows[1].cells[4].text == "74,32%"
    assert "BẢN CHƯA CÔNG BỐ" in doc.sections[0].header.paragraphs[0].text
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.1)


def test_the_workbook_opens_with_numbers_and_percent_formats():
    book = openpyxl.load_workbook(io.BytesIO(render_result_xlsx(result())))
    assert book.sheetnames == ["Kết quả", "Phiếu"]
    sheet = book["Kết quả"]
    header = next(r for r in sheet.iter_rows() if r[1].value == "Họ và tên")
    first = sheet[header[0].row + 1]
    assert [c.value for c in first[:4]] == [1, "Hoàng Văn Ước", 2, 110]
    assert first[4].value == pytest.approx(0.7432) and first[4].number_format == "0.00%"
    assert first[6].value == "Trúng cử" and first[1].fill.fgColor.rgb.endswith("FFF2CC")
    info = {r[0].value: r[2] for r in sheet.iter_rows(max_row=header[0].row) if r[0].value}
    assert info["Ngày"].value.date() == dt.date(2025, 1, 5)
    assert info["Ngày"].number_format == "dd/mm/yyyy" and info["Cơ sở tính kết quả"].value == 148
    counts = {r[0].value: r[2].value for r in book["Phiếu"].iter_rows() if r[0].value}
    assert counts["Số phiếu hợp lệ"] == 143 and counts["Cơ sở tính kết quả"] == 148


def test_every_page_of_an_unpublished_result_says_so():
    pdf = render_minutes_pdf(result(published=False))
    pages = pdf_text(pdf).split("\f")[:-1]
    assert len(pages) >= 2
    assert all("BẢN CHƯA CÔNG BỐ" in page for page in pages)
