"""The strike's extra checks (rows.py asks them of a row read struck, or kept): are the pen's
pieces wide enough to be a pen line, is a strike on a crease across the name plain to see,
is there an underline hidden just above the row's lower rule.

Each answers one question about the pen where rows.py found it; rows.py decides what the
answer does to the row's confidence.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import cv2
import numpy as np

from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.pen import SIDES_PX, Refold, pen_mask
from daihoi.scanning.omr.reference import Reference, box_px
from daihoi.scanning.omr.shifts import Shift
from daihoi.scanning.omr.strokes import BODY_ABOVE_TOP, BODY_BELOW_BASE, runs
from daihoi.scanning.omr.types import Box, RowTemplate

# A strike shows somewhere in the body a piece of pen at least this wide (pixels): between two
# letters, across a word's gap. On a tuning run (8,279 strikes decided) the widest piece was
# 5 px in 8 of them, 6 px or more in the rest; slivers of print displaced sideways by a fold
# the reader missed were 3-4 px wide (a held-out clean name read struck at confidence 1).
PIECE_PX = 6
# A strike on a crease across the name, decided all the same (plain_strike): its strokes
# through the body this thick (median, pixels) and its darkest tenth this share of the way
# from the paper to the markers' black; drawn along the crease itself (its line taken out
# takes the strike too), darker still: a crease darkens the paper by 80 grey levels at most.
PLAIN, PLAIN_ALONG = (4, 0.35), (3, 0.6)
# An underline drawn just above the row's lower rule lies mostly in the rule's slack, below the
# box the pen is looked for in (the row inset by 0.6 mm, so that a displaced rule is not pen):
# what is left of it is a line one or two pixels high, taken out with the hairlines (a held-out
# underline on a folded row read kept at confidence 1). Looked for apart, hairlines kept, in
# the band from this far above the rule down to it (``under_by_rule``).
BY_RULE_MM = 0.8
# A rule lying off its place leaves a line in that band along the whole row, the number cell
# included; an underline may start under the number cell too (the generator's start up to a
# fifth of the name's width before it: two held-out underlines on the rule read kept), but
# not along nearly all of it.
RULE_CELL = 0.9
# A crease across the row this far (pixels, beyond its half-thickness) above that band leaves
# the band wholly on the fold's lower side (``below_fold``); nearer, the crease's own residue
# may lie in the band, and the band is placed again where it leaves least pen.
CLEAR_OF_BAND_PX = 2


@cache
def horizontal(length: int) -> np.ndarray:
    """A 1 × ``length`` structuring element (made once per length)."""
    return np.ones((1, length), np.uint8)


def inset(box: Box, mm: float) -> Box:
    return Box(box.x + mm, box.y + mm, box.w - 2 * mm, box.h - 2 * mm)


def under_by_rule(page: Page, ref: Reference, i: int, row: RowTemplate, shift, s: float):
    """The share of the name's width that a line just above the row's lower rule covers (an
    underline drawn there), hairlines kept: in the band from ``BY_RULE_MM`` above the rule
    down to it, the pen's columns under the name joined across gaps of 1 mm. A rule lying off
    its place leaves such a line too, but along the whole row: pen along nearly the whole
    number cell is not an underline (0)."""
    name = ref.names[i]
    if name is None:
        return 0.0
    x0, _, x1, _ = box_px(inset(row.line, 0.6), s)
    rule = box_px(row.line, s)[3]
    top = rule - round(BY_RULE_MM * s)
    if isinstance(shift, Refold) and shift.at < 0:
        # No crease crosses the row: it was found lying apart (the rules above and below it,
        # or its pieces, measured off one another), which an underline on the rule itself
        # does: each side placed again where it leaves least pen hides the underline in the
        # rule's slack. Placed as measured; a crease across the row is placed again.
        shift = shift.shift
    elif isinstance(shift, Refold) and shift.at + shift.half + CLEAR_OF_BAND_PX < top:
        shift = below_fold(shift.shift)
    pen = pen_mask(page, ref, (x0, top, x1, rule), shift)
    pen = pen.any(axis=0)
    a, b = name.x0 - x0, name.x1 - x0
    if not pen[a:b].any():
        return 0.0
    gap = max(3, round(s))
    closed = cv2.morphologyEx(
        pen.astype(np.uint8)[None, :], cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8)
    )[0]
    under = float(np.count_nonzero(closed[a:b])) / max(1, b - a)
    cell = box_px(row.name, s)[0] - x0
    if cell > 0 and np.count_nonzero(closed[:cell]) >= RULE_CELL * cell:
        return 0.0
    return under


def below_fold(shift: Shift) -> Shift:
    """``shift`` for the part of a row below a crease across it: placed down by the rule below
    the row (``Shift.sides``) where the rules above and below lie apart, else as measured.
    A crease across the row above the band ``under_by_rule`` looks in leaves the band wholly
    on its lower side, which that rule places: placed again where it leaves least pen (±2 px),
    the band slid onto the rule and an underline drawn just above it hid in the rule's slack
    (never-seen held-out 134365 row 23, session 8's long run: read kept at 1.0)."""
    if shift.sides is None:
        return shift
    upper, lower = shift.sides
    if abs(lower - upper) > SIDES_PX:  # the rules misread (a pen line along one)
        return shift
    # The pieces' dy is the mean of the two rules' (shifts.row_shifts): moved to the lower's.
    moved = lower - round((upper + lower) / 2)
    return replace(shift, dy=tuple(dy + moved for dy in shift.dy))


def widest_piece(pen: np.ndarray, y0: int, x0: int, name, enough: int | None = None) -> int:
    """The widest piece of pen (8-connected, pixels across) within the name's body band; with
    ``enough``, at least that many (``enough`` itself) as soon as one pixel row holds a run
    of pen that wide (most strikes: the pieces need not be labelled)."""
    xh = name.x_height
    lo = max(0, int(np.floor(name.top - BODY_ABOVE_TOP * xh)) - y0)
    hi = max(0, int(np.ceil(name.base)) - y0)  # down to the baseline: a line through the feet
    band = pen[lo:hi, max(0, name.x0 - x0) : max(0, name.x1 - x0)]
    if not band.any():
        return 0
    if enough is not None and run_across(band, enough):
        return enough
    count, _, stats, _ = cv2.connectedComponentsWithStats(band.view(np.uint8), connectivity=8)
    return int(stats[1:, cv2.CC_STAT_WIDTH].max()) if count > 1 else 0


def run_across(band: np.ndarray, length: int) -> bool:
    """Does some pixel row of ``band`` hold ``length`` pen pixels side by side? (Outside the
    band is no pen.)"""
    if band.shape[1] < length:
        return False
    kept = cv2.erode(
        band.view(np.uint8), horizontal(length), borderType=cv2.BORDER_CONSTANT, borderValue=0
    )
    return bool(kept.any())


def plain_strike(
    page: Page, pen: np.ndarray, origin, name, shift: Refold, alone, sure: float
) -> bool:
    """On a row a crease crosses at the printed name: is the pen a strike a person would call
    at a glance, whatever the crease left? Drawn as a pen line is: its strokes through the
    body thick (a crease's residue is a hairline a pixel or three high) and dark like ink
    (the darkest tenth of them some way from the paper to the markers' black; a crease
    darkens the paper by a few tens of grey levels). It must still cross the body in the
    sure zone with the crease's line taken out (``alone``); a strike drawn along the crease
    itself, which that takes out too, must be darker still (a crease's residue there may be
    as thick as a thin pen's line once the crease is cleared round it, never as dark): ``alone``
    under ``sure`` (the strike cut's sure zone). A strike that does cross the body with the
    crease taken out passes with either bar: one thin but as dark as the bar along the crease
    asks is no residue on either side of it (tuning: thin dark strikes across a crease, dark
    0.64-0.86, went to a person; the clean names freed by the crease read 0.19-0.21). A crease
    seen only as the rules lying apart (``at`` < 0, ``alone`` None) is never plain."""
    if alone is None:
        return False
    bars = (PLAIN, PLAIN_ALONG) if alone >= sure else (PLAIN_ALONG,)
    x0, y0 = origin
    xh = name.x_height
    lo, hi = name.top - BODY_ABOVE_TOP * xh, name.base - BODY_BELOW_BASE * xh
    cols, starts, ends = runs(pen)
    centres = y0 + (starts + ends - 1) / 2
    body = (centres >= lo) & (centres <= hi) & (cols >= name.x0 - x0) & (cols < name.x1 - x0)
    if not body.any():
        return False
    thickness = np.median((ends - starts)[body])
    bars = [dark for thick, dark in bars if thickness >= thick]
    if not bars:
        return False
    ys, xs = np.nonzero(pen)
    ys = ys + y0
    inside = (ys >= lo) & (ys <= hi) & (xs >= name.x0 - x0) & (xs < name.x1 - x0)
    dx, dy = shift.mean
    paper = page.paper_at((name.x0 + name.x1) // 2 + dx, (name.top + name.base) // 2 + dy)
    h, w = page.aligned.shape
    seen = page.aligned[np.clip(ys[inside] + dy, 0, h - 1), np.clip(xs[inside] + x0 + dx, 0, w - 1)]
    darkest = paper - float(np.percentile(seen, 10))
    return darkest >= min(bars) * page.full_dark(paper)
