"""Ink on a name's letters measured against the same letters scanned elsewhere on the page.

letters.py fits the PDF's rendering of the letters to the scan: a blur, a gain, a shift and
a few terms for the blur's error. A scanner does not render a glyph as a Gaussian blur, and
what the fit leaves on clean letters (up to 0.2 of the full darkness on a stem scanned heavier)
hides a 1 mm dot on a bowl. The page was printed in one font by our own layout, so the same
glyph stands in dozens of other names on it, scanned by the same scanner at the same time:
their scans, each placed on the letter looked at and taken at their median, are the letter's
own scanned shape. A dot or a short stroke on one of them is what is left.

The glyphs are found once per template on the blank ballot (the reference): each name's ink
cut into runs of columns, the accents' band apart from the letters' bodies (``_build``),
each run matched with the runs elsewhere whose print
is the same within a pixel's shift (``_alike``, when first asked). Only rows no crease
crosses where letters.py's fit left nearly enough to decide are measured (letters.hidden_pen,
``GLYPHS_FROM``), around hidden.py's peak: a call every 25–50 A4 pages (docs/scanning.md,
session 9); and rows a crease crosses along a line found across the row, with each side of
a displaced fold taken where its own rule places it and the crease's band left out
(``fold``; letters.hidden_pen, ``GLYPHS_FOLD``).
"""

from __future__ import annotations

import cv2
import numpy as np

from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.reference import Reference, box_px
from daihoi.scanning.omr.shifts import NO_SHIFT
from daihoi.scanning.omr.types import Template

INK = 96  # a reference column holds print where its darkness reaches this (of 255)
MARGIN = 2  # columns either side of a run the window takes (the scan's blur reaches there)
PAD = 3  # rows above and below the tallest name's ink
ALIKE = 60  # the most two runs' blurred print may differ at a pixel (of 255) to be the same
LEAST = 4  # matches a run needs for its median to model it
MOST = 12  # matches used (the nearest rows first: the scanner's blur varies down the page)
SPLIT_PX = 2  # the bands part this far above the x-height line
PEN_PX = 3  # pen pixels a match's window may hold (a speck) and still model the letter
REACH_MM = 1.25  # the residual's peak looked for this near hidden.py's peak (as letters.py)
SPAN_MM = 3.0  # the letters either side whose pixel rows' median is taken out (a crease)
SMOOTH_MM = 0.25  # the residual's blur: about a pen's width
FOLD_PX = 2  # pixel rows either side of a crease's band not measured (see _off_crease)
EDGE_PX = 2  # a band's top and bottom pixel rows not measured on a creased row (_off_crease)
ROBUST = 0.15  # residual above this share of the full darkness is pen: left out of the fit


