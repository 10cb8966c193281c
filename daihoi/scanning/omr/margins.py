"""A crease the crease finder missed or misplaced, seen where no pen goes: the page's margins.

creases.py fits each crease as a straight line; on a sheet whose lower part lies
displaced, the fit can tilt towards the displaced print's residue and clear a
line a few millimetres off the real crease (the long held-out run read three
clean rows struck that way: the uncleared crease ran through the names' bodies
and on through both margins). A strike stays near its name — it may overrun the
row by ``STRIKE_OVERRUN_MM``, never reach both margins of the page — so ink along
the same pixel row in both margins, beside a row read struck, is a crease: a
person decides that row.
"""

from __future__ import annotations

import numpy as np

from daihoi.scanning.omr.reference import STRIKE_OVERRUN_MM, Reference, box_px
from daihoi.scanning.omr.types import Box, Template

MARGIN_LINE = 0.1  # share of a margin's width inked along one pixel row (±1 for the slope); a
# crease is uneven along its length: where it is faint, little of it reads as ink
SLOPE = 0.02  # a crease is off square by about 1° at the most (creases.SLOPES)
EDGE_MM = 1.0  # the scan's own edge is not looked at
LEAST_MM = 4.0  # a margin narrower than this is not looked at


def margins_px(template: Template, dpi: int, width: int) -> tuple[tuple[int, int], ...]:
    """The page's left and right margins (x ranges, pixels) beyond any row and its overrun."""
    s = template.px(dpi)
    left = min(r.line.x for r in template.rows) - STRIKE_OVERRUN_MM
    right = max(r.line.x + r.line.w for r in template.rows) + STRIKE_OVERRUN_MM
    edge = round(EDGE_MM * s)
    spans = ((edge, int(left * s)), (int(right * s) + 1, width - edge))
    return tuple((a, b) for a, b in spans if b - a >= LEAST_MM * s)


def crease_beside(dark: np.ndarray, ref: Reference, spans, line: Box, shift) -> bool:
    """True when, beside the row ``line`` (placed by ``shift`` on the scan), both margins
    are inked along most of their width on pixel rows that one line off square by at most
    ``SLOPE`` joins: a crease left on the page, not a pen stroke."""
    y0, y1 = box_px(line, ref.dpi / 25.4)[1::2]
    dy = shift.mean[1]
    if len(spans) < 2 or min(y0, y0 + dy) < 1 or max(y1, y1 + dy) + 1 > dark.shape[0]:
        return False
    found = []
    for a, b in spans:
        seen = dark[y0 + dy - 1 : y1 + dy + 1, a:b] > 0
        ink = seen & ref.paper[y0 - 1 : y1 + 1, a:b]
        # A crease off square drifts a pixel or two across a margin.
        near = ink[:-2] | ink[1:-1] | ink[2:]
        found.append(np.flatnonzero(np.count_nonzero(near, axis=1) / near.shape[1] >= MARGIN_LINE))
    (left, right), apart = found, (spans[1][0] + spans[1][1] - spans[0][0] - spans[0][1]) / 2
    if left.size == 0 or right.size == 0:
        return False
    return bool(np.abs(left[:, None] - right[None, :]).min() <= SLOPE * apart)
