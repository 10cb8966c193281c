"""glyphs.py: a dot on a printed letter measured against the same letter scanned elsewhere on
the page (the 66-name A4 list of bench/scan.py: each letter stands in many names)."""

from dataclasses import replace

import numpy as np
import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page
from daihoi.scanning.omr.types import Mark
from daihoi.scanning.synthetic import marks as drawn
from daihoi.scanning.synthetic.sample import list_spec
from daihoi.scanning.synthetic.voter import _Pen
from tests.scanning.bench_pages import assert_page_right, bench_ballot

S = 200 / 25.4  # pixels per mm at the reading resolution
PLAIN = replace(synthetic.TUNING, other_mark_rate=0.0, scribble_rate=0.0, second_pen_rate=0.0)

ROW = 29  # a kept name between struck ones (every third is struck)


def dot_on_a_bench_letter(seed: int, share: float, radius_mm: float, ink: float):
    """The bench's A4 page, every third name struck, and a dot (a spiral ``radius_mm`` across)
    in a grey pen (``ink``: its grey on white) on a printed letter of name ``ROW``, ``share`` of
    the way along the name, scanned lightly."""
    spec = list_spec(0)
    template = synthetic.ballot_template(spec, "A4")
    blank = synthetic.ballot_image(spec, page_size="A4")
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.STRUCK if r.position % 3 == 0 else Mark.KEPT for r in template.rows}
    image, _ = drawn.draw_ballot(blank, template, truth, rng, PLAIN)
    x0, x1, top, base = drawn.name_body(blank, template.rows[ROW - 1].name, S)
    band = blank[round(top * S) : round(base * S), round(x0 * S) : round(x1 * S)] < 100
    ys, xs = np.nonzero(band)
    pick = int(len(xs) * share)
    cx, cy = x0 + (xs[pick] + 0.5) / S, top + (ys[pick] + 0.5) / S
    t = np.linspace(0, 4 * np.pi, 30)
    spiral = np.stack(
        [cx + radius_mm * np.cos(t) * t / t[-1], cy + radius_mm * np.sin(t) * t / t[-1]], 1
    )
    pen = _Pen(rng)
    pen.name, pen.ink, pen.width, pen.pressure = "grey pen", ink, 0.35, 1.0
    pen.stroke(image, spiral, S)
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


def test_a_faint_dot_the_fit_keeps_goes_to_a_person():
    """A 0.6 mm dot in a grey pen on a letter of name 29: hidden.py's round peak 0.041 (cut
    0.10), letters.py's fit leaves 0.146 (cut 0.15); the same letters elsewhere on the page
    leave 0.134 (glyphs.py, cut 0.085). Read kept at 1.0 before glyphs.py."""
    template, scan, truth = dot_on_a_bench_letter(seed=2, share=0.2, radius_mm=0.3, ink=140)
    reading = read_page(scan, template)
    row = reading.rows[ROW - 1]
    assert row.uncertain and row.reason == "dot", (row.mark, row.confidence, row.reason)
    for other in reading.rows:  # nothing else on the page decided against the truth
        assert other.uncertain or other.mark is truth[other.position], other.position


@pytest.mark.parametrize("seed", [2, 3])
def test_the_same_names_without_the_dot_are_decided(seed):
    """The page without the dot: every name kept or struck is decided as drawn (the letters
    elsewhere on the page explain every clean name)."""
    template, scan, truth = dot_on_a_bench_letter(seed=seed, share=0.2, radius_mm=0.3, ink=255)
    reading = read_page(scan, template)
    for row in reading.rows:
        assert not row.uncertain and row.mark is truth[row.position], row.position


@pytest.mark.parametrize(
    ("set_name", "index", "position"),
    [
        # glyphs.py on a fold 0.114 (the left edge of the g of "Ngọ" darker than the other g's), the
        # highest of the clean creased names it measures on the check pages (cut 0.12).
        ("tuning", 11, 34),
        # 0.106 with the band's cut rows measured (the "uu" tops, the fold's lower side a
        # pixel off), 0.033 with them left out (glyphs.EDGE_PX).
        ("held-out", 36, 12),
    ],
)
def test_clean_names_on_a_fold_are_kept(set_name, index, position):
    """Clean names a crease crosses, measured against the same letters elsewhere on the page
    each side of the fold where it lies: read kept, as before glyphs.py looked at folds."""
    template, scan, truth = bench_ballot(index, synthetic.SETS[set_name], encoded=True)
    assert truth[position] is Mark.KEPT and position not in truth.kinds
    reading = read_page(scan, template)
    row = reading.rows[position - 1]
    assert not row.uncertain and row.mark is Mark.KEPT, (row.confidence, row.reason)
    assert_page_right(reading, truth)
