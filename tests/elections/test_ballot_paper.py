"""The printed ballot: what a voter reads, and what the scanner (issue #7) relies on."""

import itertools
import re
import unicodedata

import cv2
import numpy as np
import pytest

from daihoi.elections.ballot_paper import (
    BallotSpec,
    BallotTooLong,
    ballot_layout,
    render_ballot_pdf,
    suggested_page_size,
)
from daihoi.elections.issue_sheet import render_issue_sheet_pdf
from daihoi.rules.ballots import Form
from tests.documents.pdftools import page_count, pdf_text, pixel, render, words

NAMES = (
    "Đặng Thị Ánh Tuyết",
    "Hoàng Văn Ước",
    "Lê Thị Hồng Nhung",
    "Nguyễn Quốc Việt",
    "Phạm Ngọc Ẩn",
    "Trịnh Xuân Ỷ",
    "Vũ Thị Ễnh",
)
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN = ("Thị Ánh Tuyết", "Văn Đức", "Thị Hương", "Quốc Cường", "Hữu Lộc", "Ngọc Ẩn", "Minh Ước")


def spec(names=NAMES, seats=5, round=1, layout_id="e42v3") -> BallotSpec:
    return BallotSpec(
        organization="Ban Chấp hành Đảng bộ xã Đông Hòa",
        congress="Đại hội đại biểu Đảng bộ xã Đông Hòa lần thứ XV, nhiệm kỳ 2025–2030",
        title="Phiếu bầu Ban Chấp hành Đảng bộ xã Đông Hòa khóa XV, nhiệm kỳ 2025–2030",
        round=round,
        seats=seats,
        candidates=names,
        election_id=42,
        layout_id=layout_id,
        rules="2024",
    )


def many(n: int) -> tuple[str, ...]:
    combos = itertools.product(FAMILIES, GIVEN)
    return tuple(f"{family} {given}" for family, given in itertools.islice(combos, n))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


CASES = [
    pytest.param(NAMES, 5, "A4", Form.STRIKE_THROUGH, id="strike-A4"),
    pytest.param(NAMES, 5, "A5", Form.STRIKE_THROUGH, id="strike-A5"),
    pytest.param(NAMES[:3], 3, "A4", Form.BOXES, id="boxes-A4"),
    pytest.param(NAMES[:3], 3, "A5", Form.BOXES, id="boxes-A5"),
    pytest.param(many(70), 61, "A4", Form.STRIKE_THROUGH, id="strike-70-names-A4"),
]


@pytest.mark.parametrize(("names", "seats", "size", "form"), CASES)
def test_it_prints_every_name_with_its_diacritics(names, seats, size, form):
    pdf = render_ballot_pdf(spec(names, seats), page_size=size)
    text = nfc(pdf_text(pdf))
    assert spec(names, seats).form is form
    for name in names:
        assert nfc(name) in text
    assert "Dấu của cấp ủy triệu tập" in text
    assert f"Số lượng cần bầu: {seats} đồng chí" in " ".join(text.split())


@pytest.mark.parametrize(("names", "seats", "size", "form"), CASES)
def test_it_prints_each_name_inside_the_strip_the_layout_gives(names, seats, size, form):
    ballot = spec(names, seats)
    layout = ballot_layout(ballot, size)
    placed = words(render_ballot_pdf(ballot, page_size=size))
    for row in layout.rows:
        strip = row.name
        inside = [
            w
            for w, x0, y0, x1, y1 in placed
            if strip.x - 0.2 <= x0
            and x1 <= strip.x + strip.w + 0.2
            and strip.y - 0.2 <= (y0 + y1) / 2 <= strip.y + strip.h + 0.2
        ]
        assert nfc(" ".join(inside)) == nfc(names[row.position - 1])


@pytest.mark.parametrize(("names", "seats", "size", "form"), CASES)
def test_it_draws_the_markers_where_the_layout_says(names, seats, size, form):
    layout = ballot_layout(spec(names, seats), size)
    image = render(render_ballot_pdf(spec(names, seats), page_size=size))
    assert image.shape[1] == pytest.approx(layout.width / 25.4 * 150, abs=2)
    for cx, cy in layout.markers:
        assert pixel(image, cx, cy) < 60
        outward = -1 if cx < layout.width / 2 else 1
        assert pixel(image, cx + outward * (layout.marker_size / 2 + 1.5), cy) > 200


