"""Where the pen is on a row: the scan's ink that the printed ballot does not explain.

The pen is ink on the scan where the reference has no print within its slack (the
printed ink grown by 2 px at 200 dpi; see reference.py), each piece of the row read
where shifts.py places it. Where two pieces meet, ink is pen only if it is pen under
both pieces' shifts. A row a fold crosses (``Refold``) is placed again on each side of
the crease, each where it leaves the least pen: one side of a fold may lie a little off
the other.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.reference import Reference
from daihoi.scanning.omr.shifts import Shift

REFOLD_PX = 2  # how far each side of a crease is looked for again
# A fold's side lies up to half a millimetre off the other (the synthetic sets draw 0-0.35 mm
# for tuning, 0-0.45 for held-out): its rules this many pixels apart at the most.
SIDES_PX = 4
EDGE_PX = 6  # either side of where two pieces of a row meet
_SQUARE = np.ones((2, 2), np.uint8)


@dataclass(frozen=True)
class Refold:
    """A row a fold crosses: each side of ``at`` (reference y; -1 where the fold was seen only
    as the rules above and below the row lying apart) is placed on its own."""

    shift: Shift
    at: int
    half: int = 0  # the crease's half-thickness (pixels)

    @property
    def mean(self):
        return self.shift.mean

    def sides(self) -> tuple[int, tuple[int, int], tuple[int, int]] | None:
        """Where a crease across the page crosses the row between its rules, which lie apart:
        (the crease's reference y, the upper side's (dx, dy), the lower side's), each side
        placed down by its own rule (``Shift.sides``); else None (the row read at its mean).
        The rules, not the least pen: placed where each leaves least pen, the sides of an
        undisplaced fold drew apart over a light strike drawn along the crease and dropped it
        from between them (test_real_paper: a strike along a crease read kept at 1). Where the
        lower side lies lower, the scan's rows between the sides are read on neither: the
        displacement doubled them. Rules further apart than a fold displaces a side
        (``SIDES_PX``) were misread (a pen line along one): the row is read at its mean."""
        if self.at < 0 or self.shift.sides is None:
            return None
        upper, lower = self.shift.sides
        if abs(lower - upper) > SIDES_PX:
            return None
        dx = self.mean[0]
        return self.at, (dx, upper), (dx, lower)


def pen_mask(page: Page, ref: Reference, box: tuple[int, int, int, int], shift) -> np.ndarray:
    """Bool pen mask over ``box`` (reference pixels), each piece of it read where ``shift``
    puts it on the scan: ink on the scan where the reference has no print within its slack.
    Across a fold (``Refold``) each side is placed again: the least pen within ±2 px."""
    if isinstance(shift, Refold):
        return _refolded(page, ref, box, shift)
    x0, y0, x1, y1 = box
    pieces = list(shift.pieces(x0, x1))
    if len(pieces) == 1:
        a, b, dx, dy = pieces[0]
        return _pen_piece(page, ref, (a, y0, b, y1), dx, dy)
    if x0 < 0 or y0 < 0 or not _on_page(page, box, shift, pieces):
        return _pen_by_pieces(page, ref, box, pieces)
    # The scan's ink of each piece, off the reference's slack, laid side by side straight into
    # one array (the same pixels as piece by piece, a third of the calls).
    ink = np.empty((y1 - y0, x1 - x0), bool)
    mask, paper = page.ink_mask, ref.paper
    for a, b, dx, dy in pieces:
        piece = ink[:, a - x0 : b - x0]
        np.bitwise_and(mask[y0 + dy : y1 + dy, a + dx : b + dx], paper[y0:y1, a:b], out=piece)
    # Where two pieces meet, the shift changes within a glyph: ink there is pen only if
    # it is pen under both pieces' shifts.
    for (_, edge, dx0, dy0), (_, _, dx1, dy1) in zip(pieces, pieces[1:], strict=False):
        a, b = max(x0, edge - EDGE_PX), min(x1, edge + EDGE_PX)
        seam = ink[:, a - x0 : b - x0]
        seam &= mask[y0 + dy0 : y1 + dy0, a + dx0 : b + dx0]
        seam &= mask[y0 + dy1 : y1 + dy1, a + dx1 : b + dx1]
    return ink


def taller(page: Page, ref: Reference, box, shift, bottom: int) -> np.ndarray | None:
    """``pen_mask`` of ``box`` carried down to ``bottom`` (reference y, below the box), when
    every part of it is the same as that part masked alone: a row placed by a plain ``Shift``
    (a fold's sides are placed by the box's own pen), the whole box on the page (else a
    piece reaching off it is no pen in one box and some in the other). Else None."""
    x0, y0, x1, _ = box
    if isinstance(shift, Refold) or x0 < 0 or y0 < 0:
        return None
    tall = (x0, y0, x1, bottom)
    if any(_off(page, (a, y0, b, bottom), dx, dy) for a, b, dx, dy in shift.pieces(x0, x1)):
        return None
    return pen_mask(page, ref, tall, shift)


def _on_page(page: Page, box, shift: Shift, pieces) -> bool:
    """Does every piece of ``box``, placed by its shift, lie on the page? Asked first of the
    row's extreme shifts (one check for the row), then piece by piece."""
    x0, y0, x1, y1 = box
    h, w = page.dark.shape
    if min(x0 + min(shift.dx), y0 + min(shift.dy)) >= 0:
        if x1 + max(shift.dx) <= w and y1 + max(shift.dy) <= h:
            return True
    return not any(_off(page, (a, y0, b, y1), dx, dy) for a, b, dx, dy in pieces)


def _off(page: Page, box, dx: int, dy: int) -> bool:
    """Does ``box`` placed by (dx, dy) reach off the page?"""
    x0, y0, x1, y1 = box
    h, w = page.dark.shape
    return x0 + dx < 0 or y0 + dy < 0 or x1 + dx > w or y1 + dy > h


def _pen_by_pieces(page: Page, ref: Reference, box, pieces) -> np.ndarray:
    """``pen_mask`` piece by piece, for a box reaching off the page (no pen there)."""
    x0, y0, x1, y1 = box
    parts = [_pen_piece(page, ref, (a, y0, b, y1), dx, dy) for a, b, dx, dy in pieces]
    pen = np.hstack(parts)
    w = EDGE_PX
    for (_, edge, dx0, dy0), (_, _, dx1, dy1) in zip(pieces, pieces[1:], strict=False):
        a, b = max(x0, edge - w), min(x1, edge + w)
        both = _pen_piece(page, ref, (a, y0, b, y1), dx0, dy0)
        pen[:, a - x0 : b - x0] &= _pen_piece(page, ref, (a, y0, b, y1), dx1, dy1) & both
    return pen


def _refolded(page: Page, ref: Reference, box, refold: Refold) -> np.ndarray:
    """The box's pen with each side of the fold placed on its own; where the fold is not
    seen, the split (none, or at a quarter, half or three quarters) that leaves least pen."""
    x0, y0, x1, y1 = box
    if y0 < refold.at < y1:
        splits = [refold.at]
    elif refold.at >= 0:
        splits = []
    else:
        splits = [y0 + (y1 - y0) * k // 4 for k in (1, 2, 3)]
    placed = _placements(page, ref, box, *refold.shift.mean) if splits else None
    if placed is not None:
        return _best_split(placed, splits, y0)
    best = _best_placed(page, ref, box, refold.shift)
    if not best.any():
        return best
    for at in splits:
        upper = _best_placed(page, ref, (x0, y0, x1, at), refold.shift)
        lower = _best_placed(page, ref, (x0, at, x1, y1), refold.shift)
        pen = np.vstack([upper, lower])
        if np.count_nonzero(pen) < np.count_nonzero(best):
            best = pen
    return best


def _best_split(placed, splits: list[int], y0: int) -> np.ndarray:
    """``_refolded`` from the box's placements made once: each side of a split placed on its
    own is the same rows of the same placements, so only its pen is counted again (the same
    choices, ties to the first placement, as placing each side anew)."""
    pens, totals = placed
    k = int(np.argmin(totals))
    best, least = pens[k], int(totals[k])
    if least == 0:
        return best
    for at in splits:
        j = at - y0
        upper = np.array([np.count_nonzero(pen[:j]) for pen in pens])
        lower = totals - upper
        ku, kl = int(np.argmin(upper)), int(np.argmin(lower))
        if int(upper[ku] + lower[kl]) < least:
            best, least = np.vstack([pens[ku][:j], pens[kl][j:]]), int(upper[ku] + lower[kl])
    return best


def _placements(page: Page, ref: Reference, box, dx: int, dy: int):
    """Every placement ``_best_placed_whole`` tries of ``box``, in its order, with each one's
    pen count; None where one would reach off the page (placed there as before)."""
    x0, y0, x1, y1 = box
    h, w = page.dark.shape
    r = REFOLD_PX
    if x0 < 0 or y0 < 0 or min(x0 + dx, y0 + dy) - r < 0 or y1 + dy + r > h or x1 + dx + 1 > w:
        return None
    paper = ref.paper[y0:y1, x0:x1]
    pens = [
        page.ink_mask[y0 + dy + ddy : y1 + dy + ddy, x0 + dx + ddx : x1 + dx + ddx] & paper
        for ddy in range(-r, r + 1)
        for ddx in (-1, 0, 1)
    ]
    return pens, np.array([np.count_nonzero(pen) for pen in pens])


def _best_placed(page: Page, ref: Reference, box, shift: Shift) -> np.ndarray:
    """The pen of ``box`` placed where it leaves the least pen (the print then lies where the
    scan has it): ±2 px down, ±1 px across around the row's mean shift (the search covers the
    differences between its pieces)."""
    return _best_placed_whole(page, ref, box, *shift.mean)


def _best_placed_whole(page: Page, ref: Reference, box, dx: int, dy: int) -> np.ndarray:
    """``_best_placed`` for a box read in one piece: plain slices, no piecework."""
    x0, y0, x1, y1 = box
    h, w = page.dark.shape
    r = REFOLD_PX
    if x0 < 0 or y0 < 0 or min(x0 + dx, y0 + dy) - r < 0 or y1 + dy + r > h or x1 + dx + 1 > w:
        return _pen_piece(page, ref, box, dx, dy)
    paper = ref.paper[y0:y1, x0:x1]
    best, least = None, None
    for ddy in range(-r, r + 1):
        for ddx in (-1, 0, 1):
            a, b = y0 + dy + ddy, x0 + dx + ddx
            pen = page.ink_mask[a : a + y1 - y0, b : b + x1 - x0] & paper
            count = int(np.count_nonzero(pen))
            if least is None or count < least:
                best, least = pen, count
    return best


def _pen_piece(page: Page, ref: Reference, box, dx: int, dy: int) -> np.ndarray:
    x0, y0, x1, y1 = box
    h, w = page.dark.shape
    if x0 + dx < 0 or y0 + dy < 0 or x1 + dx > w or y1 + dy > h or x0 < 0 or y0 < 0:
        return np.zeros((max(0, y1 - y0), max(0, x1 - x0)), bool)  # off the page: no pen
    return page.ink_mask[y0 + dy : y1 + dy, x0 + dx : x1 + dx] & ref.paper[y0:y1, x0:x1]


def no_specks(pen: np.ndarray) -> np.ndarray:
    """``pen`` without pixels that have fewer than two pen neighbours (dust, noise, a
    stray pixel): a 3×3 count, far cheaper than labelling blobs."""
    if not pen.any():
        return pen
    count = cv2.boxFilter(pen.view(np.uint8), -1, (3, 3), normalize=False)
    return pen & (count >= 3)


def no_hairlines(pen: np.ndarray) -> np.ndarray:
    """``pen`` without what no pen leaves: specks and hairlines under two pixels wide (a
    printed edge a pixel off on a crumpled sheet). A 2×2 opening; a pen line is wider."""
    if not pen.any():
        return pen
    return cv2.morphologyEx(pen.view(np.uint8), cv2.MORPH_OPEN, _SQUARE).view(bool)
