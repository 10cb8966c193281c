"""The reader's quicker ways of measuring give what the plain ways give (issue #18, speed).

Each fast path is compared with a slow, obvious computation of the same thing on small
random or drawn arrays: a speed-up must never move a reading."""

from types import SimpleNamespace

import numpy as np
import pytest

from daihoi.scanning.omr import crease_lines, margins, pen, strike_checks
from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.reference import NameInk
from daihoi.scanning.omr.shifts import Shift
from daihoi.scanning.omr.strokes import runs, straight


def _runs_by_hand(mask: np.ndarray):
    cols, starts, ends = [], [], []
    for x in range(mask.shape[1]):
        y = 0
        while y < mask.shape[0]:
            if mask[y, x]:
                top = y
                while y < mask.shape[0] and mask[y, x]:
                    y += 1
                cols.append(x), starts.append(top), ends.append(y)
            y += 1
    return cols, starts, ends


def test_runs_are_every_vertical_run_column_by_column():
    rng = np.random.default_rng(18)
    for _ in range(20):
        mask = rng.random((int(rng.integers(1, 30)), int(rng.integers(1, 40)))) < 0.4
        found = [list(v) for v in runs(mask)]
        assert found == [list(v) for v in _runs_by_hand(mask)]


@pytest.mark.filterwarnings("ignore::numpy.exceptions.RankWarning")  # the points in one column
def test_a_straight_line_from_the_means_is_polyfits_line():
    rng = np.random.default_rng(5)
    for _ in range(50):
        x = rng.integers(0, 600, int(rng.integers(2, 300))).astype(np.float64)
        y = rng.uniform(-0.05, 0.05) * x + rng.uniform(20, 60) + rng.normal(0, 2, x.size)
        y = np.round(2 * y) / 2  # stroke centres lie on half pixels
        assert np.allclose(straight(x, y), np.polyfit(x, y, 1), rtol=1e-12, atol=1e-9)
    one = np.full(5, 7.0)  # every point in one column: polyfit's own answer
    assert np.array_equal(straight(one, np.arange(5.0)), np.polyfit(one, np.arange(5.0), 1))


def _page(rng, shape=(80, 300)) -> tuple[Page, SimpleNamespace]:
    dark = np.where(rng.random(shape) < 0.3, 255, 0).astype(np.uint8)
    page = Page(np.zeros(shape, np.uint8), dark, np.zeros((10, 38), np.uint8), 0.0)
    return page, SimpleNamespace(paper=rng.random(shape) < 0.8)


def test_a_row_read_in_pieces_is_the_pen_of_each_piece_and_of_both_where_they_meet():
    rng = np.random.default_rng(7)
    page, ref = _page(rng)
    shift = Shift(edges=(90, 180), dx=(1, -2, 0), dy=(0, 2, -1))
    box = (10, 20, 280, 60)
    pieces = list(shift.pieces(box[0], box[2]))
    assert np.array_equal(
        pen.pen_mask(page, ref, box, shift), pen._pen_by_pieces(page, ref, box, pieces)
    )
    # By hand at one pixel where two pieces meet: pen under both shifts, and off the slack.
    y, x = 30, 92
    both = page.ink_mask[y + 0, x + 1] & page.ink_mask[y + 2, x - 2] & ref.paper[y, x]
    assert pen.pen_mask(page, ref, box, shift)[y - 20, x - 10] == both


def test_a_row_masked_taller_gives_each_part_as_masked_alone_and_none_off_the_page():
    rng = np.random.default_rng(11)
    page, ref = _page(rng)
    shift = Shift(edges=(90, 180), dx=(1, -2, 0), dy=(0, 2, -1))
    box, bottom = (10, 20, 280, 50), 58
    tall = pen.taller(page, ref, box, shift, bottom)
    assert np.array_equal(tall[:30], pen.pen_mask(page, ref, box, shift))
    assert np.array_equal(tall[30:], pen.pen_mask(page, ref, (10, 50, 280, bottom), shift))
    one = Shift((), (2,), (-1,))
    assert np.array_equal(
        pen.taller(page, ref, box, one, bottom)[4:], pen.pen_mask(page, ref, (10, 24, 280, 58), one)
    )
    # Carried down off the page (the row itself on it): each part is masked alone instead.
    assert pen.taller(page, ref, box, shift, 79) is None
    assert pen.taller(page, ref, box, pen.Refold(shift, 30), bottom) is None