@pytest.mark.parametrize(("names", "seats", "size", "form"), CASES)
def test_it_carries_a_qr_code_with_the_election_and_no_voter_data(names, seats, size, form):
    image = render(render_ballot_pdf(spec(names, seats), page_size=size))
    payload, points, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert payload == f"DAIHOI|e=42|r=1|l=e42v3|n={len(names)}"
    qr = ballot_layout(spec(names, seats), size).qr
    found = points.reshape(-1, 2) / 150 * 25.4  # corners of the code, mm
    assert (found[:, 0] > qr.x).all() and (found[:, 0] < qr.x + qr.w).all()
    assert (found[:, 1] > qr.y).all() and (found[:, 1] < qr.y + qr.h).all()


def test_it_prints_identical_copies():
    pdf = render_ballot_pdf(spec(), page_size="A5", copies=3)
    assert page_count(pdf) == 3
    assert np.array_equal(render(pdf, dpi=60, page=1), render(pdf, dpi=60, page=3))
    assert re.fullmatch(r"DAIHOI\|e=\d+\|r=\d+\|l=[\w.-]+\|n=\d+", spec().qr_payload)


def test_it_draws_empty_square_boxes_for_the_boxes_form():
    layout = ballot_layout(spec(NAMES[:3], 3), "A4")
    image = render(render_ballot_pdf(spec(NAMES[:3], 3), page_size="A4"))
    for row in layout.rows:
        for box in (row.agree, row.disagree):
            assert box.w == box.h >= 4
            assert pixel(image, box.x, box.y + box.h / 2) < 128  # the left edge is printed
            assert pixel(image, *box.centre) > 200  # the inside is left for the X
        assert row.name.x + row.name.w <= row.agree.x
    assert "Không" in pdf_text(render_ballot_pdf(spec(NAMES[:3], 3)))


def test_it_fits_70_names_on_one_page_in_columns():
    ballot = spec(many(70), 61)
    layout = ballot_layout(ballot, "A4")
    assert page_count(render_ballot_pdf(ballot)) == 1
    assert layout.columns > 1 and len(layout.rows) == 70
    lowest_marker_top = layout.height - 8 - layout.marker_size
    for row in layout.rows:
        assert row.line.h >= 5
        assert row.line.y + row.line.h < lowest_marker_top
        assert 14 < row.line.x and row.line.x + row.line.w < layout.width - 14
    assert len({t.size for t in layout.texts if t.text in ballot.candidates}) == 1


def test_it_refuses_a_list_too_long_to_mark():
    with pytest.raises(BallotTooLong):
        ballot_layout(spec(many(70), 60), "A5")
    with pytest.raises(BallotTooLong):
        ballot_layout(spec(many(70) * 2, 60), "A4")


def test_it_suggests_a5_for_short_lists_only():
    assert suggested_page_size(spec()) == "A5"
    assert suggested_page_size(spec(many(40), 35)) == "A4"


def test_it_names_a_later_round():
    text = pdf_text(render_ballot_pdf(spec(round=2)))
    assert "Lần bầu thứ 2" in text
    assert "r=2" in spec(round=2).qr_payload


def test_it_refuses_a_layout_id_that_would_break_the_qr_payload():
    with pytest.raises(ValueError, match="layout_id"):
        spec(layout_id="a|b")


def test_it_prints_the_issue_sheet_with_a_line_per_box():
    pdf = render_issue_sheet_pdf(
        spec(),
        boxes=[1, 2],
        present=145,
        place="Đông Hòa",
        date="05/01/2025",
        committee=["Nguyễn Văn Ấn", "Trần Thị Bình"],
    )
    text = nfc(pdf_text(pdf))
    for expected in ("BẢNG KÊ SỐ PHIẾU PHÁT RA", "Hòm phiếu số 1", "Hòm phiếu số 2", "145"):
        assert expected in text
    assert "Đông Hòa, ngày 05 tháng 01 năm 2025" in text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in text and "Nguyễn Văn Ấn" in text
