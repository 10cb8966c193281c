"""Reading a row of a box ballot (đồng ý / không đồng ý): the share of each box's inside
covered by pen. An empty box with pen around it, a mark more outside its box than in it, a
blot that does not reach across half the box, or pen on the name: a person decides.
"""

from __future__ import annotations

import numpy as np

from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.evidence import STRAY_MM2, Evidence, area_mm2, decide, quiet
from daihoi.scanning.omr.pen import no_hairlines, no_specks, pen_mask
from daihoi.scanning.omr.reference import Reference, box_px
from daihoi.scanning.omr.shifts import Shift
from daihoi.scanning.omr.strike_checks import inset
from daihoi.scanning.omr.types import Box, Mark, RowTemplate

BOX_CUTS = (0.004, 0.01, 0.06, 0.10)  # share of the box's inside
RING_MM2 = (0.3, 0.6)  # pen around an unmarked box (outside it, inside its cell)
MARK_REACH = 0.5  # a cross, tick or slash spans at least half the box; a blot does not


def _box(page: Page, ref: Reference, row: RowTemplate, box: Box, shift: Shift, s: float):
    """(share of the box's inside under pen, confidence that it is marked or not)."""
    inside = box_px(box, s)
    mask = no_specks(pen_mask(page, ref, inside, shift))
    pen = np.count_nonzero(mask)
    room = ref.printed[inside[1] : inside[3], inside[0] : inside[2]] == 0
    share = pen / max(1, int(np.count_nonzero(room)))
    marked, confidence = decide(share, BOX_CUTS)
    cell = inset(row.line, 0.6)
    ring = box_px(Box(box.x - box.w / 2, cell.y, box.w * 2, cell.h), s)
    beside = pen_mask(page, ref, ring, shift)
    beside[inside[1] - ring[1] : inside[3] - ring[1], inside[0] - ring[0] : inside[2] - ring[0]] = 0
    around = np.count_nonzero(no_hairlines(beside))
    if not marked:  # a mark beside an empty box
        confidence = min(confidence, quiet(around / (s * s), RING_MM2))
    elif around > pen or _reach(mask) < MARK_REACH * (inside[2] - inside[0]):
        # More outside the box than in it; or a blot, not a cross, tick or stroke across it.
        confidence = min(confidence, 0.4)
    return share, confidence


def _reach(mask: np.ndarray) -> int:
    """The longer side, in pixels, of the smallest upright box around the pen in ``mask``."""
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if rows.size == 0:
        return 0
    return int(max(rows[-1] - rows[0], cols[-1] - cols[0])) + 1


def read_boxes(page: Page, ref: Reference, row: RowTemplate, shift: Shift, s: float):
    found = [_box(page, ref, row, box, shift, s) for box in (row.agree, row.disagree)]
    shares, confidences = [f[0] for f in found], [f[1] for f in found]
    stray = 0.0  # without the printed names, ink on the name cannot be told from print
    if ref.exact:
        name_part = Box(row.line.x, row.line.y, row.name.x + row.name.w - row.line.x, row.line.h)
        stray = area_mm2(pen_mask(page, ref, box_px(inset(name_part, 0.6), s), shift), s)
    agree, disagree = shares[0] >= BOX_CUTS[2], shares[1] >= BOX_CUTS[2]
    if agree and disagree:
        mark = Mark.BOTH
    elif agree or disagree:
        mark = Mark.AGREE if agree else Mark.DISAGREE
    else:
        mark = Mark.NONE
    confidence = min(*confidences, quiet(stray, STRAY_MM2))
    return mark, confidence, Evidence(stray_mm2=stray, agree=shares[0], disagree=shares[1])
