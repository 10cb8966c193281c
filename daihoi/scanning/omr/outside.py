"""Ink where nothing should be: a written-in name, a signature, an identifying mark.

Watched is the paper inside the markers' frame that no row, no stamp box, no
code square and no printed text covers (reference.py builds the mask from the
ballot's PDF; without it nothing is watched). Specks of dust and hairlines
along printed edges are ignored: a mark must cover ``WRITING_MM2`` and run at
least ``WRITING_SPAN_MM``. A mark must also stand out from the paper right around it by
``WRITING_CONTRAST`` of the way to the markers' black: a pen does (a light one by more than
half the way), where a shadow along the sheet's edge that the paper's tone did not follow
stands 2–4 grey levels off its surroundings and a crease's remnant the crease finder left
25–35 (an other scanner's pages flagged 5 times in 80). A mark lying wholly inside a found
crease's band is that crease's remnant where it crosses the edges of printed text (the print's
blur and the crease add up past the crease's clearing): it is not writing (session 9).
"""

from __future__ import annotations

import cv2
import numpy as np

from daihoi.scanning.omr.creases import Crease
from daihoi.scanning.omr.reference import Reference

WRITING_MM2 = 1.5
WRITING_SPAN_MM = 2.5
WRITING_CONTRAST = 0.2
RING_MM = 1.0  # the paper around a mark, its contrast measured against
_SHRINK = 4


def writing_outside(
    dark: np.ndarray, ref: Reference, grey: np.ndarray, ink: float, creases: list[Crease] = ()
) -> bool:
    """True when pen ink outside the rows is big enough to be writing and stands out from the
    paper around it (see the docstring); ``grey``: the aligned page, ``ink``: the markers'
    black; ``creases``: the creases found (their remnants are not writing)."""
    if ref.watch is None:
        return False
    # Only the watched frame can hold pen (``watch`` is 0 elsewhere); its box keeps a margin
    # of paper so that the opening sees the same zeros at the box's edge as on the page.
    x0, y0, x1, y1 = ref.watch_box
    pen = cv2.bitwise_and(dark[y0:y1, x0:x1], ref.watch[y0:y1, x0:x1])
    if cv2.countNonZero(pen) == 0:
        return False
    pen = cv2.morphologyEx(pen, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    if cv2.countNonZero(pen) == 0:  # specks only: nothing left to be writing
        return False
    page = np.zeros(dark.shape, np.uint8)  # the shrinking's grid is the whole page's
    page[y0:y1, x0:x1] = pen
    h, w = page.shape
    small = cv2.resize(page, (w // _SHRINK, h // _SHRINK), interpolation=cv2.INTER_AREA)
    marks = cv2.compare(small, 40, cv2.CMP_GT)
    count, _, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
    if count < 2:
        return False
    mm = _SHRINK * 25.4 / ref.dpi  # millimetres per pixel of ``small``
    area = stats[1:, cv2.CC_STAT_AREA] * mm * mm
    span = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) * mm
    big = np.flatnonzero((area >= WRITING_MM2) & (span >= WRITING_SPAN_MM)) + 1
    ring = round(RING_MM * ref.dpi / 25.4)
    boxes = [stats[k, :4] * _SHRINK for k in big]
    boxes = [box for box in boxes if not any(_inside_band(box, c) for c in creases)]
    return any(_stands_out(grey, dark, box, ring, ink) for box in boxes)


def _inside_band(box, crease: Crease) -> bool:
    """The box (x, y, w, h in pixels) lies within the band ``crease`` was cleared over, give
    or take the shrunk grid's rounding: a mark no taller across the line than the crease itself.
    Writing crosses such a band: a word is 2.5 mm tall and more, a band 1–1.5 mm."""
    x, y, w, h = (int(v) for v in box)
    if not crease.across:  # the same test with the page's axes swapped
        x, y, w, h = y, x, h, w
    ends = crease.position(np.array([x, x + w], float))
    slack = _SHRINK // 2
    return y >= ends.min() - crease.half - slack and y + h <= ends.max() + crease.half + slack


def _stands_out(grey: np.ndarray, dark: np.ndarray, box, ring: int, ink: float) -> bool:
    """True when the ink in ``box`` (x, y, w, h in pixels) is darker than the paper around it
    (the box grown by ``ring``) by ``WRITING_CONTRAST`` of the way to ``ink``."""
    h, w = grey.shape
    x, y, bw, bh = (int(v) for v in box)
    x0, y0 = max(0, x - ring), max(0, y - ring)
    x1, y1 = min(w, x + bw + ring), min(h, y + bh + ring)
    patch, marked = grey[y0:y1, x0:x1], dark[y0:y1, x0:x1] > 0
    if not marked.any() or marked.all():
        return True
    paper = float(np.median(patch[~marked]))
    mark = float(np.median(patch[marked]))
    return paper - mark >= WRITING_CONTRAST * max(paper - ink, 1.0)
