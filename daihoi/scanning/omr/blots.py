"""A dot or blot on the printed name: pen the subtraction of the print cannot see.

The pen is what the scan has and the reference has not, the print grown by its
slack (reference.py). A dot drawn on a letter lies mostly inside that slack and
goes with it: the row would look clean and be read "kept", while a person
looking at it sees a dot on the name and must decide what the voter meant.

What tells a dot from the print under it is its shape: a dot is a solid patch
wider than any printed stroke. An opening (erosion then dilation) by a disc
wider than the thickest stroke of the name's print leaves nothing of the
letters, only solid patches; where the reference itself has such a patch (a
junction of strokes, a heavy accent) the scan's patch is explained by the print.
Whatever solid ink is left over is a blot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

if TYPE_CHECKING:
    from daihoi.scanning.omr.reference import Reference

# A disc this wide (radius in pixels at 200 dpi) is wider than most of the name's printed
# strokes at the half-dark cut (3 px; where two strokes meet, wider: those places are in the
# reference's own solid print); the smallest dot a ballpoint leaves is ~1 mm (8 px) across.
OPEN_RADIUS_AT_200 = 2
# The reference's solid print grown by this much (the rows' placement is within 2 px).
PRINT_SLACK_AT_200 = 2


def solid_print(ref_ink: np.ndarray, dpi: int) -> np.ndarray:
    """Bool: where the printed page itself has ink solid enough to survive the opening, grown
    by the slack. Built once per reference."""
    solid = cv2.morphologyEx(ref_ink, cv2.MORPH_OPEN, _disc(_px(OPEN_RADIUS_AT_200, dpi)))
    return cv2.dilate(solid, _disc(_px(PRINT_SLACK_AT_200, dpi))) > 0


def blot_px(aligned: np.ndarray, cut: float, ref: Reference, box, dx: int, dy: int) -> int:
    """Pixels of solid ink in ``box`` (x0, y0, x1, y1, reference pixels; the scan read at
    ``dx``, ``dy`` from it) that the print does not explain. Ink here is darker than ``cut``,
    halfway from the paper to the print's black: a blurred scan spreads a letter's edges,
    but its half-dark outline stays where the letter's edge is, as thin as it was printed."""
    x0, y0, x1, y1 = box
    h, w = aligned.shape
    if x0 + dx < 0 or y0 + dy < 0 or x1 + dx > w or y1 + dy > h or x1 <= x0 or y1 <= y0:
        return 0
    patch = cv2.compare(aligned[y0 + dy : y1 + dy, x0 + dx : x1 + dx], cut, cv2.CMP_LT)
    solid = cv2.morphologyEx(patch, cv2.MORPH_OPEN, _disc(_px(OPEN_RADIUS_AT_200, ref.dpi)))
    return int(np.count_nonzero((solid > 0) & ~ref.solid[y0:y1, x0:x1]))


def _px(at_200: int, dpi: int) -> int:
    return max(1, round(at_200 * dpi / 200))


def _disc(radius: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
