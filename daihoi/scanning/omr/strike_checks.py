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
from daihoi.scanning.omr.strokes import BODY_ABOVE_TOP, BODY_BELOW_BASE, runs, zones
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
# Placed by that rule, a clean row's rule lying a pixel off shows in the band too, under part
# of the name (stress tuning pages, 30 % non-strike marks: 0.35 and 0.38 on two clean rows
# below a crease, 0 placed at their least pen): the placing by the rule decides only a line
# under this much of the name (the long run's underline: 0.91); under less, the band is placed
# at its least pen as before.
UNDER_PLACED = 0.5
# A strike on a crease across the name is decided when the pen darker than BEYOND_DARK × the
# paper beside the row + BEYOND_PLUS still strikes through the body in the sure zone
# (``beyond_crease``). Beside the row: BESIDE_COLS columns from BESIDE_FROM_PX off the row's
# box (the gutters between the list's columns are 3.5 mm), along the pen's pixel rows in the
# body ± BESIDE_BAND_PX. A crease darkens a row up to 1 / 0.6 of what it does beside it in the
# generator's model: 1.5 × + 15 is over that for any crease up to 80 grey levels deep. On the
# four tuning and held-out runs, the clean names read struck on a fold measured 0 (tuning 71
# rows 23 and 45), the strikes decided with it 0.58-1.
BEYOND_DARK, BEYOND_PLUS = 1.5, 15.0
BESIDE_COLS, BESIDE_FROM_PX, BESIDE_BAND_PX = 20, 4, 6


@cache
def horizontal(length: int) -> np.ndarray:
    """A 1 × ``length`` structuring element (made once per length)."""
    return np.ones((1, length), np.uint8)


def inset(box: Box, mm: float) -> Box:
    return Box(box.x + mm, box.y + mm, box.w - 2 * mm, box.h - 2 * mm)


def by_rule_band(row: RowTemplate, s: float) -> tuple[int, int, int, int]:
    """The box ``under_by_rule`` looks in (reference pixels): the row's width inset as the
    pen's box is, from ``BY_RULE_MM`` above the row's lower rule down to it."""
    x0, _, x1, _ = box_px(inset(row.line, 0.6), s)
    rule = box_px(row.line, s)[3]
    return x0, rule - round(BY_RULE_MM * s), x1, rule


def under_by_rule(
    page: Page, ref: Reference, i: int, row: RowTemplate, shift, s: float, band=None
) -> float:
    """The share of the name's width that a line just above the row's lower rule covers (an
    underline drawn there), hairlines kept: in the band from ``BY_RULE_MM`` above the rule
    down to it, the pen's columns under the name joined across gaps of 1 mm. A rule lying off
    its place leaves such a line too, but along the whole row: pen along nearly the whole
    number cell is not an underline (0). ``band``: the pen there when already masked (the
    same pixels, cut from a taller mask of the row placed by the same plain ``Shift``)."""
    if ref.names[i] is None:
        return 0.0
    box = by_rule_band(row, s)
    if isinstance(shift, Refold) and shift.at < 0:
        # No crease crosses the row: it was found lying apart (the rules above and below it,
        # or its pieces, measured off one another), which an underline on the rule itself
        # does: each side placed again where it leaves least pen hides the underline in the
        # rule's slack. Placed as measured; a crease across the row is placed again.
        return _under(page, ref, i, row, shift.shift, s, box)
    if isinstance(shift, Refold) and shift.at + shift.half + CLEAR_OF_BAND_PX < box[1]:
        # The band wholly below a crease across the row: placed by the rule below as well.
        placed = _under(page, ref, i, row, below_fold(shift.shift), s, box)
        if placed >= UNDER_PLACED:
            return placed
    return _under(page, ref, i, row, shift, s, box, band)


def _under(page: Page, ref: Reference, i: int, row: RowTemplate, shift, s: float, box, band=None):
    """``under_by_rule`` in ``box`` (``by_rule_band``) placed by ``shift``, or on ``band``, the
    pen there already masked."""
    name = ref.names[i]
    x0, top, x1, rule = box
    pen = pen_mask(page, ref, (x0, top, x1, rule), shift) if band is None else band
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


