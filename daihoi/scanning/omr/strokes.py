"""Where a row's pen lies against the printed name: through its body, under it, over it.

Every vertical run of pen in the row (a stroke cut across) is reduced to its
column, its centre and its thickness. A run whose centre lies in the name's
body — between the x-height line and a little above the baseline — crosses
the letters: that is what a strike does. A run whose centre lies below the
baseline is an underline's; above the x-height line, the top of a circle or
a stroke over the accents. Judging by the centre, not by any pixel, keeps a
thick felt-pen underline that grazes the letters' feet out of the body.

A straight or slanted line that crosses the body (its fitted path runs
through the body band at the name's middle and along the whole name, close to
one straight line) is a strike even where it leaves the band at either end; so is one
slanting from the letters' lower half down onto the baseline (``Zones.slant``), which an
underline, under the baseline along its whole length, never does.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from daihoi.scanning.omr.reference import NameInk

BODY_BELOW_BASE = 0.2  # the body band stops this share of the x-height above the baseline
BODY_ABOVE_TOP = 0.15  # and reaches this share above the x-height line
CORE = 0.3  # a run across the middle of the body (this share in from each edge) crosses it
LINE_RESIDUAL_PX = 2.5  # a drawn straight line's stroke centres keep within this of its fit
LINE_SPAN = 0.5  # pen runs along this share of the name before a line is looked for
LINE_POINTS = 0.2  # a line is seen in at least this share of the name's columns
LINE_GAP_MM = 3.0  # where it crossed letters (and was subtracted with them)
# A straight line low through the letters, under the body band but never under the baseline,
# on average this share of the x-height over it, is a strike (its strokes' centres lie under
# the band along much of the name: 0.2-0.45 of it "through"). An underline runs under the
# baseline: the generator's shallowest lie 0.07 x-height under it, clipped (held-out).
FEET = 0.12
# A straight line slanting from the letters' lower half down onto the baseline (its higher end
# seen in the body band, its lower end no deeper than ``SLANT_DEEP`` of the x-height under the
# baseline, above the baseline along most of its stretch) crosses the letters: tuning's
# "partial" rows so drawn run from 0.63-0.73 of the x-height under the x-height line down to
# 1.02-1.12. An underline lies under the baseline along its whole length (its centre 0.07
# x-height under it at the shallowest: held-out, clipped), so its higher end never reaches
# the band, which stops 0.2 x-height above the baseline (the 196 underlines of 80 held-out
# stress ballots, fitted so: highest end 1.11 x-height under the x-height line).
SLANT_DEEP = 0.3
SLANT_ABOVE = 0.5  # the share of the line's seen stretch above the baseline, at the least
WAVE_SWINGS = 4  # a wavy strike swings from above the body to below it at least this often
WAVE_BOTH = 0.1  # a circle has pen above and below the name in the same columns


@dataclass(frozen=True)
class Zones:
    """Shares of the name's width (0..1) that pen covers in each zone, joined across gaps."""

    through: float = 0.0  # run centres in the body band
    below: float = 0.0  # under the baseline
    above: float = 0.0  # over the x-height line
    line: float = 0.0  # a straight line crossing the body: its span, else 0
    any: float = 0.0  # pen anywhere in the row's height
    both: float = 0.0  # columns with pen above and below the name at once (a ring round it)
    mass: float = 0.0  # pen pixels through the body per column of the name (when ``both``)
    slant: float = 0.0  # a straight line slanting from the body onto the baseline: its span


NO_PEN = Zones()  # frozen: one for every row without pen (made anew, ~3 us a row)


