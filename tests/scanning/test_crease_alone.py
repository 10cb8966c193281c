"""Clean names a crease crosses, freed when between their letters the crease is no darker than
beside the row (creases.crease_alone), and the strikes drawn along a crease that must still go
to a person. The bench pages are drawn exactly as ``bench/scan.py`` draws them (its spec, seed,
index and JPEG), so the rows are those ``bench/scan_same.py`` measured."""

import numpy as np
import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page
from daihoi.scanning.omr.types import Mark
from daihoi.scanning.synthetic import marks as drawn
from daihoi.scanning.synthetic.voter import _Pen
from tests.scanning.bench_pages import assert_page_right, bench_ballot
from tests.scanning.test_omr_reader import paper

S = 200 / 25.4


@pytest.mark.parametrize(
    ("set_name", "index", "positions"),
    [
        ("held-out", 7, (7, 51)),  # a crease 26 grey levels dark at its darkest
        ("held-out", 47, (13, 35)),  # 54: the letters' edges darker than 1.4 × it + 10
        ("tuning", 62, (13, 57)),
    ],
)
def test_a_clean_name_a_crease_crosses_is_kept(set_name, index, positions):
    """Sent to a person on main ("fold", `reader._hidden_pen`): the crease darkened the
    letters' soft edges past the cut; between the letters it is no darker than beside the
    row."""
    template, scan, truth = bench_ballot(index, synthetic.SETS[set_name], encoded=True)
    reading = read_page(scan, template)
    for position in positions:
        assert truth[position] is Mark.KEPT and position not in truth.kinds
        row = reading.rows[position - 1]
        assert not row.uncertain and row.mark is Mark.KEPT, (position, row.confidence, row.reason)
    assert_page_right(reading, truth)


def test_a_strike_cleared_with_a_crease_still_goes_to_a_person():
    """Held-out offset 0, ballot 51 row 1: a strike along a crease, cleared with it and read
    kept by the pen mask; between the letters it is 62 grey levels dark, the crease beside the
    row 18."""
    template, scan, truth = bench_ballot(51, synthetic.HELD_OUT, encoded=True)
    assert truth[1] is Mark.STRUCK
    reading = read_page(scan, template)
    assert reading.rows[0].uncertain, reading.rows[0]
    assert_page_right(reading, truth)


def weak_crease_strike(ink: float, dark: float, weak: float, seed: int):
    """(template, scan) of a 66-name A4 ballot with a thin light strike (grey ``ink``) along
    name 3's middle and a crease along it ``dark`` grey levels deep, ``weak`` times that
    across the whole of name 3's row (a crease pressed less there): the strike lies where the
    crease is weakest, beside the row the crease is at its full depth. Not the generator's
    crease: a plain Gaussian shadow 0.35 mm wide with no highlight."""
    template, blank = paper(66, 55, "A4")
    rng = np.random.default_rng(seed)
    image = blank.copy()
    row = template.rows[2]
    x0, x1, top, base = drawn.name_body(blank, row.name, S)
    middle = (top + base) / 2
    pen = _Pen(rng)
    pen.ink, pen.width, pen.name = ink, 0.35, "thin pen"
    pen.stroke(image, np.array([[x0 - 2, middle], [x1 + 2, middle]]), S)
    xs = np.arange(image.shape[1]) / S
    strength = np.where((xs >= row.line.x) & (xs < row.line.x + row.line.w), weak, 1.0)
    ys = np.arange(image.shape[0])[:, None] / S
    shadow = dark * strength[None, :] * np.exp(-0.5 * ((ys - middle) / 0.35) ** 2)
    image = np.clip(image.astype(np.float32) - shadow, 0, 255).astype(np.uint8)
    return template, synthetic.simulate_scan(image, rng)


@pytest.mark.parametrize(
    ("ink", "dark", "weak"),
    [(190, 40, 0.6), (210, 60, 0.7), (200, 80, 0.6), (220, 80, 0.6)],
)
def test_a_light_strike_where_the_crease_is_weak_is_never_read_kept(ink, dark, weak):
    """Each of these strikes is cleared whole with the crease and reaches crease_alone (darker
    ones are left as ink and go to a person before it). Between the letters the strike on a
    crease 80 deep pressed to 0.6 across its row (ink 220: 25 grey levels) is no darker than the
    crease beside the row × 1.3 + 8: only its stretches darker than the name's own median
    (+ 12) hold it."""
    template, scan = weak_crease_strike(ink, dark, weak, seed=int(ink + dark))
    third = read_page(scan, template).rows[2]
    assert third.uncertain or third.mark is Mark.STRUCK, third


@pytest.mark.parametrize(
    ("set_name", "index", "positions"),
    [
        ("held-out", 69, (51,)),  # a straight strike, a crease along the rule below
        ("held-out", 51, (13,)),  # a light zigzag across a crease through the letters
        ("tuning", 30, (35, 57)),  # straight strikes along a crease, 0.49 and 0.81 dark
        ("tuning", 83, (56,)),  # a thin slanted strike: its darkness looked up where it lies
    ],
)
def test_a_strike_darker_than_the_crease_beside_the_row_is_decided(set_name, index, positions):
    """Sent to a person on main ("fold": a crease across the name and the pen not a plain
    strike by thickness and darkness): the pen darker than the paper beside the row along the
    same pixel rows strikes through the name (strike_checks.beyond_crease)."""
    template, scan, truth = bench_ballot(index, synthetic.SETS[set_name], encoded=True)
    reading = read_page(scan, template)
    for position in positions:
        assert truth[position] is Mark.STRUCK and position not in truth.kinds
        row = reading.rows[position - 1]
        assert not row.uncertain and row.mark is Mark.STRUCK, (position, row.confidence)
    assert_page_right(reading, truth)


def test_a_crease_through_clean_names_is_not_decided_struck():
    """Tuning offset 0, ballot 71: a crease through rows 23 and 45 near the letters' tops, its
    fitted line 10-14 px off there, read struck (a person's) with the line taken out. Beside the
    rows, along the same pixel rows, the paper is as dark: never decided struck."""
    template, scan, truth = bench_ballot(71, synthetic.TUNING, encoded=True)
    reading = read_page(scan, template)
    for position in (23, 45):
        assert truth[position] is Mark.KEPT
        row = reading.rows[position - 1]
        assert row.uncertain or row.mark is Mark.KEPT, (position, row.confidence)
    assert_page_right(reading, truth)
