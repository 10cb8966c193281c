"""The synthetic test set: real ballot pages, honest marks, a scanner's distortions, seeded."""

import math

import numpy as np
import pypdfium2 as pdfium
import pytest

from daihoi.elections.ballot_paper import ballot_layout
from daihoi.scanning import synthetic
from daihoi.scanning.omr.register import Registration, register
from daihoi.scanning.omr.types import Mark
from tests.scanning.test_omr_reader import ballot, paper


def test_the_ballot_image_is_the_real_pdf_page_with_its_markers_where_the_layout_says():
    spec = ballot(20, 15)
    image = synthetic.ballot_image(spec, page_size="A5", dpi=150)
    layout = ballot_layout(spec, "A5")
    s = 150 / 25.4
    assert image.shape == (math.ceil(layout.height * s), math.ceil(layout.width * s))
    for x, y in layout.markers:
        assert image[round(y * s), round(x * s)] < 30  # solid black square
        assert image[round((y + 4) * s), round((x + 4) * s)] > 225  # white paper beside it
    name_x, name_y = layout.rows[0].name.x + 2, layout.rows[0].name.y + layout.rows[0].name.h / 2
    strip = image[
        round(name_y * s) - 8 : round(name_y * s) + 8, round(name_x * s) : round((name_x + 20) * s)
    ]
    assert strip.min() < 60  # the first name is printed there


def test_the_same_seed_gives_the_same_ballots_and_another_seed_others():
    spec = ballot(7, 5)
    first = synthetic.synthetic_ballots(spec, 2, seed=5, page_size="A5")
    again = synthetic.synthetic_ballots(spec, 2, seed=5, page_size="A5")
    other = synthetic.synthetic_ballots(spec, 2, seed=6, page_size="A5")
    for (a, ta), (b, tb) in zip(first, again, strict=True):
        assert np.array_equal(a, b) and ta == tb and ta.ambiguous == tb.ambiguous
    assert not np.array_equal(first[0][0], other[0][0])
    assert all(isinstance(t, synthetic.Truth) and set(t) == set(range(1, 8)) for _, t in first)


def pen_ink(clean, marked):
    return (clean.astype(int) - marked.astype(int)) > 40


@pytest.mark.parametrize("conditions", [None, synthetic.HELD_OUT])
def test_a_ballot_kept_as_the_scanners_jpeg_decodes_to_the_same_page(conditions):
    # bench/scan.py --long --store keeps the JPEG bytes and reads them later: the pixels and
    # the truth must be the ones a run that never stored them reads
    spec = ballot(7, 5)
    template = synthetic.ballot_template(spec, "A5")
    blank = synthetic.ballot_image(spec, page_size="A5")
    plain = synthetic.synthetic_ballot(
        template, blank, np.random.default_rng(11), conditions=conditions
    )
    jpeg, truth = synthetic.synthetic_ballot(
        template, blank, np.random.default_rng(11), conditions=conditions, encoded=True
    )
    assert isinstance(jpeg, bytes) and jpeg[:2] == b"\xff\xd8"
    assert np.array_equal(synthetic.decode_scan(jpeg), plain[0])
    assert truth == plain[1] and truth.kinds == plain[1].kinds and truth.paper == plain[1].paper


@pytest.mark.parametrize("shape", ["straight", "slanted", "wavy", "double", "zigzag", "partial"])
def test_a_strike_crosses_at_least_55_percent_of_the_name_and_stays_in_its_row(shape):
    template, blank = paper(20, 15)
    s = 200 / 25.4
    rng = np.random.default_rng(3)
    for _ in range(12):
        marked = synthetic.draw_marks(blank, template, {1: Mark.STRUCK}, rng, style=shape)
        ink = pen_ink(blank, marked)
        x0, x1, _, _ = synthetic.name_extent(blank, template.rows[0].name, s)
        line = template.rows[0].line
        columns = np.flatnonzero(ink.any(axis=0))
        covered = np.clip(columns / s, x0, x1)
        assert (covered.max() - covered.min()) / (x1 - x0) >= (0.55 if shape == "partial" else 0.97)
        rows = np.flatnonzero(ink.any(axis=1)) / s
        assert line.y - 0.6 <= rows.min() and rows.max() <= line.y + line.h + 0.6


