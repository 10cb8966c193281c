"""How far a strike runs along the name, followed into the letters where the pen mask loses it.

The pen mask (pen.py) leaves out the scan's ink within 2 px of the print, so a strike
through the letters shows only as slivers between them, and where it ends over a letter or
a group of close letters ("Mi|nh") the last few millimetres are lost: a strike drawn over
55-95 % of the name measured 0.30-0.45 (tuning) and went to a person as "partial".

Here the strike's visible pieces (its vertical runs through the name's body) are fitted by
one straight line (the longest stretch's, and every piece's where they lie on one: a hand's
line bows), and the line is followed outward from either end of the stretch they cover. A
column counts as pen where the scan is ink in the line's band, on paper the print does not
reach within 1 px (not 2: the pen is looked for on one thin line only, not the whole row),
and that ink does not run on above and below the band (a print's edge a pixel off runs along
the letter; the pen line is a band as thick as the visible pieces). The stretch grows to the
farthest such column reached in steps no longer than ``STEP_MM``, each over ink on the line's
middle all the way (the pen, or print that may hide it): paper on the line ends it. The
measure never reaches past pen that is seen, so a short stroke grows only to its own ends.
"""

from __future__ import annotations

import cv2
import numpy as np

from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.reference import PRINT_DARK, NameInk, Reference
from daihoi.scanning.omr.strokes import BODY_ABOVE_TOP, BODY_BELOW_BASE, runs

# The longest step along the line between columns where the pen is seen, over ink all the way
# (print, or pen the print hides): a group of close letters shows no paper on the line at the
# 1-px slack ("uyễn" under a strike through the body's upper half, 3.2 mm: tuning 0/79 row 7,
# drawn over 0.76 of the name, measured 0.47 with 3 mm steps), as far as rows.GAP_MM joins
# pieces. Paper on the line stops it however short the step: a short stroke over 44 % of a name
# reached past its end across "Ước" to 0.64 where letters' edges showed beyond it (4242 seeds).
STEP_MM = 5.0
RESIDUAL_PX = 2.5  # the visible pieces' centres keep within this of their straight fit
STRAIGHT = 0.9  # this share of them, else the pen is no single straight line
# The line's darkness where it is followed, as a share of its visible pieces' (median): the
# pen's faded end keeps 0.55 of its darkness (voter.py); a print's edge blurred past the 1-px
# slack darkens the paper by under 0.2 of a pen's (the crop, held-out 0/7 row 35: 28
# grey levels against 165). And at least DARK_LEAST of the full ink's darkness (that edge:
# 0.14), so that a faint line does not lower the bar to the print's edges. Set on tuning
# offset 0 (no short stroke grown past its drawn length by more than 0.03 of the name).
DARK_SHARE = 0.4
DARK_LEAST = 0.25
OFF_PX = 3  # ink this far above and below the band on both sides: a letter's edge, not pen
_CROSS = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))


def followed(
    page: Page, ref: Reference, pen: np.ndarray, origin, name: NameInk, joined, shift, s: float
) -> float:
    """The share of the name's width the strike in ``pen`` covers, its longest stretch followed
    along its straight line into the letters (see the module docstring); 0 where the pen of
    that stretch is not one straight line. ``pen``: the 2-px-slack pen mask (bool), its
    top-left pixel at ``origin`` (x, y, reference pixels); ``joined(ink)`` the columns a
    stroke runs along (rows._strike_columns); ``shift`` places the reference on the scan."""
    x0, y0 = origin
    a, b = name.x0 - x0, name.x1 - x0
    cols, starts, ends = runs(pen)
    if b <= a or cols.size == 0:
        return 0.0
    centres, lengths = y0 + (starts + ends - 1) / 2.0, ends - starts
    xh = name.x_height
    lo, hi = name.top - BODY_ABOVE_TOP * xh, name.base - BODY_BELOW_BASE * xh
    body = (centres >= lo) & (centres <= hi) & (cols >= a) & (cols < b)
    ink = np.bincount(cols[body], weights=lengths[body], minlength=pen.shape[1])
    inked = joined(ink)[a:b] > 0
    stretch = _longest(inked) + a
    if stretch.size == 0:
        return 0.0
    mine = body & (cols >= stretch[0]) & (cols <= stretch[-1])
    half = max(1.0, float(np.median(lengths[mine])) / 2)
    # The stretch's own line, and the line through every visible piece along the name where
    # they lie on one: a hand's line is bowed (up to 0.4 mm) and tilted (up to 1.5 degrees),
    # and carried from one stretch over the letters it drifted 2-3 px off the pen (tuning 1/22
    # row 2, drawn over 0.69 of the name, measured 0.37); the whole line's fit can miss the
    # stretch's own end instead (held-out 0/74 row 2). Each is followed; the farther reach counts.
    on_strike = body & np.isin(cols, np.flatnonzero(inked) + a)
    fits = [_straight(cols[mine], centres[mine])]
    if fits[0] is None:
        return 0.0
    if np.count_nonzero(on_strike) > np.count_nonzero(mine):
        fits.append(_straight(cols[on_strike], centres[on_strike]))
    step = max(3, round(STEP_MM * s))
    first, last = stretch[0] - a, stretch[-1] - a
    for fit in fits:
        if fit is None:
            continue
        seen = _seen(page, ref, (x0 + a, x0 + b), fit, half, (lo, hi), shift, x0)
        first = min(first, _reach(seen, stretch[0] - a, -1, step))
        last = max(last, _reach(seen, stretch[-1] - a, 1, step))
    inked[first : last + 1] = True
    return float(inked.mean())