def test_the_rows_of_a_crease_checks_pen_are_each_pen_pixels_row():
    rng = np.random.default_rng(9)
    page, ref = _page(rng)
    name = SimpleNamespace(x=2.0, w=30.0)  # mm: 16 to 252 px at 200 dpi
    for dx, dy in ((0, 0), (2, -3), (-1, 4)):
        shift = Shift((), (dx,), (dy,))
        ys = crease_lines._pen_rows(page.dark, ref, (0, 10, 300, 70), name, 200 / 25.4, shift)
        pen = page.dark[10 + dy : 70 + dy, 16 + dx : 252 + dx] > 0
        assert np.array_equal(ys, np.nonzero(pen & ref.paper[10:70, 16:252])[0])


def test_the_margins_measured_once_for_the_page_answer_as_each_row_measured_them():
    rng = np.random.default_rng(3)
    dark = np.where(rng.random((200, 400)) < 0.05, 255, 0).astype(np.uint8)
    dark[120, :] = 255  # a crease through both margins
    dark[61:63, 30:60] = 255  # pen in one margin only
    ref = SimpleNamespace(paper=np.ones(dark.shape, bool), dpi=200)
    spans = ((5, 60), (340, 395))
    lines = margins.margin_lines(dark, ref, spans, (10, 190))
    for y0 in range(12, 170, 7):
        for dy in (-2, 0, 3):
            for a, b in spans:
                alone = margins.inked_rows(dark, ref, (a, b), y0, y0 + 20, dy)
                k = spans.index((a, b))
                assert np.array_equal(alone, np.flatnonzero(lines[2][k][y0 + dy : y0 + 20 + dy]))
            sliced = margins.beside(dark, ref, spans, y0, y0 + 20, dy, lines)
            each = margins.beside(dark, ref, spans, y0, y0 + 20, dy)
            assert all(map(np.array_equal, sliced, each))
    ref.paper[100, 10] = False  # print in a margin: each row looks for itself
    assert margins.margin_lines(dark, ref, spans, (10, 190)) is None


def _placed_each_side_anew(page, ref, box, refold):
    """``pen._refolded`` as it was: every side of every split placed again on its own."""
    x0, y0, x1, y1 = box
    if y0 < refold.at < y1:
        splits = [refold.at]
    else:
        splits = [] if refold.at >= 0 else [y0 + (y1 - y0) * k // 4 for k in (1, 2, 3)]
    best = pen._best_placed(page, ref, box, refold.shift)
    for at in splits if best.any() else []:
        upper = pen._best_placed(page, ref, (x0, y0, x1, at), refold.shift)
        lower = pen._best_placed(page, ref, (x0, at, x1, y1), refold.shift)
        both = np.vstack([upper, lower])
        if np.count_nonzero(both) < np.count_nonzero(best):
            best = both
    return best


def test_a_folded_row_placed_once_is_each_side_placed_on_its_own():
    rng = np.random.default_rng(11)
    for trial in range(12):
        page, ref = _page(rng)
        # Ink that fits the row's print only with each side shifted its own way.
        page.dark[30:45, 40:200] |= (
            np.roll(ref.paper[30:45, 40:200], trial % 3, axis=0).view(np.uint8) * 255
        )
        shift = Shift(edges=(), dx=(int(rng.integers(-2, 3)),), dy=(int(rng.integers(-2, 3)),))
        for at in (-1, 38, 70):
            refold = pen.Refold(shift, at, 2)
            box = (20, 25, 260, 55)
            fast = pen._refolded(page, ref, box, refold)
            assert np.array_equal(fast, _placed_each_side_anew(page, ref, box, refold))


def test_a_run_of_pen_across_is_looked_for_in_each_pixel_row_only_within_the_band():
    rng = np.random.default_rng(5)
    for _ in range(200):
        band = rng.random((int(rng.integers(1, 8)), int(rng.integers(1, 30)))) < 0.6
        by_hand = any("1" * 6 in "".join("1" if v else "0" for v in line) for line in band)
        assert strike_checks.run_across(band, 6) == by_hand
    edge = np.zeros((3, 20), bool)
    edge[1, :5] = edge[1, -5:] = True  # five at each end: no run of six
    assert not strike_checks.run_across(edge, 6)


def test_the_widest_piece_says_wide_enough_exactly_when_labelling_the_pieces_does():
    name = NameInk(x0=0, x1=60, y0=0, y1=20, top=4, base=16)
    rng = np.random.default_rng(9)
    for _ in range(100):
        band = rng.random((20, 60)) < rng.uniform(0.05, 0.5)
        labelled = strike_checks.widest_piece(band, 0, 0, name)
        assert (strike_checks.widest_piece(band, 0, 0, name, 6) < 6) == (labelled < 6)
