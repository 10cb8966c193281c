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


def crease_beside(dark: np.ndarray, ref: Reference, spans, line: Box, shift, lines=None) -> bool:
    """True when, beside the row ``line`` (placed by ``shift`` on the scan), both margins
    are inked along most of their width on pixel rows that one line off square by at most
    ``SLOPE`` joins: a crease left on the page, not a pen stroke. ``lines``: the page's
    ``margin_lines`` when already measured (the same answer, found by slicing)."""
    y0, y1 = box_px(line, ref.dpi / 25.4)[1::2]
    dy = shift.mean[1]
    if len(spans) < 2 or min(y0, y0 + dy) < 1 or max(y1, y1 + dy) + 1 > dark.shape[0]:
        return False
    left, right = beside(dark, ref, spans, y0, y1, dy, lines)
    apart = (spans[1][0] + spans[1][1] - spans[0][0] - spans[0][1]) / 2
    if left.size == 0 or right.size == 0:
        return False
    return bool(np.abs(left[:, None] - right[None, :]).min() <= SLOPE * apart)


def beside(dark: np.ndarray, ref: Reference, spans, y0: int, y1: int, dy: int, lines=None):
    """Per margin of ``spans``, its ``inked_rows`` beside the row from ``y0`` to ``y1`` placed
    by ``dy`` (the caller keeps a pixel above and below on the page): sliced from the page's
    ``margin_lines`` (``lines``) where they cover the row, else measured for the row."""
    if lines is not None and lines[0] <= y0 - 1 and y1 + 1 <= lines[1]:
        return [np.flatnonzero(inked[y0 + dy : y1 + dy]) for inked in lines[2]]
    return [inked_rows(dark, ref, (a, b), y0, y1, dy) for a, b in spans]


def rows_span(template: Template, dpi: int) -> tuple[int, int]:
    """The reference y range of every row's line, a pixel above and below (``crease_beside``
    looks there)."""
    s = template.px(dpi)
    lines = [box_px(row.line, s)[1::2] for row in template.rows]
    return min(y0 for y0, _ in lines) - 1, max(y1 for _, y1 in lines) + 1


def inked_rows(dark: np.ndarray, ref: Reference, span, y0: int, y1: int, dy: int) -> np.ndarray:
    """The pixel rows (from ``y0``) of the row's height placed by ``dy`` along which the margin
    ``span`` is inked along ``MARGIN_LINE`` of its width, a pixel above or below counted."""
    a, b = span
    seen = dark[y0 + dy - 1 : y1 + dy + 1, a:b] > 0
    ink = seen & ref.paper[y0 - 1 : y1 + 1, a:b]
    # A crease off square drifts a pixel or two across a margin.
    near = ink[:-2] | ink[1:-1] | ink[2:]
    return np.flatnonzero(np.count_nonzero(near, axis=1) / near.shape[1] >= MARGIN_LINE)


def margin_lines(dark: np.ndarray, ref: Reference, spans, rows: tuple[int, int]):
    """For ``crease_beside`` on every row read struck, measured once for the page: (top,
    bottom, per margin a bool per pixel row of the page: inked along ``MARGIN_LINE`` of its
    width with the rows above and below), where the reference has no print in the margins
    between ``rows`` (reference y, top and bottom); None where it has (each row then looks
    for itself)."""
    top, bottom = max(0, rows[0]), min(dark.shape[0], rows[1])
    if len(spans) < 2 or not all(ref.paper[top:bottom, a:b].all() for a, b in spans):
        return None
    out = []
    for a, b in spans:
        ink = dark[:, a:b] > 0
        inked = np.zeros(dark.shape[0], bool)
        near = ink[:-2] | ink[1:-1] | ink[2:]
        inked[1:-1] = np.count_nonzero(near, axis=1) / near.shape[1] >= MARGIN_LINE
        out.append(inked)
    return top, bottom, out