def test_an_ambiguous_stroke_covers_at_most_a_third_of_the_name():
    template, blank = paper(20, 15)
    s = 200 / 25.4
    rng = np.random.default_rng(4)
    for _ in range(12):
        marked = synthetic.draw_marks(blank, template, {1: Mark.STRUCK}, rng, style="ambiguous")
        x0, x1, _, _ = synthetic.name_extent(blank, template.rows[0].name, s)
        columns = np.flatnonzero(pen_ink(blank, marked).any(axis=0)) / s
        inside = columns[(columns >= x0) & (columns <= x1)]
        assert inside.size and (inside.max() - inside.min()) / (x1 - x0) <= 0.34


def test_kept_rows_and_unmarked_boxes_get_no_ink():
    template, blank = paper(9, 9)
    rng = np.random.default_rng(5)
    marks = {r.position: Mark.NONE for r in template.rows} | {3: Mark.AGREE}
    ink = pen_ink(blank, synthetic.draw_marks(blank, template, marks, rng))
    s = 200 / 25.4
    box = template.rows[2].agree
    rows, cols = np.nonzero(ink)
    assert rows.size
    assert (cols / s).min() >= box.x - box.w * 0.3 and (cols / s).max() <= box.x + box.w * 1.3


def test_the_scanner_turns_at_most_three_degrees_and_scales_at_most_two_percent():
    template, blank = paper(20, 15)
    for seed in range(6):
        scan = synthetic.simulate_scan(blank, np.random.default_rng(seed))
        found = register(scan, template, 200)
        assert isinstance(found, Registration)
        m = np.linalg.inv(found.matrix / found.matrix[2, 2])
        angle = math.degrees(math.atan2(m[1, 0], m[0, 0]))
        scale = math.hypot(m[0, 0], m[1, 0])
        assert abs(angle) <= 3.3 and 0.97 <= scale <= 1.03
        assert scan.dtype == np.uint8 and scan.shape[0] > blank.shape[0]


def test_scans_pack_into_a_pdf_of_jpeg_pages_of_the_right_size():
    template, blank = paper(7, 5, "A5")
    pages = [synthetic.simulate_scan(blank, np.random.default_rng(i)) for i in range(3)]
    pdf = synthetic.scanned_pdf(pages, dpi=200)
    doc = pdfium.PdfDocument(pdf)
    assert len(doc) == 3
    width, height = doc[0].get_size()
    assert (
        abs(width - pages[0].shape[1] * 72 / 200) < 0.5
        and abs(height - pages[0].shape[0] * 72 / 200) < 0.5
    )
    assert pdf.count(b"/DCTDecode") == 3


def test_the_other_scanner_sows_salt_and_turns_further_and_the_default_one_is_untouched():
    from daihoi.scanning.synthetic.scanner import Scanner

    spec = ballot(7, 5)
    template = synthetic.ballot_template(spec, "A5")
    blank = synthetic.ballot_image(spec, page_size="A5")
    flat = np.full((400, 300), 255, np.uint8)
    salty = Scanner(salt=(0.01, 0.01))
    plain = synthetic.simulate_scan(flat, np.random.default_rng(3), severity=0.0)
    sown = synthetic.simulate_scan(flat, np.random.default_rng(3), severity=0.0, scanner=salty)
    assert (plain < 60).sum() == 0 and (sown < 60).sum() > 0.002 * flat.size
    # the default scanner's draws are unchanged by the other's options
    a = synthetic.simulate_scan(flat, np.random.default_rng(4), scanner=Scanner())
    b = synthetic.simulate_scan(flat, np.random.default_rng(4))
    assert np.array_equal(a, b)
    other = synthetic.OTHER_SCANNER
    assert other.seed not in (synthetic.TUNING.seed, synthetic.HELD_OUT.seed)
    scan, truth = synthetic.synthetic_ballot(
        template, blank, np.random.default_rng(1), conditions=other
    )
    assert isinstance(truth, synthetic.Truth) and scan.ndim == 2
