"""A row read struck whose "strike" is a crease the finder misplaced.

creases.py fits each crease as one straight line; on a sheet folded in thirds with a
displaced side, the fit can tilt towards a displaced rule's residue (slopes of 0.014–0.023
where the crease ran almost square) and clear a line that leaves the real crease standing
across one column's names, read struck at confidence 1 (a never-seen held-out run: two clean
names in 92,400 rows). margins.py looks for a crease left in both margins, on the ink after
the clearing; there the misfit line had cleared the margins and left the column. So here the
ink *before* any clearing is looked at: when both page margins beside the row are inked
along pixel rows one line off square joins, and the pen left in the row's name lies along
that line where it crosses the name, the "strike" is that crease: a person decides. A crease
too faint in the margins to read as ink there still leaves, across a name it crosses, a
line a pen does not draw: 2–3 px high and dead straight along the whole name (a pen's
stroke is 3–5 px wide and wavers or slants): on a row a crease across the page crosses,
pen that thin is a person's to decide too. Neither holds a row a crease across the page
crosses whose pen darker than the paper beside the row, along the same pixel rows, strikes
through the sure zone of the name (rows.strikes_beyond_crease: strike_checks.beyond_crease
on the row's pen): a crease darkens the paper beside the row about as much as across it, a
pen line only the name. Held-out offset 0, ballot 32 row 23 and A5 39 row 2, thin dark
strikes along a crease, measure 0.96 and 0.81 so; the clean names read struck under the
crease misplaced on tuning 71 (rows 23 and 45) 0.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from daihoi.scanning.omr.margins import SLOPE, beside, margin_lines, margins_px, rows_span
from daihoi.scanning.omr.reference import Reference, box_px
from daihoi.scanning.omr.rows import STRIKE_CUTS
from daihoi.scanning.omr.types import Mark, RowReading, Template

ON_LINE_PX = 4  # the pen within this of the margins' line, at the name
ON_LINE_SHARE = 0.5  # … this share of the pen in the name's box
THIN_PX = 3  # pen this high (10th to 90th percentile of its rows) is a crease's residue


def crease_as_strike(
    rows: tuple[RowReading, ...],
    folds: dict[int, tuple[int, int]],
    before: np.ndarray,
    dark: np.ndarray,
    ref: Reference,
    template: Template,
    shifts,
    beyond=None,
) -> tuple[RowReading, ...]:
    """``rows`` with each struck row whose pen is a crease's sent to a person: on a row a
    crease across the page crosses (``folds``, reader._folds), a line thinner than a pen's;
    anywhere, pen along a line seen in both margins (in ``before``, the ink before the
    creases were cleared; ``dark`` after). Not a row a crease across the page crosses whose
    pen darker than the paper beside it strikes through the sure zone (``beyond``: row index
    → rows.strikes_beyond_crease, asked only of the rows so held)."""
    spans = margins_px(template, ref.dpi, before.shape[1]) if ref.exact else ()
    if len(spans) < 2:
        return rows
    s = template.px(ref.dpi)
    out = list(rows)
    # Both margins' inked pixel rows, measured once for the page when a row first asks.
    lines = cache(lambda: margin_lines(before, ref, spans, rows_span(template, ref.dpi)))
    for i, row in enumerate(rows):
        if row.uncertain or row.mark is not Mark.STRUCK:
            continue
        box, name = box_px(template.rows[i].line, s), template.rows[i].name
        ys = _pen_rows(dark, ref, box, name, s, shifts[i])
        if ys.size == 0:
            continue
        across = folds.get(i, (-1, 0))[0] >= 0  # a crease across the page crosses the row
        thin = across and np.subtract(*np.percentile(ys, [90, 10])) < THIN_PX
        if thin or _along_margin_line(before, ys, ref, spans, box, name, s, shifts[i], lines):
            if across and beyond is not None and beyond(i) >= STRIKE_CUTS[3]:
                continue  # darker than the crease beside the row across the sure zone: a pen's
            out[i] = RowReading(row.position, row.mark, 0.4, True, row.crop, "fold")
    return tuple(out)


def _pen_rows(dark, ref, box, name, s, shift) -> np.ndarray:
    """The pixel rows (from the row's top) of the pen left in the row's name box: ink outside
    the print's slack, the row placed by its shift."""
    x0, y0, x1, y1 = box
    dx, dy = shift.mean
    nx0, nx1 = round(name.x * s), round((name.x + name.w) * s)
    if min(y0, y0 + dy) < 0 or y1 + dy > dark.shape[0] or nx0 + dx < 0 or nx1 + dx > dark.shape[1]:
        return np.zeros(0, int)
    pen = dark[y0 + dy : y1 + dy, nx0 + dx : nx1 + dx] > 0
    pen &= ref.paper[y0:y1, nx0:nx1]
    # Each pen pixel's row, top to bottom (``np.nonzero(pen)[0]``, its columns not found).
    return np.repeat(np.arange(pen.shape[0]), np.count_nonzero(pen, axis=1))


def _along_margin_line(before, ys, ref, spans, box, name, s, shift, lines) -> bool:
    """True when ``ys`` (the pen's pixel rows) lie along a line seen in both margins.
    ``lines()``: the page's ``margins.margin_lines`` of ``before``."""
    x0, y0, x1, y1 = box
    dy = shift.mean[1]
    if min(y0, y0 + dy) < 1 or max(y1, y1 + dy) + 1 > before.shape[0]:
        return False
    left, right = beside(before, ref, spans, y0, y1, dy, lines())
    if left.size == 0 or right.size == 0:
        return False
    xl, xr = (sum(spans[0]) / 2, sum(spans[1]) / 2)
    xm = (name.x + name.w / 2) * s
    for a in left:
        for b in right[np.abs(right - a) <= SLOPE * (xr - xl)]:
            at = a + (b - a) * (xm - xl) / (xr - xl)  # the line's y at the name, from y0
            if np.mean(np.abs(ys - at) <= ON_LINE_PX) >= ON_LINE_SHARE:
                return True
    return False
