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
def test_a_crease_across_clean_names_is_never_read_struck(seed, dark, up):
    """A guard: the crease's clearing takes the letters' soft edges darkened by the crease
    with it, and such a clean name goes to a person ("fold"); it is never decided struck."""
    template, scan, truth = creased_through_names(seed, {}, dark=dark, crease_up=up)
    assert_safe(read_page(scan, template), truth)


@pytest.mark.parametrize(("seed", "ink", "up"), [(4, 120, 0.5), (5, 140, 0.5), (6, 120, 0.4)])
def test_a_light_strike_along_a_dark_crease_through_the_name_is_never_read_kept(seed, ink, up):
    """Never-seen held-out 100257 row 45: a light strike drawn along a dark crease through the
    name was read kept at confidence 1 while only the ink cleared outside the print's slack
    counted as pen (the letters' cleared edges count again)."""
    strikes = {3: up, 25: up, 47: up}
    template, scan, truth = creased_through_names(
        seed, strikes, dark=70, ink=ink, width=0.35, crease_up=up
    )
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    for position in strikes:
        row = reading.rows[position - 1]
        assert row.uncertain or row.mark is Mark.STRUCK, f"row {position} read kept"


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


def zigzag_low(seed: int, high: float, period: float, low_mm: float = 0.5):
    """A5 7 names, 1 and 4 struck; name 2 struck by a zigzag swinging from ``low_mm`` under its
    baseline up to ``high`` of its body's height (< 0: under the baseline, mm), ``period`` mm
    long, along the whole name."""
    template, blank = paper(7, 5, "A5")
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.KEPT for r in template.rows} | {1: Mark.STRUCK, 4: Mark.STRUCK}
    image, _ = drawn.draw_ballot(blank, template, truth, rng, _plain(synthetic.TUNING))
    x0, x1, top, base = drawn.name_body(blank, template.rows[1].name, S)
    xs = np.linspace(x0 - 1, x1 + 1, 400)
    wave = (2 / math.pi) * np.arcsin(np.sin(2 * math.pi * (xs - x0) / period))  # -1 … 1
    low = base + low_mm
    up = base - high * (base - top) if high >= 0 else base - high
    pen = _Pen(rng)
    pen.name, pen.ink, pen.width, pen.pressure = "ballpoint", 50, 0.4, 1.0
    pen.stroke(image, np.stack([xs, (low + up) / 2 + (low - up) / 2 * wave], 1), S)
    truth[2] = Mark.STRUCK
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


def _plain(conditions):
    from dataclasses import replace

    return replace(conditions, other_mark_rate=0.0, scribble_rate=0.0, second_pen_rate=0.0)


@pytest.mark.parametrize(
    ("seed", "high", "period"), [(1, 0.35, 6.0), (2, 0.45, 8.0), (3, 0.35, 8.0)]
)
def test_a_zigzag_swinging_from_under_the_baseline_into_the_letters_is_decided_struck(
    seed, high, period
):
    """A zigzag drawn low, from under the baseline up into the letters and back at every
    swing, went to a person as an underline (0.1 % of held-out rows): it crosses the letters
    again and again along the name, which an underline never does."""
    template, scan, truth = zigzag_low(seed, high, period)
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    second = reading.rows[1]
    assert not second.uncertain, f"row 2 sent to a person ({second.reason})"
    assert second.mark is Mark.STRUCK


@pytest.mark.parametrize(
    ("seed", "under", "period"), [(4, 0.15, 3.0), (5, 0.2, 5.0), (6, 0.3, 8.0)]
)
def test_a_wavy_underline_under_the_baseline_is_never_decided(seed, under, period):
    """Guard: a line swinging under the baseline only (``under`` to 1.2 mm under it) never
    crosses the letters: an underline, for a person, however often it swings."""
    template, scan, truth = zigzag_low(seed, -under, period, low_mm=1.2)
    reading = read_page(scan, template)
    second = reading.rows[1]
    assert second.uncertain, f"row 2 decided {second.mark} ({second.confidence})"


@pytest.mark.parametrize(
    ("seed", "above_mm", "before"), [(0, 0.35, 0.15), (1, 0.4, 0.2), (4, 0.35, 0.2)]
)
def test_an_underline_on_the_rule_reaching_under_the_number_goes_to_a_person(
    seed, above_mm, before
):
    """An underline drawn just above the row's lower rule and started under the number cell
    (``before`` of the name's width before the name) was taken for the rule lying off its
    place (pen under 30 % of the number cell) and read kept (held-out stress run). A rule
    off its place runs along nearly the whole cell."""
    from tests.scanning.test_real_paper import underlined_by_the_rule

    template, scan, truth = underlined_by_the_rule(seed, above_mm, 0.35, before=before)
    second = read_page(scan, template).rows[1]
    assert second.uncertain, f"row 2 decided {second.mark} ({second.confidence})"
    assert second.reason == "underline"
