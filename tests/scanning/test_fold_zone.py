"""Strikes on a row a fold crosses that cover half the name or more, short of the sure zone
(rows.FOLD_CUT), and thin dark strikes along a crease: decided where the pen darker than the
paper beside the row strikes through as much (strike_checks.beyond_crease). A stroke over
40-44 % of a name drawn across a fold must stay a person's, as on a flat row (rows.EXTENT_CUT).
The bench pages are drawn exactly as ``bench/scan.py`` draws them (its spec, seed, index and
JPEG), so the rows are those ``bench/scan_same.py`` measured."""

import math
from dataclasses import replace

import numpy as np
import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page, read_page_with_evidence
from daihoi.scanning.omr.rows import FOLD_CUT, STRIKE_CUTS
from daihoi.scanning.omr.types import Mark
from daihoi.scanning.synthetic import marks as drawn
from daihoi.scanning.synthetic import paper as sheet
from daihoi.scanning.synthetic.voter import _Pen, _tremor
from tests.scanning.bench_pages import bench_ballot
from tests.scanning.test_crease_alone import assert_page_right
from tests.scanning.test_omr_reader import paper
from tests.scanning.test_real_paper import _no_others, assert_safe

S = 200 / 25.4


@pytest.mark.parametrize(
    ("set_name", "number", "index", "position"),
    [
        ("held-out", 0, 39, 56),  # 0.51 of the name, the crease below the name
        ("held-out", 0, 76, 1),  # 0.56, the fold seen as the rules lying apart
        ("tuning", 0, 38, 35),  # 0.56, the crease across the name
    ],
)
def test_a_strike_over_half_a_folded_name_is_decided(set_name, number, index, position):
    """Sent to a person on main ("fold": on a fold only the sure zone, 0.58, was decided): the
    strike's pen darker than the paper beside the row strikes through as much of the name as
    the pen does, half of it or more."""
    conditions = synthetic.SETS[set_name]
    template, scan, truth = bench_ballot(index, conditions, encoded=True, number=number)
    assert truth[position] is Mark.STRUCK and position not in truth.kinds
    reading, evidence = read_page_with_evidence(scan, template)
    row = reading.rows[position - 1]
    assert not row.uncertain and row.mark is Mark.STRUCK, (row.confidence, row.reason)
    assert FOLD_CUT <= evidence[position - 1].coverage < STRIKE_CUTS[3]
    assert_page_right(reading, truth)


@pytest.mark.parametrize(("number", "index", "position"), [(0, 32, 23), (1, 39, 2)])
def test_a_thin_dark_strike_along_a_crease_is_decided(number, index, position):
    """Held-out offset 0: a strike 2-3 px high along a crease across the page, which
    crease_lines.crease_as_strike took for the crease's residue ("fold"); beside the row the
    crease is far lighter than the strike across the name."""
    template, scan, truth = bench_ballot(index, synthetic.HELD_OUT, encoded=True, number=number)
    assert truth[position] is Mark.STRUCK and position not in truth.kinds
    reading = read_page(scan, template)
    row = reading.rows[position - 1]
    assert not row.uncertain and row.mark is Mark.STRUCK, (row.confidence, row.reason)
    assert_page_right(reading, truth)


def stroke_across_fold(seed, share, up, dark, shift_mm, stroke_up):
    """An A4 66-name ballot, names 1 and 4 struck whole, name 3 struck over ``share`` of its
    printed width from the left (1 px before it) in blue ballpoint, ``stroke_up`` of its body
    up from the baseline; a crease ``dark`` grey levels deep across the page ``up`` of the
    body up from name 3's baseline (below 0, above 1), the sheet below it displaced by
    ``shift_mm`` in a random direction (synthetic.paper's fold)."""
    template, blank = paper(66, 55, "A4")
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.KEPT for r in template.rows} | {1: Mark.STRUCK, 4: Mark.STRUCK}
    image, _ = drawn.draw_ballot(blank, template, truth, rng, _no_others(synthetic.TUNING))
    x0, x1, top, base = drawn.name_body(blank, template.rows[2].name, S)
    a, b = x0 - 1, x0 + share * (x1 - x0)
    xs = np.linspace(a, b, int((b - a) * 4))
    ys = base - stroke_up * (base - top) + _tremor(rng, len(xs), 0.05)
    pen = _Pen(rng)
    pen.name, pen.ink, pen.width, pen.pressure = "blue ballpoint", 52, 0.45, 0.95
    pen.stroke(image, np.stack([xs, ys], 1), S)
    conditions = replace(synthetic.HELD_OUT, crease_dark=(dark, dark))
    y, slope = (base - up * (base - top)) * S, math.tan(0.002)
    if shift_mm:
        sheet._displace_below(image, rng, y, slope, (shift_mm, shift_mm), S)
    sheet._crease(image, rng, y, slope, conditions, S)
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


@pytest.mark.parametrize(
    ("seed", "share", "up", "dark", "shift_mm", "stroke_up"),
    [
        # of 100 strokes over 44 % (and 40 over 40 %) across a fold, these measured most:
        (89, 0.44, -0.14, 67, 0.31, 0.63),  # a crease under the feet, the sheet displaced
        (69, 0.44, 1.29, 75, 0.16, 0.63),  # a dark crease over the tops
        (97, 0.44, 0.44, 49, 0.0, 0.70),  # through the body
        (103, 0.40, 0.07, 63, 0.0, 0.64),
    ],
)
def test_a_stroke_over_forty_four_percent_across_a_fold_stays_a_persons(
    seed, share, up, dark, shift_mm, stroke_up
):
    """The lead's margin for partial strokes (session 8) on a fold: a stroke over 40-44 % of
    the name measures up to 0.45 across a crease (0.453 of 100 drawn), past the struck cut;
    the zone short of the sure one is decided on a fold only from ``FOLD_CUT`` (0.50)."""
    template, scan, truth = stroke_across_fold(seed, share, up, dark, shift_mm, stroke_up)
    reading, evidence = read_page_with_evidence(scan, template)
    assert_safe(reading, truth, asked={3})
    assert reading.rows[2].reason == "fold"
    assert evidence[2].coverage < FOLD_CUT


def test_the_same_stroke_over_most_of_the_name_is_decided():
    """The guard's ballot can be decided: the same stroke over 56 % of the name, across the
    same crease, is a strike."""
    template, scan, truth = stroke_across_fold(97, 0.56, 0.44, 49, 0.0, 0.70)
    truth[3] = Mark.STRUCK
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    assert not reading.rows[2].uncertain and reading.rows[2].mark is Mark.STRUCK
