"""Creases: the lines a fold leaves across the whole sheet, found and taken out of the ink.

Ballots are folded to go into the box. Where the crease's shadow is dark enough
it reads as ink, and across a row it would look like a strike. A crease runs
across the whole page — both margins, the number column, every column of the
list — while a pen stroke stays near one name and never reaches the page's
margins. So the page is cut into ``STRIPS`` vertical strips; in each strip
the grey of the paper (print replaced by the paper's own tone) is averaged
along each pixel row, and the rows a few grey levels darker than the rows
around them are noted: a crease's shadow, even where it is too faint to be
ink. A crease is a straight line (any slope up to about 1°) along which most
strips, both margins among them, have such a row. Creases down the page are
found the same way on the page turned.

What a crease explains is cleared from the ink mask (its line, as thick as it
is seen, and no more); the rows it crosses are remembered, so that the reader
can place each side of the fold on its own (one side may lie a little off the
other) and name the fold when a person must decide.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

STRIPS = 16
DIP = 3.0  # grey levels a pixel row of a strip is darker than the rows around it
AROUND_PX = 21  # the rows around it
# A crease is seen in this many strips, both margins among them, or in the larger number
# with one margin: a pen stroke never reaches the page's margins.
MIN_STRIPS = (8, 11)
SLOPES = np.linspace(-0.018, 0.018, 19)  # dy per dx: about ±1°
TOLERANCE_PX = 2  # how far the line may wander from straight within a strip
CLEAR_PX = 1  # ink cleared either side of the line's own thickness
# Ink on the line is the crease's where it is no darker than this many times the crease's
# typical darkness (plus a margin): the crease is uneven along its length.
CREASE_DARK, CREASE_DARK_PLUS = 1.8, 12.0
# The same on the crease's own pixels: the darkest across the line, at its median along it.
# The strips' means blur a crease that wanders a pixel or two within a strip (a crumpled
# sheet): one seen at 10 grey levels there took 45 off the paper, and was left as ink.
SEEN_DARK = 1.3
# Ink cleared with a crease from a name, darker than this many times what the creases cleared
# elsewhere (plus a margin) along this share of the name: perhaps a strike along the crease,
# so a person decides the row.
HIDDEN_PEN, HIDDEN_PEN_PLUS, HIDDEN_PEN_SHARE = 1.4, 10.0, 0.1
# A clean name whose cleared ink _hidden_pen holds is freed when, between its letters, the
# crease is no darker than ALONE_DARK × the crease just beside the row + ALONE_PLUS, nor than
# the name's own median there + ALONE_RISE, on all but ALONE_SHARE of those columns
# (``crease_alone``). Tuning and held-out offset 0, the 29 clean names it held with open
# columns to judge: none over the first bar (at 1.2 × + 6, four over 3 %); the strikes along a
# crease it held: 0.13 (never-seen 100257) and 0.41 of their open columns over it. The second bar holds
# a light strike where the crease is pressed less across the struck row than beside it
# (tests/scanning/test_crease_alone.py).
ALONE_DARK, ALONE_PLUS, ALONE_RISE, ALONE_SHARE = 1.3, 8.0, 12.0, 0.03
ALONE_OPEN_PX = 20  # open columns between the letters (2.5 mm) needed to judge
BESIDE_PX = 150  # the gutters and margins looked at, this far (19 mm) either side of the row
EDGE_PX = 6  # lines this near the page's edge are its edge, not a crease
SAME_PX = 24  # two lines this close (3 mm) somewhere across the page are one crease


@dataclass(frozen=True)
class Crease:
    across: bool  # True: across the page (y = at + slope · x); False: down it (x = at + slope · y)
    at: float
    slope: float
    half: int  # pixels cleared either side of the line
    dark: float = 255.0  # grey levels the crease takes off the paper, at the most
    typical: float = 0.0  # its typical darkness (median over the strips)

    def position(self, u: np.ndarray | float) -> np.ndarray | float:
        """y at x (across), or x at y (down)."""
        return self.at + self.slope * u


def find_creases(paper: np.ndarray) -> list[Crease]:
    """The creases in ``paper`` (the aligned grey page with its print replaced by the paper's
    tone)."""
    found = [Crease(True, *line) for line in _lines(paper, True)]
    found += [Crease(False, *line) for line in _lines(paper, False)]
    return found


def paper_only(aligned: np.ndarray, printed: np.ndarray, level: np.ndarray) -> np.ndarray:
    """``aligned`` with the printed pixels (``printed`` > 0) replaced by ``level`` (the local
    paper grey, uint8, the page's size)."""
    out = aligned.copy()
    cv2.copyTo(level, printed, out)
    return out


def clear(dark: np.ndarray, creases: list[Crease], aligned, level) -> np.ndarray:
    """``dark`` without the creases' lines (a copy): the ink along each line, as thick as the
    crease and no darker than it (than ``level``, the paper's grey, by the crease's darkness).
    Pen darker than the crease on the same line stays."""
    out = dark.copy()
    for crease in creases:
        if crease.across:
            _clear_line(out, (aligned, level), crease)
        else:
            _clear_line(out.T, (aligned.T, level.T), crease)
    return out


def _clear_line(image: np.ndarray, tones, crease: Crease) -> None:
    h, w = image.shape
    xs = np.arange(w)
    aligned, level = tones
    offsets = np.arange(-crease.half, crease.half + 1)[:, None]
    ys = np.clip(np.rint(crease.position(xs)).astype(int)[None, :] + offsets, 0, h - 1)
    darkness = level[ys, xs].astype(np.int16) - aligned[ys, xs]  # across the line × along it
    limit = max(crease.dark, SEEN_DARK * float(np.median(darkness.max(axis=0))) + CREASE_DARK_PLUS)
    faint = darkness <= limit
    image[ys[faint], np.broadcast_to(xs, ys.shape)[faint]] = 0


def _lines(paper: np.ndarray, across: bool) -> list[tuple[float, float, int]]:
    """(at, slope, half-thickness, darkness) of lines across ``paper`` (or down it)."""
    h, w = paper.shape if across else paper.shape[::-1]
    bounds = np.linspace(0, w, STRIPS + 1).round().astype(int)
    centres = (bounds[:-1] + bounds[1:]) / 2
    pairs = zip(bounds, bounds[1:], strict=False)
    if across:
        means = [
            cv2.reduce(paper[:, a:b], 1, cv2.REDUCE_AVG, dtype=cv2.CV_32F)[:, 0] for a, b in pairs
        ]
    else:
        means = [
            cv2.reduce(paper[a:b, :], 0, cv2.REDUCE_AVG, dtype=cv2.CV_32F)[0] for a, b in pairs
        ]
    grey = np.vstack(means)  # strips × rows: the paper's mean grey along each row of each strip
    around = cv2.blur(grey, (AROUND_PX, 1), borderType=cv2.BORDER_REPLICATE)
    seen = around - grey  # how much darker than the rows around it
    lined = seen >= DIP
    if not lined.any():
        return []
    near = cv2.dilate(lined.astype(np.uint8), np.ones((1, 2 * TOLERANCE_PX + 1), np.uint8))
    # Every slope at once: strip k's row y - shift is gathered into row y (0 beyond the page),
    # each strip's shifted copy a whole slice of one padded buffer, one gather for all slopes
    # rather than strips × slopes small copies.
    shifts = np.rint(SLOPES[:, None] * (centres - centres[0])[None, :]).astype(int)
    pad = int(np.abs(shifts).max())
    padded = np.zeros((STRIPS, h + 2 * pad), np.uint8)
    padded[:, pad : pad + h] = near
    starts = np.arange(STRIPS) * padded.shape[1] + pad - shifts  # slopes × strips
    rolled = np.lib.stride_tricks.sliding_window_view(padded.ravel(), h)[starts]
    count = rolled.sum(axis=1, dtype=np.int32)
    margins = rolled[:, 0].astype(np.int32) + rolled[:, STRIPS - 1]
    ok = ((count >= MIN_STRIPS[0]) & (margins == 2)) | ((count >= MIN_STRIPS[1]) & (margins >= 1))
    best: list[tuple[int, float, float]] = []
    for i, slope in enumerate(SLOPES):
        for y in np.flatnonzero(ok[i]):
            best.append((int(count[i, y]), float(slope), float(y)))
    return _distinct(best, seen, centres)


def _distinct(candidates, seen: np.ndarray, centres: np.ndarray) -> list[tuple[float, float, int]]:
    """The strongest line of each cluster of candidates, with its thickness as seen."""
    lines: list[tuple[float, float, int]] = []
    h = seen.shape[1]
    offsets = centres - centres[0]
    ordered = sorted(candidates, key=lambda c: (-c[0], abs(c[1])))
    if not ordered:
        return lines
    _, slopes, ys = (np.array(v, float) for v in zip(*ordered, strict=True))
    paths = ys[:, None] + slopes[:, None] * offsets[None, :]  # candidates × strips
    same = np.zeros(len(ordered), bool)
    for c, (_, slope, y) in enumerate(ordered):
        # One crease seen along two nearby slopes is one crease: lines that come within
        # SAME_PX of each other anywhere across the page are the same line (every candidate
        # near a line taken is marked at once, rather than each compared with every line).
        if same[c] or not EDGE_PX <= y < h - EDGE_PX:
            continue
        same |= np.abs(paths - paths[c]).min(axis=1) < SAME_PX
        at, slope, wander = _centre(seen, centres, y - slope * centres[0], slope)
        half, dark = _thickness(seen, centres, at, slope)
        half += CLEAR_PX + int(np.ceil(wander))  # as wide as the crease bends off its line
        lines.append((at, slope, half, CREASE_DARK * dark + CREASE_DARK_PLUS, dark))
    return lines


def _centre(seen: np.ndarray, centres: np.ndarray, at: float, slope: float):
    """(at, slope, wander) of the line through the darkest row near it in each strip where it is
    seen, and how far (pixels) those rows lie off it at the most: the search's slopes are coarse
    (a wide crease is seen in as many strips along a slope 0.006 off, whose ends then lie 10 px
    off the crease), and a crumpled sheet bends its crease a few pixels. Looked for widely
    first, then again near the first fit."""
    wander = 0.0
    for r in (TOLERANCE_PX + 10, TOLERANCE_PX + 2):
        xs, ys = _darkest(seen, centres, at, slope, r)
        if len(xs) < 3:
            break
        fit = np.polyfit(xs, ys, 1)
        near = np.abs(ys - np.polyval(fit, xs)) <= 3
        if np.count_nonzero(near) >= 3:
            fit = np.polyfit(xs[near], ys[near], 1)
        at, slope = float(fit[1]), float(fit[0])
        wander = float(np.abs(ys[near] - np.polyval(fit, xs[near])).max()) if near.any() else 0.0
    return at, slope, wander


def _darkest(seen: np.ndarray, centres: np.ndarray, at: float, slope: float, r: int):
    """Per strip where the line is seen within ``r`` of (at, slope): the strip's centre and the
    darkest row there."""
    h = seen.shape[1]
    xs, ys = [], []
    for k, x in enumerate(centres):
        y = int(round(at + slope * x))
        lo, hi = max(0, y - r), min(h, y + r + 1)
        if hi > lo and seen[k, lo:hi].max() >= DIP:
            xs.append(x)
            ys.append(lo + int(np.argmax(seen[k, lo:hi])))
    return np.array(xs, float), np.array(ys, float)


def _thickness(seen: np.ndarray, centres: np.ndarray, at: float, slope: float):
    """(half the line's thickness, how dark it is): medians over the strips where it is seen."""
    halves, darks = [], []
    h = seen.shape[1]
    for k, x in enumerate(centres):
        y = int(round(at + slope * x))
        if not 0 <= y < h or seen[k, max(0, y - TOLERANCE_PX) : y + TOLERANCE_PX + 1].max() < DIP:
            continue
        around = seen[k, max(0, y - 8) : y + 9]
        halves.append(int(np.count_nonzero(around >= DIP / 2)) // 2)
        darks.append(float(around.max()))
    if not halves:
        return 1, DIP
    return int(np.median(halves)), float(np.median(darks))


def across_profile(crease: Crease, aligned: np.ndarray, level: np.ndarray, open_paper):
    """(x, darkest, open) along a crease across the page: at each pixel column x, how much the
    scan is darker than the paper's grey (``level``) at the darkest pixel across the crease's
    band (its line ± ``half``), and whether that band is open paper there (``open_paper``:
    bool, no print near), where only the crease (or a pen) can darken it."""
    h, w = aligned.shape
    xs = np.arange(w)
    offsets = np.arange(-crease.half, crease.half + 1)[:, None]
    ys = np.rint(crease.position(xs)).astype(int)[None, :] + offsets
    inside = ((ys >= 0) & (ys < h)).all(axis=0)
    xs, ys = xs[inside], ys[:, inside]
    darkness = level[ys, xs].astype(np.int16) - aligned[ys, xs]
    return xs, darkness.max(axis=0), open_paper[ys, xs].all(axis=0)


def crease_alone(profile, name: tuple[int, int], line: tuple[int, int], rows_x) -> bool:
    """Does the crease alone explain how dark its band is across a name? ``profile``:
    ``across_profile`` of the crease across the row; ``name`` and ``line``: the name's and
    the row's x range; ``rows_x``: bool per pixel column, True within some row's box.

    On the letters a crease cannot be told from a light pen drawn along it (both darken the
    letters' soft edges past any cut a clean name passes: docs, session 8), but between the
    letters, where its band is open paper, it can: there a crease alone is about as dark as
    the same crease just beside the row (the gutters or margins either side of the row's list
    column, where no pen is: the lighter side's median, since a strike may overrun its row on
    one side), and as dark all along the name; a pen line along it adds a stretch darker than
    both (never-seen held-out 100257 row 45: 12 % of the name's open columns over the bar)."""
    xs, darkest, open_ = profile
    x0, x1 = name
    at = (xs >= x0) & (xs < x1) & open_
    between = darkest[at]
    if between.size < ALONE_OPEN_PX:
        return False
    beside = []
    for lo, hi in ((line[0] - BESIDE_PX, line[0]), (line[1], line[1] + BESIDE_PX)):
        near = (xs >= lo) & (xs < hi) & open_ & ~rows_x[np.clip(xs, 0, rows_x.size - 1)]
        if np.count_nonzero(near) >= ALONE_OPEN_PX // 2:
            beside.append(float(np.median(darkest[near])))
    if not beside:
        return False
    bars = (ALONE_DARK * min(beside) + ALONE_PLUS, float(np.median(between)) + ALONE_RISE)
    return all(np.count_nonzero(between > bar) <= ALONE_SHARE * between.size for bar in bars)
