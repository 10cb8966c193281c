"""Issue 18 (session 7): rows on a fold that a person reads at a glance are decided by the
machine; what a fold leaves is never counted as a voter's ink."""

import math

import numpy as np
import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page
from daihoi.scanning.omr.types import Mark
from daihoi.scanning.synthetic import marks as drawn
from daihoi.scanning.synthetic import paper as sheet
from daihoi.scanning.synthetic.voter import _Pen
from tests.scanning.test_omr_reader import paper
from tests.scanning.test_real_paper import S, assert_safe, creased_through_names


@pytest.mark.parametrize(("seed", "dark", "up"), [(1, 70, 0.3), (2, 70, 0.5), (3, 70, 0.7)])
def test_a_crease_across_clean_names_is_not_ink_beside_the_letters(seed, dark, up):
    """The crease's clearing takes the letters' soft edges darkened by the crease with it;
    darker than the crease, they sent clean names to a person ("fold": 0.37 % of held-out
    rows). Only what was cleared on the paper, outside the print's slack, can be a pen."""
    template, scan, truth = creased_through_names(seed, {}, dark=dark, crease_up=up)
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    for position in (3, 25, 47):  # the crease crosses a name in each of the three columns
        row = reading.rows[position - 1]
        assert not row.uncertain, f"row {position} sent to a person ({row.reason})"


def creased_down_the_page(seed: int, struck=(23, 25, 30), dark=50, ink=110.0):
    """An A4 66-name ballot with names ``struck`` by a thin ballpoint line along the middle of
    their row (where a row read in an upper and a lower part was split) and a crease down the page through the middle of those names (the list's second
    column), as a sheet folded again across leaves."""
    from dataclasses import replace

    template, blank = paper(66, 55, "A4")
    rng = np.random.default_rng(seed)
    image = blank.copy()
    truth = {r.position: Mark.KEPT for r in template.rows}
    for position in struck:
        row = template.rows[position - 1]
        x0, x1, _, _ = drawn.name_body(blank, row.name, S)
        pen = _Pen(rng)
        pen.ink, pen.width, pen.pressure, pen.name = ink, 0.3, 1.0, "ballpoint"
        y = row.line.y + row.line.h / 2
        pen.stroke(image, np.array([[x0 - 1, y], [x1 + 1, y]]), S)
        truth[position] = Mark.STRUCK
    x0, x1, _, _ = drawn.name_body(blank, template.rows[struck[0] - 1].name, S)
    conditions = replace(synthetic.TUNING, crease_dark=(dark, dark), crease_width=(0.3, 0.3))
    turned = np.ascontiguousarray(image.T)
    sheet._crease(turned, rng, (x0 + x1) / 2 * S, math.tan(math.radians(0.3)), conditions, S)
    image[:] = turned.T
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth, struck


@pytest.mark.parametrize(("seed", "dark"), [(1, 30), (2, 50), (3, 70)])
def test_a_strike_along_the_body_on_a_crease_down_the_page_is_decided(seed, dark):
    """A crease down the page leaves a row's left and right side by side; its upper and lower
    parts were placed each on its own all the same, each where it left least pen, and a
    strike along the body's middle was pushed out of both: full-length strikes read "kept"
    at 0.03 coverage and went to a person (tuning set)."""
    template, scan, truth, struck = creased_down_the_page(seed, dark=dark)
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    for position in struck:
        row = reading.rows[position - 1]
        assert not row.uncertain, f"row {position} sent to a person ({row.reason})"
        assert row.mark is Mark.STRUCK