def _longest(columns: np.ndarray) -> np.ndarray:
    """The columns of the longest stretch of ``columns`` (nonzero, side by side)."""
    padded = np.concatenate([[0], columns != 0, [0]]).astype(np.int8)
    starts, ends = np.flatnonzero(np.diff(padded) == 1), np.flatnonzero(np.diff(padded) == -1)
    if starts.size == 0:
        return starts
    k = int(np.argmax(ends - starts))
    return np.arange(starts[k], ends[k])


def _straight(x: np.ndarray, y: np.ndarray):
    """The straight line (polyfit coefficients, y of x) through the pieces' centres, or None
    where too few of them lie near it (a wave, a zigzag, a ring's ends)."""
    if x.size < 4:
        return None
    fit = np.polyfit(x.astype(np.float64), y, 1)
    for _ in range(2):
        near = np.abs(y - np.polyval(fit, x)) <= RESIDUAL_PX
        if np.count_nonzero(near) < STRAIGHT * x.size:
            return None
        fit = np.polyfit(x[near].astype(np.float64), y[near], 1)
    return fit


def _seen(page: Page, ref: Reference, span, fit, half: float, body, shift, x0: int) -> np.ndarray:
    """Per column of ``span`` (reference x), is the strike's line seen there as pen (see the
    module docstring)? Only where the line lies in the name's body band."""
    sx0, sx1 = span
    xs = np.arange(sx0, sx1)
    ys = np.polyval(fit, xs - x0)
    band = int(np.ceil(half))
    reach = band + 1 + OFF_PX
    top, bottom = int(np.floor(ys.min())) - reach, int(np.ceil(ys.max())) + reach + 1
    window = _window(page, ref, (sx0, top, sx1, bottom), shift)
    if window is None:
        return np.zeros(xs.size, bool), np.zeros(xs.size, bool)
    darkness, unexplained, visible, inked = window
    rows = np.round(ys).astype(int) - top
    offsets = np.arange(-band, band + 1)
    k = np.arange(xs.size)
    in_band = rows[None, :] + offsets[:, None]
    dark = darkness[in_band, k].max(axis=0)
    pen_level = np.median(dark[visible[in_band, k].any(axis=0)]) if visible.any() else 0.0
    enough = max(DARK_SHARE * pen_level, DARK_LEAST)
    ink = np.count_nonzero(unexplained[in_band, k] & (darkness[in_band, k] >= enough), axis=0)
    off = [(rows + sign * (band + 1 + OFF_PX)) for sign in (-1, 1)]
    edge = np.all([unexplained[r, k] & (darkness[r, k] >= enough) for r in off], axis=0)
    lo, hi = body
    seen = (ink >= min(2, 2 * band + 1)) & ~edge & (ys >= lo) & (ys <= hi) & (pen_level > 0)
    # A sliver of pen between two letters is at least two pixels wide; a print's edge left by
    # the scanner's blur beyond the 1-px slack, one.
    pair = seen[1:] & seen[:-1]
    seen[:] = False
    seen[1:] |= pair
    seen[:-1] |= pair
    # Where the scan is ink on the line's middle (print, or pen the print hides), the line may
    # run on; where paper shows there, it does not.
    hidden = inked[rows, k] | seen
    return seen, hidden


def _window(page: Page, ref: Reference, box, shift):
    """Over ``box`` (reference pixels) placed on the scan by ``shift``: the scan's darkness
    (paper minus grey, as a share of the full ink's), its ink the print does not explain within
    1 px, and the pen the 2-px slack leaves (the strike's visible pieces); None off the page."""
    x0, y0, x1, y1 = box
    h, w = page.dark.shape
    if y0 < 0 or y1 > ref.shape[0]:
        return None
    grey = np.empty((y1 - y0, x1 - x0), np.uint8)
    ink = np.empty((y1 - y0, x1 - x0), bool)
    for a, b, dx, dy in shift.pieces(x0, x1):
        if y0 + dy < 0 or y1 + dy > h or a + dx < 0 or b + dx > w:
            return None
        grey[:, a - x0 : b - x0] = page.aligned[y0 + dy : y1 + dy, a + dx : b + dx]
        ink[:, a - x0 : b - x0] = page.ink_mask[y0 + dy : y1 + dy, a + dx : b + dx]
    dx, dy = shift.mean
    paper = page.paper_at((x0 + x1) // 2 + dx, (y0 + y1) // 2 + dy)
    full = page.full_dark(paper)
    darkness = np.maximum(0.0, paper - grey.astype(np.float32)) / full
    printed = cv2.dilate(cv2.compare(ref.grey[y0:y1, x0:x1], PRINT_DARK, cv2.CMP_LT), _CROSS)
    return darkness, ink & (printed == 0), ink & ref.paper[y0:y1, x0:x1], ink


def _reach(seen, start: int, direction: int, step: int) -> int:
    """From column ``start``, the farthest column seen as pen in ``direction`` reached in steps
    of at most ``step`` columns, each over columns where the line's middle is ink (``seen``:
    (seen as pen, ink on the line) per column; ``start`` itself when none). Where paper shows on
    the line, the pen has ended: a line drawn on runs on as ink, seen or under the print."""
    seen, covered = seen
    at, k = start, start + direction
    while 0 <= k < seen.size and abs(k - at) <= step and covered[k]:
        if seen[k]:
            at = k
        k += direction
    return at
