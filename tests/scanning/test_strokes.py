"""Where a row's pen lies against the printed name (omr/strokes.py), on small crafted crops."""

import cv2
import numpy as np

from daihoi.scanning.omr import rows
from daihoi.scanning.omr.reference import NameInk
from daihoi.scanning.omr.strokes import zones

S = 200 / 25.4
NAME = NameInk(x0=20, x1=220, y0=18, y1=50, top=25, base=41)  # a name 25 mm long at 200 dpi


def _zones(pen: np.ndarray):
    gap = max(3, round(rows.GAP_MM * S))
    join = lambda ink: rows._strike_columns(ink, gap, S)  # noqa: E731
    return zones(pen, 0, 0, NAME, join, S, enough=rows.STRIKE_CUTS[3])


def _oval(pen: np.ndarray) -> None:
    drawn = np.zeros(pen.shape, np.uint8)
    cv2.ellipse(drawn, (120, 33), (108, 15), 0, 0, 360, 255, 3)
    pen |= drawn > 0


def test_a_ring_whose_body_holds_only_specks_is_a_ring_even_when_the_specks_join_into_a_strike():
    """Issue 18 (held-out run, session 6): on a folded row the displaced print left specks in
    the body every few millimetres; joined across gaps (where a strike crosses letters) with
    the oval's thick ends they covered the whole name, the ring was not measured, and the
    oval read struck with confidence 1."""
    pen = np.zeros((60, 240), bool)
    _oval(pen)
    for x in range(26, 216, 14):  # residue of the displaced letters: 2 × 2 px specks
        pen[31:33, x : x + 2] = True
    found = _zones(pen)
    assert found.through >= rows.STRIKE_CUTS[3]  # what made it a strike
    assert found.both >= rows.NOT_A_STRIKE
    assert found.mass < rows.SCRIBBLE_PX


def test_a_name_scribbled_out_is_dense_in_the_body_not_a_ring():
    """A scribble has pen above and below the name in the columns where the letters cut its
    strokes, as a ring does (a tuning run sent 162 scribbled names to a person that way when
    the ring was measured on every strike); its body is dense with pen."""
    pen = np.zeros((60, 240), bool)
    xs = np.arange(14, 228, 0.25)
    ys = 33 + 14 * np.sin(2 * np.pi * xs / 9)
    points = np.stack([xs, ys], axis=1).round().astype(np.int32)
    drawn = np.zeros(pen.shape, np.uint8)
    cv2.polylines(drawn, [points], False, 255, 3)
    pen |= drawn > 0
    for x in range(24, 216, 6):  # the letters' stems, subtracted with the print
        pen[25:41, x : x + 4] = False
    found = _zones(pen)
    assert found.through >= rows.STRIKE_CUTS[3]
    assert found.both >= rows.NOT_A_STRIKE  # pen above and below in the same columns, like a ring
    assert found.mass >= rows.SCRIBBLE_PX