def runs(pen: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(columns, starts, ends) of the vertical runs of ``pen`` (bool, rows × columns; ends
    exclusive)."""
    if not pen.any():  # most rows: nothing to transpose and scan
        none = np.zeros(0, np.intp)
        return none, none, none
    h = pen.shape[0]
    padded = np.zeros((pen.shape[1], h + 2), bool)
    padded[:, 1:-1] = pen.T
    # Every change down a column, in column order then down the column: each column starts
    # and ends on no pen (the padding), so its changes come in pairs, a run's start then its
    # end (one comparison and one search, where starts and ends found apart took three each).
    changes = np.flatnonzero(padded[:, 1:] != padded[:, :-1])
    starts, ends = changes[0::2], changes[1::2]
    cols, at = np.divmod(starts, h + 1)
    return cols, at, ends - cols * (h + 1)


def zones(
    pen: np.ndarray,
    y0: int,
    x0: int,
    name: NameInk,
    join,
    s: float,
    enough: float = 2.0,
    feet: bool = True,
) -> Zones:
    """The zones of ``pen`` (a bool patch whose top-left pixel is (x0, y0)) against ``name``.

    ``join(ink_per_column)`` turns column ink counts into the columns a stroke runs along
    (``rows._strike_columns``). When the strokes through the body already cover ``enough``
    of the name (a clear strike), the other zones are not measured. ``feet``: a straight line
    through the letters' feet counts (not on a row a fold crosses: a crease's residue along
    the feet lies so too)."""
    cols, starts, ends = runs(pen)
    if cols.size == 0:
        return NO_PEN
    starts, ends = starts + y0, ends + y0
    centres, lengths = (starts + ends - 1) / 2.0, ends - starts
    xh = name.x_height
    lo, hi = name.top - BODY_ABOVE_TOP * xh, name.base - BODY_BELOW_BASE * xh
    core = (name.top + CORE * xh, name.base - CORE * xh)
    width = pen.shape[1]
    a, b = name.x0 - x0, name.x1 - x0

    def share(selected: np.ndarray) -> float:
        ink = np.bincount(cols[selected], weights=lengths[selected], minlength=width)
        return float(join(ink)[a:b].mean()) if b > a else 0.0

    across = (starts <= core[1]) & (ends > core[0])  # a steep stroke crossing the body
    in_body = ((centres >= lo) & (centres <= hi)) | across
    through = share(in_body)
    under, over = centres > name.base + 0.5, centres < name.top - 0.5
    # Measured even for a clear strike: an oval whose arcs pass near the letters, on a
    # folded row whose displaced print leaves specks in the body, covers the body too; but
    # there the body holds little pen, where a name scribbled out is dense with it.
    both = _both(cols, under, over, a, b)
    mass = 0.0
    if both:
        inside = in_body & (cols >= a) & (cols < b)
        mass = float(lengths[inside].sum()) / max(1, b - a)
    if through >= enough:
        return Zones(through=through, any=through, both=both, mass=mass)
    below, above = share(under), share(over)
    everywhere = share(np.ones(cols.size, bool))
    line = slant = 0.0
    if everywhere >= LINE_SPAN:
        line, slant = _line(cols, centres, lengths, (lo, hi, name if feet else None), a, b, s)
        line = max(line, _wave(cols, in_body, under, over, a, b, s) * everywhere)
    return Zones(through, below, above, line, everywhere, both, mass, slant)


def _both(cols, under, over, a: int, b: int) -> float:
    """The share of the name's columns holding pen above it and below it at once: a circle,
    oval or loop drawn round the name does, a strike (straight, wavy, zigzag: one pen line
    per column) does not."""
    if b <= a:
        return 0.0
    up = np.zeros(b - a, bool)
    down = np.zeros(b - a, bool)
    inside = (cols >= a) & (cols < b)
    up[cols[inside & over] - a] = True
    down[cols[inside & under] - a] = True
    return float(np.count_nonzero(up & down)) / (b - a)


def _wave(cols, in_body, under, over, a: int, b: int, s: float) -> float:
    """1 when the pen swings across the body from above it to below it and back, again and
    again along the name (a wavy or zigzag strike whose crossings the letters hide), never
    lying above and below the name at once (a circle); else 0. A wave drawn low swings from
    under the baseline up into the body instead, crossing the letters at every swing (drawn
    over the lower half of the name it went to a person as an underline); an underline never
    rises into the body."""
    width = b - a
    if width <= 0:
        return 0.0
    inside = (cols >= a) & (cols < b)
    up, down, body = (np.zeros(width, bool) for _ in range(3))
    up[cols[inside & over] - a] = True
    down[cols[inside & under] - a] = True
    if np.count_nonzero(up & down) > WAVE_BOTH * width:
        return 0.0
    if _swings(up, down) >= WAVE_SWINGS and in_body[inside].any():
        return 1.0
    body[cols[inside & in_body & ~under] - a] = True
    if np.count_nonzero(body & down) > WAVE_BOTH * width:
        return 0.0  # pen in the body and under it in the same columns: not one swinging line
    return 1.0 if _swings(body, down) >= WAVE_SWINGS else 0.0


def _swings(high: np.ndarray, low: np.ndarray) -> int:
    """How often, along the name, the pen goes from the ``high`` columns to the ``low`` ones
    or back (columns holding both, or neither, left out)."""
    side = np.where(high & ~low, 1, np.where(low & ~high, -1, 0))
    side = side[side != 0]
    return int(np.count_nonzero(np.diff(side) != 0))


def _line(cols, centres, lengths, band, a: int, b: int, s: float) -> tuple[float, float]:
    """The share of the name a single straight line crossing the body covers (0 if none): a
    line fitted to the strokes' centres, refitted twice on the points near it. ``band``: the
    body band's (top, bottom) and the name (None: no line through the feet, nor slanting onto
    the baseline, counts). A line through the letters' feet (never under the baseline, on
    average ``FEET`` of the x-height over it) crosses the letters too. Returned as (line, 0);
    a line that only slants from the body onto the baseline (``_slant``) as (0, its share),
    kept apart so that a partial strike is still followed into the letters (rows.py)."""
    lo, hi, name = band
    inside = (cols >= a) & (cols < b) & (lengths <= 1.5 * s)  # strokes, not blots
    if np.count_nonzero(inside) < LINE_POINTS * (b - a):
        return 0.0, 0.0
    x, y = cols[inside].astype(np.float64), centres[inside]
    near = np.ones(x.size, bool)
    for _ in range(3):
        fit = straight(x[near], y[near])
        residual = np.abs(y - np.polyval(fit, x))
        near = residual <= LINE_RESIDUAL_PX
        if np.count_nonzero(near) < LINE_POINTS * (b - a):
            return 0.0, 0.0
    ends = np.polyval(fit, [a, b])
    middle = (lo + hi) / 2
    ys = np.polyval(fit, np.arange(a, b))
    crosses = (ends[0] - middle) * (ends[1] - middle) <= 0  # from one side of the body to the other
    feet = name is not None and ys.min() >= lo and ys.max() <= name.base
    feet = feet and name.base - ys.mean() >= FEET * name.x_height
    across = crosses or feet or np.mean((ys >= lo) & (ys <= hi)) >= 0.5
    slant = False
    if not across and name is not None:  # a line across the body counts as such, slanted or not
        stretch = np.arange(x[near].min(), x[near].max() + 1)  # where the line is seen
        slant = _slant(np.polyval(fit, stretch), lo, hi, name)
    if not across and not slant:
        return 0.0, 0.0
    seen = np.zeros(b - a, np.uint8)
    seen[x[near].astype(int) - a] = 1
    gap = max(3, round(LINE_GAP_MM * s))
    joined = cv2.morphologyEx(seen[None, :], cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))[0]
    return (float(joined.mean()), 0.0) if across else (0.0, float(joined.mean()))


def straight(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The least-squares straight line through the points (x, y) as ``np.polyfit(x, y, 1)``
    gives it, (slope, intercept), from the means: a quarter of polyfit's cost (an SVD per
    call, three calls a line), the same line to the last few bits. Points all in one column
    have no slope: polyfit's answer then."""
    dx = x - x.mean()
    spread = float(np.dot(dx, dx))
    if spread == 0:
        return np.polyfit(x, y, 1)
    slope = float(np.dot(dx, y)) / spread
    return np.array([slope, float(y.mean()) - slope * float(x.mean())])


def _slant(ys: np.ndarray, lo: float, hi: float, name: NameInk) -> bool:
    """Does a straight line, ``ys`` along the stretch where it is seen (every column, not only
    those showing pen: under the baseline it shows whole, over it only between the letters),
    slant from the letters' lower half down onto the baseline? Its higher end in the body
    band, its lower end at most ``SLANT_DEEP`` of the x-height under the baseline, and above
    the baseline along ``SLANT_ABOVE`` of the stretch: it runs through the letters, where an
    underline runs under them along its whole length."""
    if ys.size == 0:
        return False
    deep = name.base + SLANT_DEEP * name.x_height
    return bool(
        lo <= ys.min() <= hi and ys.max() <= deep and np.mean(ys < name.base) >= SLANT_ABOVE
    )