def glyph_excess(
    page: Page,
    template: Template,
    ref: Reference,
    i: int,
    shifts,
    at,
    rows=None,
    fold=None,
) -> float:
    """The most ink on row ``i``'s letters within REACH_MM across of ``at`` ((x, y), reference
    pixels: hidden.py's peak) that the same letters scanned elsewhere on the page do not
    explain, as a share of the full ink's darkness; 0 where no letter there has enough
    matches. ``shifts``: every row's placement; ``rows``: the rows whose letters may serve as
    models (a set; default: all but ``i``). ``fold``: on a row a crease crosses, (sides, the
    crease's reference y or -1 (down the page), its half-thickness); sides (or None) as
    pen.Refold.sides, (y, upper (dx, dy), lower (dx, dy)): the row's letters above the fold
    taken where the rule above places them, below where the rule below does."""
    table = _table(template, ref)
    if table is None or i not in table.by_row:
        return 0.0
    s = template.px(ref.dpi)
    reach, span = REACH_MM * s, SPAN_MM * s
    best = 0.0
    for band in _bands(table, i, at[0], span):
        x0, x1 = min(r[1] for _, r in band) - MARGIN, max(r[2] for _, r in band) + MARGIN
        y0, y1 = band[0][1][3:5]
        left = np.zeros((y1 - y0, x1 - x0), np.float32)
        known = np.zeros(left.shape, bool)
        inked = np.zeros(left.shape, bool)
        for g, run in band:
            found = _left(page, table, g, shifts, rows, fold)
            if found is None:
                continue
            a = run[1] - MARGIN - x0
            part, where, ink = found
            np.maximum(left[:, a : a + part.shape[1]], part, out=left[:, a : a + part.shape[1]])
            known[:, a : a + part.shape[1]] |= where
            inked[:, a : a + part.shape[1]] |= ink
        if not known.any():
            continue
        # A line along the name (a crease, a fold's shadow, a rule placed a pixel off) darkens
        # every letter it crosses alike: each pixel row's median over the name is taken out.
        # A dot or a short stroke covers far less than half the name's letters.
        level = np.zeros(left.shape[0], np.float32)
        some = known.any(axis=1)
        level[some] = np.nanmedian(np.where(known, left, np.nan)[some], axis=1)
        left = (left - level[:, None]) * known
        if fold is not None:
            left *= _off_crease(inked, fold, y0)
        paper = page.paper_at((x0 + x1) // 2, y0)
        blurred = cv2.GaussianBlur(left, (0, 0), SMOOTH_MM * s)
        cols = np.abs(np.arange(x0, x1) - at[0]) <= reach
        if cols.any():
            best = max(best, float(blurred[:, cols].max()) / page.full_dark(paper))
    return best


def _off_crease(inked: np.ndarray, fold, y0: int) -> np.ndarray:
    """Where a residual on a creased row may be pen: on the scan's ink (the page's ink mask,
    the crease lines taken out: a crease down the page darkened a letter's margin as a pen
    would, 0.15 on a clean stress name), off the crease's band across the row widened by
    FOLD_PX (where the fold's two sides meet, a letter's stroke the crease crosses is doubled
    or cut by a pixel: a bar as dark as a dot, 0.27–0.30 on clean stress names), and off the
    band's EDGE_PX top and bottom pixel rows (the band cuts the letters there: a side placed
    a pixel off leaves the strokes' cut ends, 0.106 on a clean held-out name)."""
    _, at, half = fold
    keep = inked.copy()
    keep[:EDGE_PX] = keep[inked.shape[0] - EDGE_PX :] = False
    if at >= 0:
        ys = np.arange(y0, y0 + inked.shape[0])
        keep[np.abs(ys - at) <= half + FOLD_PX] = False
    return keep


def _bands(table, i: int, x: int, span: float):
    """Row ``i``'s runs (g, run) within ``span`` across of ``x``, grouped by band."""
    bands: dict[int, list] = {}
    for g in table.by_row[i]:
        if table.runs[g][2] < x - span or table.runs[g][1] > x + span:
            continue
        bands.setdefault(table.runs[g][3], []).append((g, table.runs[g]))
    return list(bands.values())


def _left(page: Page, table, g: int, shifts, rows, fold=None):
    """What the scan of glyph run ``g`` has that the median of its matches' scans, placed and
    scaled on it, has not (darkness), with where that is known (pixels at least LEAST matches
    model: a neighbouring letter that differs leaves its columns unknown); None with too few
    matches on the page."""
    i, x0, x1, y0, y1 = table.runs[g]
    w = table.width(g)
    sides, at = (fold[0], fold[1]) if fold else (None, -1)
    target = table.scan_window(page, g, (0, 0), shifts[i], w, sides)
    if target is None:
        return None
    mine = table.ref_window(g, (0, 0), w)
    samples = []
    for h, ox, oy in table.alike(g):
        j = table.runs[h][0]
        if rows is not None and j not in rows:
            continue
        if table.pen_in(page, h, (ox, oy), shifts[j], w) > PEN_PX:
            continue  # a strike or a mark through the letter there: not its scanned shape
        sample = table.scan_window(page, h, (ox, oy), shifts[j], w)
        theirs = table.ref_window(h, (ox, oy), w)
        if sample is None or theirs is None:
            continue
        # Only where its print is the target's: the run's own columns always, its margins
        # where the neighbouring letters are the same ("c" of "ức" against "c" of "ộc").
        same = cv2.erode((np.abs(theirs - mine) <= ALIKE).astype(np.uint8), _CROSS) > 0
        placed = _placed(sample, target, same)
        placed[~same] = np.nan
        samples.append(placed)
        if len(samples) == MOST:
            break
    if len(samples) < LEAST:
        return None
    stack = np.stack(samples)
    known = np.count_nonzero(~np.isnan(stack), axis=0) >= LEAST
    model = np.nanmedian(np.where(known, stack, 0), axis=0)
    full = page.full_dark(page.paper_at((x0 + x1) // 2, y0))
    split = min(max(at - y0, 0), y1 - y0) if at >= 0 else 0
    left = _residual(target, model, known, ROBUST * full, split)
    ink = table.scan_window(page, g, (0, 0), shifts[i], w, sides, page.dark) if fold else None
    return left, known, (ink > 0 if ink is not None else known)


_CROSS = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))


def _placed(sample: np.ndarray, target: np.ndarray, same: np.ndarray) -> np.ndarray:
    """``sample`` moved by the sub-pixel shift that lays it best on ``target`` where ``same``
    (two Gauss–Newton steps of gain·S(p + t) + level)."""
    h, w = sample.shape
    gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)
    keep = same.ravel()
    y = target.ravel()[keep]
    tx = ty = 0.0
    moved = sample
    for _ in range(2):
        dx = cv2.Sobel(moved, cv2.CV_32F, 1, 0, ksize=3, scale=1 / 8)
        dy = cv2.Sobel(moved, cv2.CV_32F, 0, 1, ksize=3, scale=1 / 8)
        basis = np.stack([moved.ravel(), dx.ravel(), dy.ravel(), np.ones(h * w, np.float32)], 1)
        coef = np.linalg.lstsq(basis[keep], y, rcond=None)[0]
        if coef[0] <= 1e-3:
            break
        tx = float(np.clip(tx + np.clip(coef[1] / coef[0], -1, 1), -2, 2))
        ty = float(np.clip(ty + np.clip(coef[2] / coef[0], -1, 1), -2, 2))
        moved = cv2.remap(
            sample, gx + tx, gy + ty, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
    return moved


def _residual(target: np.ndarray, model: np.ndarray, known: np.ndarray, pen: float, split: int = 0):
    """``target`` less the best fit of ``model`` to it (gain, shift, blur's error, level)
    where ``known`` (0 elsewhere), the pixels more than ``pen`` above the fit left out of a
    second fit (a dot must not pull the model's gain towards itself)."""
    h, w = model.shape
    dx = cv2.Sobel(model, cv2.CV_32F, 1, 0, ksize=3, scale=1 / 8)
    dy = cv2.Sobel(model, cv2.CV_32F, 0, 1, ksize=3, scale=1 / 8)
    lap = cv2.Laplacian(model, cv2.CV_32F, ksize=3)
    ones = np.ones(h * w, np.float32)
    basis = np.stack([model.ravel(), dx.ravel(), dy.ravel(), lap.ravel(), ones], 1)
    if 0 < split < h:
        above = (np.arange(h) < split).repeat(w)[:, None].astype(np.float32)
        basis = np.hstack([basis * above, basis * (1 - above)])
    y = target.ravel()
    weight = known.ravel().astype(np.float32)
    for _ in range(2):
        coef = np.linalg.lstsq(basis * weight[:, None], y * weight, rcond=None)[0]
        left = (y - basis @ coef) * known.ravel()
        weight = known.ravel() * (left < pen).astype(np.float32)
    return left.reshape(h, w)


class _Table:
    """The glyph runs of every name on the template (row, x0, x1, y0, y1; reference pixels),
    each band of a name (the accents above the x-height line, the letters' bodies below it)
    cut on its own, and which runs are alike (found when first asked)."""

    def __init__(self, ref: Reference, runs, soft):
        self.ref = ref
        self.runs = runs
        self.soft = soft  # the reference's darkness, blurred (σ 1 px): runs are matched on it
        self.sizes = np.array([(x1 - x0, y1 - y0) for _, x0, x1, y0, y1 in runs])
        self.by_row: dict[int, list[int]] = {}
        for g, run in enumerate(runs):
            self.by_row.setdefault(run[0], []).append(g)
        self._alike: dict[int, list] = {}

    def alike(self, g: int):
        if g not in self._alike:
            self._alike[g] = _alike(self, g)
        return self._alike[g]

    def width(self, g: int) -> int:
        return self.runs[g][2] - self.runs[g][1] + 2 * MARGIN

    def _at(self, g: int, offset, shift):
        """Run ``g``'s window in the reference (x, y) and where it lies in the scan."""
        i, x0, x1, y0, _ = self.runs[g]
        dx, dy = _place(shift, (x0 + x1) // 2)
        a, b = x0 - MARGIN + offset[0], y0 + offset[1]
        return a, b, a + dx, b + dy

    def scan_window(
        self, page: Page, g: int, offset, shift, w: int, sides=None, image=None
    ) -> np.ndarray | None:
        """The scan's darkness in run ``g``'s window (``w`` wide), the row placed at
        ``shift`` and the run at ``offset`` from where its own print lies; None off the page.
        ``sides`` (see ``glyph_excess``): each side of the fold taken where it lies."""
        _, _, _, y0, y1 = self.runs[g]
        _, b, sa, sb = self._at(g, offset, shift)
        H, W = page.aligned.shape
        if sa < 0 or sb < 0 or sa + w > W or sb + y1 - y0 > H:
            return None
        source = page.aligned if image is None else image
        if sides:
            seen = _by_sides(source, (sa, b, w, y1 - y0), sides)
            if seen is None:
                return None
        else:
            seen = source[sb : sb + y1 - y0, sa : sa + w].astype(np.float32)
        if image is not None:
            return seen
        paper = page.paper_at(sa + w // 2, sb + (y1 - y0) // 2)
        return np.maximum(np.float32(paper) - seen, 0)

    def ref_window(self, g: int, offset, w: int) -> np.ndarray | None:
        """The reference's blurred print in run ``g``'s window at ``offset``."""
        _, _, _, y0, y1 = self.runs[g]
        a, b, _, _ = self._at(g, offset, NO_SHIFT)
        if a < 0 or b < 0 or a + w > self.soft.shape[1] or b + y1 - y0 > self.soft.shape[0]:
            return None
        return self.soft[b : b + y1 - y0, a : a + w]

    def pen_in(self, page: Page, g: int, offset, shift, w: int) -> int:
        """Pixels of pen (ink off the print) in run ``g``'s window: a strike, a tick."""
        _, _, _, y0, y1 = self.runs[g]
        a, b, sa, sb = self._at(g, offset, shift)
        h = y1 - y0
        H, W = page.dark.shape
        if min(a, b, sa, sb) < 0 or sa + w > W or sb + h > H or a + w > W or b + h > H:
            return 1 << 20
        ink = page.ink_mask[sb : sb + h, sa : sa + w]
        return int(np.count_nonzero(ink & self.ref.paper[b : b + h, a : a + w]))


def _by_sides(image: np.ndarray, window, sides) -> np.ndarray | None:
    """The ``image``'s pixels in ``window`` (scan x, reference y, width, height), each pixel row
    above the fold's line (``sides[0]``, reference y) taken down by the upper side's dy, the
    rest by the lower side's: where the lower side lies lower, the scan rows between the two
    placings (the displacement doubled them) are read on neither. Across, the row's own
    placing (``x`` holds it)."""
    x, y, w, h = window
    ys = np.arange(y, y + h)
    ys = ys + np.where(ys < sides[0], sides[1][1], sides[2][1])
    if ys.min() < 0 or ys.max() >= image.shape[0]:
        return None
    return image[ys, x : x + w].astype(np.float32)


def _place(shift, x: int) -> tuple[int, int]:
    """The row's shift (dx, dy) at column ``x``."""
    for _, _, dx, dy in shift.pieces(x, x + 1):
        return dx, dy
    return shift.mean


_OFFSETS = [(oy, ox) for oy in (-1, 0, 1) for ox in (-1, 0, 1)]


def _alike(table: _Table, g: int) -> list[tuple[int, int, int]]:
    """Runs whose print is ``g``'s within ALIKE at every pixel of its own columns, each with
    the offset (x, y) that lays it on ``g``, nearest rows first."""
    i, x0, x1, y0, y1 = table.runs[g]
    soft = table.soft
    mine = soft[y0:y1, x0:x1]
    h, w = mine.shape
    keys, nears = [], []
    near_size = (np.abs(table.sizes[:, 0] - w) <= 1) & (table.sizes[:, 1] == h)
    for k in np.flatnonzero(near_size):
        j, a0, _, b0, _ = table.runs[k]
        if j == i or a0 < 1 or b0 < 1 or a0 + w + 1 > soft.shape[1] or b0 + h + 1 > soft.shape[0]:
            continue
        keys.append((abs(j - i), k))
        nears.append(soft[b0 - 1 : b0 + h + 1, a0 - 1 : a0 + w + 1])
    if not keys:
        return []
    near = np.stack(nears)
    diffs = np.stack(
        [
            np.abs(near[:, 1 + oy : 1 + oy + h, 1 + ox : 1 + ox + w] - mine).max(axis=(1, 2))
            for oy, ox in _OFFSETS
        ],
        axis=1,
    )
    best = diffs.argmin(axis=1)
    found = [
        (*key, *_OFFSETS[b][::-1])
        for key, b, d in zip(keys, best, diffs.min(axis=1), strict=True)
        if d <= ALIKE
    ]
    found.sort()
    return [(k, ox, oy) for _, k, ox, oy in found]


def _table(template: Template, ref: Reference) -> _Table | None:
    """The glyph runs of the template's names (built once per template and resolution)."""
    key = ("glyphs", ref.dpi)
    if key not in template._cache:
        template._cache[key] = _build(template, ref)
    return template._cache[key]


def _build(template: Template, ref: Reference) -> _Table | None:
    s = template.px(ref.dpi)
    tops = {i: box_px(row.name, s)[1] for i, row in enumerate(template.rows)}
    names = [(i, n, tops[i]) for i, n in enumerate(ref.names) if n is not None]
    if not names:
        return None
    # One frame for every name from its strip's top (one font, one layout): from the highest
    # accent to the lowest descender of any name, parted SPLIT_PX above the x-height line most
    # names show (a name of capitals and tall letters measures its own higher), so that a
    # letter's body is matched apart from its accents: the "o" of "õ" with every "o".
    up = min(n.y0 - top for _, n, top in names) - PAD
    down = max(n.y1 - top for _, n, top in names) + PAD
    body = int(np.median([n.top - top for _, n, top in names])) - SPLIT_PX
    dark = cv2.subtract(np.full_like(ref.grey, 255), ref.grey)
    soft = cv2.GaussianBlur(dark.astype(np.float32), (0, 0), 1.0)
    runs = []
    for i, n, top in names:
        y0, ym, y1 = top + up, top + body, top + down
        if y0 < 0 or y1 > dark.shape[0]:
            continue
        for b0, b1 in ((y0, ym), (ym, y1)):
            cols = dark[b0:b1, n.x0 : n.x1].max(axis=0) >= INK
            for a, b in _spans(cols):
                x0, x1 = n.x0 + a, n.x0 + b
                if x0 - MARGIN - 1 >= 0 and x1 + MARGIN + 1 <= dark.shape[1]:
                    runs.append((i, x0, x1, b0, b1))
    return _Table(ref, runs, soft)


def _spans(cols: np.ndarray):
    """Runs of True in ``cols``: (start, end)."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], cols.astype(np.int8), [0]])))
    return list(zip(edges[::2], edges[1::2], strict=True))