def beyond_crease(page: Page, ref: Reference, pen, origin, name, shift: Refold, line, join, s):
    """The share of the name's body that pen darker than whatever darkens the paper beside the
    row along the same pixel rows still strikes through: ``pen`` (the row's pen over the name,
    top-left ``origin``) with every pixel no darker than that (``dark_beside``) taken out, its
    zones measured again (through the body, or one line across it). A crease darkens the paper
    about as much beside the row as across it; a strike darkens the name only."""
    x0, y0 = origin
    ys, xs = np.nonzero(pen)
    if ys.size == 0:
        return 0.0
    xh = name.x_height
    body = (ys + y0 >= name.top - BODY_ABOVE_TOP * xh) & (ys + y0 <= name.base)
    if not body.any():
        return 0.0
    span = (int(ys[body].min()) + y0 - BESIDE_BAND_PX, int(ys[body].max()) + y0 + BESIDE_BAND_PX)
    bar = dark_beside(page, ref, shift, span, line)
    if bar is None:
        return 0.0
    dx, dy = shift.mean
    h, w = page.aligned.shape
    # Each pixel's darkness where the row's mean shift places it: the pen was placed side by
    # side of the fold (pen.Refold), each side a pixel or two from there, but a pen pixel lies
    # outside the print's slack (2 px) and a strike is 2-5 px thick. Taken at its lightest
    # within a pixel (a 3 × 3 dilation), thin light strikes fell under the bar (tuning 83 row
    # 56: 0.15 of the name against 0.65), while the clean names read struck stayed at 0.
    paper = page.paper_at((name.x0 + name.x1) // 2 + dx, (name.top + name.base) // 2 + dy)
    seen = page.aligned[np.clip(ys + y0 + dy, 0, h - 1), np.clip(xs + x0 + dx, 0, w - 1)]
    dark = paper - seen.astype(float)
    strong = np.zeros_like(pen)
    keep = dark > BEYOND_DARK * bar + BEYOND_PLUS
    strong[ys[keep], xs[keep]] = True
    if widest_piece(strong, y0, x0, name, PIECE_PX) < PIECE_PX:
        return 0.0  # slivers of print a fold displaced, no pen line between the letters
    found = zones(strong, y0, x0, name, join, s, feet=False)
    return max(found.through, found.line)


def dark_beside(page: Page, ref: Reference, shift, span, line) -> float | None:
    """How dark the paper is just beside the row along the pixel rows ``span`` (reference y,
    top and bottom) where its pen lies: per pixel column of open paper in the gutters either
    side of the row's box ``line`` (x0, x1), the darkest pixel in those rows; the median over
    each side, the darker side's (a strike overrunning its row darkens one side: the bar only
    rises). A crease the finder fitted a few pixels off its line (10 px on a crumpled sheet)
    is found there all the same. None where neither side has open paper enough."""
    dx, dy = shift.mean
    h, w = page.aligned.shape
    top, bottom = max(0, span[0]), min(h, span[1] + 1)
    if top >= bottom:
        return None
    sides = []
    for a, b in (
        (line[0] - BESIDE_FROM_PX - BESIDE_COLS, line[0] - BESIDE_FROM_PX),
        (line[1] + BESIDE_FROM_PX, line[1] + BESIDE_FROM_PX + BESIDE_COLS),
    ):
        a, b = max(0, a, -dx), min(w, b, w - dx)
        ya, yb = max(0, top + dy), min(h, bottom + dy)
        if b - a < BESIDE_COLS // 2 or yb - ya < bottom - top:
            continue
        open_ = (ref.printed_page[top:bottom, a:b] == 0).all(axis=0)
        if np.count_nonzero(open_) < BESIDE_COLS // 2:
            continue
        scan = page.aligned[ya:yb, a + dx : b + dx]
        paper = page.paper_at((a + b) // 2 + dx, (top + bottom) // 2 + dy)
        darkest = paper - scan.min(axis=0).astype(float)
        sides.append(float(np.median(darkest[open_])))
    return max(sides) if sides else None
