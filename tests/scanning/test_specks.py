"""A scanner that sows specks over the page (dust, a sensor's salt noise): the rows are read
as on a clean page, a voter's dot still goes to a person, and a clean page is left as it is."""

import cv2
import numpy as np
import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr.align import page_tones
from daihoi.scanning.omr.reader import read_page
from daihoi.scanning.omr.reference import reference_for
from daihoi.scanning.omr.register import register
from daihoi.scanning.omr.specks import without_specks
from daihoi.scanning.omr.warp import warp
from tests.scanning.test_omr_reader import voter
from tests.scanning.test_real_paper import assert_safe, paper, speck_beside


def salted(scan: np.ndarray, seed: int, rate: float, quality: int = 70) -> np.ndarray:
    """``scan`` with ``rate`` of its pixels turned black or white, then JPEG-encoded again (as
    a scanner with a dirty sensor would hand it over)."""
    rng = np.random.default_rng(seed)
    out = scan.copy()
    hit = rng.random(out.shape) < rate
    out[hit] = rng.choice(np.array([0, 255], np.uint8), int(hit.sum()))
    ok, jpeg = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def dark_of(scan, template):
    registration = register(scan, template, 200)
    ref = reference_for(template, 200)
    page = page_tones(warp(scan, registration.matrix, ref.shape), registration.ink)
    return page.dark, ref


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_page_sown_with_salt_noise_is_read_as_a_clean_one(seed):
    # before specks.py, salt on 0.2 % of the pixels sent about two rows in three to a person
    template, _ = paper(11, 9, "A5")
    scan, truth = voter(11, 9, "A5", seed=seed)
    reading = read_page(salted(scan, seed, 0.002), template)
    assert_safe(reading, truth)
    clean = {row.position for row in read_page(scan, template).rows if row.uncertain}
    more = {row.position for row in reading.rows if row.uncertain} - clean
    assert len(more) <= 2, more  # of 11 (a speck that touches a letter is still pen)


@pytest.mark.parametrize("seed", [0, 1])
def test_a_dot_a_person_sees_still_goes_to_a_person_on_a_sown_page(seed):
    # a pen's dot 0.8 mm across (about 0.4 mm²) beside name 2: never taken for a speck
    template, scan, truth = speck_beside(seed, 0.25, 60)
    reading = read_page(salted(scan, seed, 0.002), template)
    assert_safe(reading, truth, asked={2})
    assert reading.rows[1].reason == "dot"


def test_a_clean_page_is_left_exactly_as_it_is():
    template, _ = paper(11, 9, "A5")
    scan, _ = voter(11, 9, "A5", seed=4)
    dark, ref = dark_of(scan, template)
    assert without_specks(dark, template, ref) is dark
    sown, _ = dark_of(salted(scan, 4, 0.002), template)
    cleaned = without_specks(sown, template, ref)
    assert cleaned is not sown and cv2.countNonZero(cleaned) < cv2.countNonZero(sown)


def test_the_synthetic_scanner_itself_leaves_no_page_sown():
    # the margins of ordinary scans hold a few specks at most (the strips' density cut is
    # above what 40 pages of both sets show)
    template, blank = paper(11, 9, "A5")
    for conditions in (synthetic.TUNING, synthetic.HELD_OUT):
        for seed in range(20):
            rng = np.random.default_rng(seed)
            scan, _ = synthetic.synthetic_ballot(template, blank, rng, conditions=conditions)
            dark, ref = dark_of(scan, template)
            assert without_specks(dark, template, ref) is dark, (conditions.name, seed)


def test_a_stroke_broken_into_pieces_is_never_taken_for_specks():
    # on a sown page, a faint pen's stroke that the ink threshold broke into speck-sized pieces
    # (2×3 px, 2 px apart) on blank paper stays ink but for a piece at either end; lone specks
    # around it go
    template, _ = paper(11, 9, "A5")
    ref = reference_for(template, 200)
    rng = np.random.default_rng(7)
    dark = np.zeros(ref.shape, np.uint8)
    ys, xs = np.nonzero((rng.random(ref.shape) < 0.0005) & (ref.printed == 0))
    dark[ys, xs] = 255  # lone specks all over the page, its margins too
    row = template.rows[3].line
    s = template.px(200)
    y = round((row.y + row.h / 2) * s)
    free = (
        ref.printed[y - 8 : y + 11, round(row.x * s) : round((row.x + row.w) * s)].max(axis=0) == 0
    )
    edges = np.flatnonzero(np.diff(np.concatenate([[0], free.astype(np.int8), [0]])))
    starts, ends = edges[::2], edges[1::2]
    longest = int(np.argmax(ends - starts))  # the row's longest blank run: after the name
    x0, x1 = round(row.x * s) + starts[longest], round(row.x * s) + ends[longest]
    assert x1 - x0 > 40
    dark[y - 8 : y + 11, x0:x1] = 0
    for x in range(x0 + 4, x1 - 4, 4):
        dark[y : y + 3, x : x + 2] = 255
    stroke = cv2.countNonZero(dark[y : y + 3, x0:x1])
    cleaned = without_specks(dark, template, ref)
    assert cleaned is not dark
    assert cv2.countNonZero(cleaned[y : y + 3, x0:x1]) >= stroke - 12
    lone = cv2.countNonZero(dark) - stroke
    assert cv2.countNonZero(dark) - cv2.countNonZero(cleaned) > 0.9 * lone


@pytest.mark.parametrize("seed", [1, 2])
def test_a_light_strike_on_a_sown_page_is_still_read_struck(seed):
    template, blank = paper(11, 9, "A5")
    rng = np.random.default_rng(seed)
    marks = {r.position: synthetic.Mark.KEPT for r in template.rows} | {3: synthetic.Mark.STRUCK}
    drawn = synthetic.draw_marks(blank, template, marks, rng)
    light = np.where(drawn < blank, 255 - (255 - drawn.astype(np.int16)) // 2, drawn)
    scan = synthetic.simulate_scan(light.astype(np.uint8), rng, severity=0.3)
    reading = read_page(salted(scan, seed, 0.002), template)
    assert_safe(reading, marks)
    assert reading.rows[2].mark is synthetic.Mark.STRUCK
