"""The minutes' signature block (issue 19): never split from its titles, full names as people sign.

Checked from the PDF's text positions (`pdftotext -bbox`): for lists of many lengths,
so that the block falls at every height of a page, the closing sentence, both titles
and every signer's name are on one page.
"""

import io
import re
import unicodedata

import pytest
from docx import Document
from docx.oxml.ns import qn

from daihoi.elections.minutes import render_minutes_docx, render_minutes_pdf
from daihoi.rules.tally import percent
from tests.documents.pdftools import _run
from tests.elections.test_minutes import result

COMMITTEE = [
    {"name": "Nguyễn Văn Ấn", "role": "Trưởng ban"},
    *(
        {"name": name, "role": "Ủy viên"}
        for name in (
            "Trần Thị Bình",
            "Lê Quốc Cường",
            "Phạm Thị Dung",
            "Hoàng Văn Giang",
            "Vũ Thị Hà",
            "Đặng Minh Hùng",
            "Bùi Thị Lan",
        )
    ),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["An", "Bảo", "Châu", "Duy", "Giao", "Hạnh", "Khoa", "Linh", "Mẫn", "Nga"]


def long_result(names: int, seats: int = 55) -> dict:
    data = result()
    base, valid = 300, 290
    people = [f"{f} Văn {g}" for f in FAMILY for g in GIVEN][:names]
    data["candidates"] = [
        {
            "position": p,
            "name": name,
            "votes": 290 - p,
            "percent_of_base": percent(290 - p, base),
            "percent_of_valid": percent(290 - p, valid),
            "elected": p <= seats,
            "alternate": False,
        }
        for p, name in enumerate(people, start=1)
    ]
    data["elected"] = people[:seats]
    data["election"] = dict(data["election"], seats=seats)
    data.update(base=base, valid=valid, counting_committee=COMMITTEE)
    return data


def page_texts(pdf: bytes) -> list[str]:
    """Each page's words in reading order, joined by single spaces (NFC)."""
    html = _run(pdf, "pdftotext", "-bbox", "-enc", "UTF-8", "{pdf}", "-").decode()
    pages = html.split("<page ")[1:]
    out = []
    for page in pages:
        found = re.findall(r'<word xMin="[^"]+" yMin="[^"]+" [^>]*>([^<]*)</word>', page)
        out.append(unicodedata.normalize("NFC", " ".join(found)))
    return out


@pytest.mark.parametrize("names", range(58, 77, 3))
def test_the_signature_block_stays_on_one_page_with_its_titles(names):
    pages = page_texts(render_minutes_pdf(long_result(names)))
    wanted = [
        "cùng ký tên",
        "THÀNH VIÊN BAN KIỂM PHIẾU",
        "TRƯỞNG BAN KIỂM PHIẾU",
        *(m["name"] for m in COMMITTEE),
    ]
    # The signers are named in the opening too: the block is their last appearance.
    where = {w: max(i + 1 for i, text in enumerate(pages) if w in text) for w in wanted}
    assert len(set(where.values())) == 1, where


def test_the_word_copy_keeps_the_signature_block_with_its_titles():
    doc = Document(io.BytesIO(render_minutes_docx(long_result(70))))
    block = doc.tables[-1]
    assert block.rows[0].cells[-1].text == "TRƯỞNG BAN KIỂM PHIẾU"
    lead = [p for p in doc.paragraphs if "cùng ký tên" in p.text]
    assert lead and lead[-1].paragraph_format.keep_with_next
    kept = [
        p.paragraph_format.keep_with_next
        for row in block.rows[:-1]
        for cell in row.cells
        for p in cell.paragraphs
    ]
    assert kept and all(kept)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in block.rows)
