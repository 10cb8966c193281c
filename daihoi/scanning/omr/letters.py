"""A second look, at full resolution, where hidden.py found a little ink the print may not
explain: is the letter there darker or wider than its printed shape?

hidden.py compares ink by amount under wide blurs; a dot of 1 mm drawn on a letter's
bowl or stem adds little ink where the print already lies, and clean names reach the
same peaks (their print, placed a pixel off, scanned a little heavier). Here the
blank ballot's letters, which the reference renders exactly, are fitted to the scan in
a patch 5 mm wide around hidden.py's peak: the print blurred about as a scan blurs it,
moved by a sub-pixel shift (found by Gauss–Newton), with a gain, the blur's own error
(the Laplacian), a slant and scale (the shift growing across or down the patch), the
print's gain drifting across the patch, the darkness's bend (a squared term) and the
paper's level. Pixels the model leaves well above it (pen, not print) are left out of
the next fit, so a dot does not pull the print towards itself. What is left, lightly
blurred (about a pen's width), at its peak near where hidden.py looked, as a share of
the full ink's darkness, is the measure: a dot fills a letter's counter or thickens its
stroke by far more than a clean letter's fit leaves (tuning stress set, see ``FINE``).

Only rows hidden.py already finds some ink on (``FINE_FROM``) and no crease crosses are
looked at again: about one row a page, under a millisecond each (docs/scanning.md,
session 8).
"""

from __future__ import annotations

import cv2
import numpy as np

from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.glyphs import glyph_excess
from daihoi.scanning.omr.hidden import HIDDEN, hidden_peaks, name_box
from daihoi.scanning.omr.reference import Reference
from daihoi.scanning.omr.types import Template

# Looked at only above this peak of hidden.py's round blur: 2.9 % of clean names on the
# tuning stress set (300 A4 ballots, 30 % of rows with a mark that is not a strike); every
# dot or short stroke hidden.py kept there measured ≥ 0.038.
FINE_FROM = 0.035
# Above this a person decides ("dot"): on the tuning stress set the 13 dots and short strokes
# hidden.py kept measure 0.157–0.286 here; of about 9,000 clean names one measures 0.226
# (a capital's stem scanned heavier), the next 0.125.
FINE = 0.15
# The same letters elsewhere on the page are looked at (glyphs.py) only from this fit's
# residual: session 8's long run's dot and short stroke the fit kept (no crease) measured
# 0.141 and 0.1495 here; 1 of 1,580 clean names no crease crosses on the first 60 tuning
# stress pages measures 0.08–0.15 (a call of ~22 ms every 25–50 A4 pages).
GLYPHS_FROM = 0.08
# Above this (glyphs.py) a person decides: the long run's two measure 0.132 and 0.108 there;
# clean names no crease crosses on those 60 pages ≤ 0.056 (195 measured), and on all 300 two
# reach 0.091 and 0.108 (a page's top row, scanned heavier than the rows below).
GLYPHS = 0.085
# On a row a crease crosses along a line found across it, the same letters elsewhere are asked
# from hidden.py's round peak FINE_FROM (letters.py's fit is no guide there: clean creased
# names reach 0.6), each side of the fold taken where it lies and the crease's band left out
# (glyphs.py, ``fold``); from this a person decides. Clean names so measured: ≤ 0.114 on the
# tuning and held-out check pages (offset 0, 88 rows), ≤ 0.052 on the 300 tuning stress pages
# (83 rows); session 8's long run's dot on a fold (120290 row 23) 0.140, its short stroke on a
# fold (126831 row 35) 0.099 (left: under the clean names' tail).
GLYPHS_FOLD = 0.12
HALF_MM = 2.5  # the patch fitted, either side of hidden.py's peak
REACH_MM = 1.25  # the residual's peak looked for this near hidden.py's peak
PAD_PX = 12  # rows above and below the name's box the fit sees (not measured there)
NEAR_PX = 5  # measured within this of the print (farther, the pen mask sees the pen)
SIGMA_PX = 1.2  # the print's blur before the fit (a scan's blur, 200 dpi)
SMOOTH_MM = 0.25  # the residual's blur: about a pen's width
ROBUST = 0.15  # residual above this share of the full darkness: pen, left out of the next fit
STEPS = 3  # Gauss–Newton steps of the sub-pixel shift (the last one only fits)
SHIFT_PX = 2.5  # the most the shift may move the print (the row's placement is good to ~1 px)
_DILATE = np.ones((2 * NEAR_PX + 1, 2 * NEAR_PX + 1), np.uint8)


def hidden_pen(
    page: Page,
    template: Template,
    ref: Reference,
    i: int,
    shift,
    creased,
    sides=None,
    page_rows=None,
    crease=(-1, 0),
) -> float:
    """Ink on row ``i``'s printed letters that the print does not explain, when there is
    enough of it for a person to decide ("dot"); 0 when there is not. hidden.py's peaks
    first (``sides``: each side of a fold read where it lies, hidden.hidden_peaks), then, where
    they show a little ink on a row no crease crosses (``creased``), the fit at full
    resolution here, and where that leaves nearly enough, the same letters elsewhere on the
    page (glyphs.py; ``page_rows``: (every row's shift, the rows a crease crosses)); on a
    creased row whose ``crease`` (reference y, half-thickness) was found across it, the same
    letters only, each side of the fold where it lies."""
    peaks = hidden_peaks(page, template, ref, i, shift, sides)
    values = [value for value, _ in peaks]
    if any(v >= cut for v, cut in zip(values, HIDDEN, strict=False)):
        return max(values)
    if not values or values[0] < FINE_FROM:
        return 0.0
    if creased:
        return _on_fold(page, template, ref, i, (peaks[0][1], sides, crease), page_rows)
    box = name_box(template, ref, i)
    fine = letters_excess(page, ref, box, shift, peaks[0][1], template.px(ref.dpi))
    if fine >= FINE:
        return fine
    if fine < GLYPHS_FROM:
        return 0.0
    return _same_letters(page, template, ref, i, peaks[0][1], page_rows, GLYPHS)


def _on_fold(page: Page, template: Template, ref: Reference, i: int, where, page_rows) -> float:
    """The same letters elsewhere on the page against row ``i``'s, a crease across it:
    ``where`` is (hidden.py's peak, the fold's sides or None, the crease (y, half-thickness)).
    A crease darkens the letters it crosses as a pen would, so letters.py's fit is not asked
    (3 of the 7 clean names above FINE on the tuning sets lay on a crease); a crease seen only
    as the rules lying apart or down the page (y -1) leaves no line to take out: not asked."""
    at, sides, (y, half) = where
    if y < 0:
        return 0.0
    return _same_letters(page, template, ref, i, at, page_rows, GLYPHS_FOLD, (sides, y, half))


def _same_letters(page, template, ref, i: int, at, page_rows, cut: float, fold=None) -> float:
    """glyphs.py's measure of row ``i`` near ``at`` against the same letters on the rows no
    crease crosses (``page_rows``: (every row's shift, the rows a crease crosses)), when it
    reaches ``cut``; else (or without ``page_rows``) 0."""
    if page_rows is None:
        return 0.0
    shifts, folded = page_rows
    models = {j for j in range(len(template.rows)) if j != i and j not in folded}
    seen = glyph_excess(page, template, ref, i, shifts, at, models, fold)
    return seen if seen >= cut else 0.0


def letters_excess(page: Page, ref: Reference, box, shift, at, s: float) -> float:
    """The most ink the printed letters do not explain near ``at`` ((x, y), reference pixels:
    hidden.py's peak) on the name in ``box`` (x0, y0, x1, y1, reference pixels, hidden.py's
    padded box), the row placed at ``shift``'s mean. A share of the full ink darkness; 0 off
    the page."""
    (x0, y0, x1, y1), (px, _) = box, at
    dx, dy = shift.mean
    top, bottom = y0 - PAD_PX, y1 + PAD_PX
    h, w = page.aligned.shape
    # Across, within the name's padded box only: the cell's rule beside the first letter,
    # a pixel off its place, pulls the fit there (12 of 19 clean names ≥ 0.15 on the tuning
    # stress set without).
    half = round(HALF_MM * s)
    a, b = max(x0, px - half, -dx), min(x1, px + half, w - dx)
    if top + dy < 0 or bottom + dy > h or top < 0 or bottom > ref.grey.shape[0] or b - a < half:
        return 0.0
    paper = page.paper_at((x0 + x1) // 2 + dx, (y0 + y1) // 2 + dy)
    full = page.full_dark(paper)
    scan = page.aligned[top + dy : bottom + dy, a + dx : b + dx]
    ink = page.dark[top + dy : bottom + dy, a + dx : b + dx]
    dark = np.maximum(np.float32(paper) - scan, 0) * (ink > 0)
    printed = 255 - ref.grey[top:bottom, a:b].astype(np.float32)
    left = cv2.GaussianBlur(_residual(dark, printed, full), (0, 0), SMOOTH_MM * s)
    keep = cv2.dilate((printed > 64).astype(np.uint8), _DILATE) > 0
    ys, xs = np.arange(top, bottom)[:, None], np.arange(a, b)[None, :]
    keep &= (ys >= y0) & (ys < y1) & (np.abs(xs - px) <= REACH_MM * s)
    return float(left[keep].max()) / full if keep.any() else 0.0


def _residual(dark: np.ndarray, printed: np.ndarray, full: float) -> np.ndarray:
    """The scan's darkness less the best fit of the print to it (see the module docstring)."""
    blurred = cv2.GaussianBlur(printed, (0, 0), SIGMA_PX)
    h, w = dark.shape
    gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)
    y = dark.ravel()
    weight = np.ones_like(y)
    tx = ty = 0.0
    for step in range(STEPS):
        if tx or ty:
            moved = cv2.remap(
                blurred, gx + tx, gy + ty, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
            )
        else:
            moved = blurred
        basis = _basis(moved)
        for _ in range(2 if step == STEPS - 1 else 1):  # the last fit refitted without the pen
            weighted = basis.T * weight
            coef = _solve(weighted @ basis, weighted @ y)
            left = y - basis @ coef
            weight = (left < ROBUST * full).astype(np.float32)
        if step == STEPS - 1 or coef[0] <= 1e-3:
            break
        # gain·B(p + t) ≈ gain·B + gain·t·∇B: the shift is the gradients' weights over the gain
        tx = float(np.clip(tx + np.clip(coef[1] / coef[0], -1, 1), -SHIFT_PX, SHIFT_PX))
        ty = float(np.clip(ty + np.clip(coef[2] / coef[0], -1, 1), -SHIFT_PX, SHIFT_PX))
    return left.reshape(h, w)


def _solve(normal: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """The least-squares fit's weights from its normal equations (a patch of plain paper or
    a uniform print leaves them singular: then the least-norm weights)."""
    normal, rhs = normal.astype(np.float64), rhs.astype(np.float64)
    try:
        coef = np.linalg.solve(normal, rhs)
    except np.linalg.LinAlgError:
        coef = np.linalg.lstsq(normal, rhs, rcond=None)[0]
    return coef.astype(np.float32)


def _basis(blurred: np.ndarray) -> np.ndarray:
    """The fit's columns (pixels × 12): the print, its gradients (a shift), the shift growing
    across and down the patch (slant, scale), its Laplacian (the blur's error), its square
    (the darkness's bend), the paper's level, the print's gain drifting across and down."""
    h, w = blurred.shape
    gx = cv2.Sobel(blurred, cv2.CV_32F, 1, 0, ksize=3, scale=1 / 8)
    gy = cv2.Sobel(blurred, cv2.CV_32F, 0, 1, ksize=3, scale=1 / 8)
    down = ((np.arange(h, dtype=np.float32) - h / 2) / h)[:, None]
    across = ((np.arange(w, dtype=np.float32) - w / 2) / w)[None, :]
    out = np.empty((h, w, 12), np.float32)
    out[..., 0], out[..., 1], out[..., 2] = blurred, gx, gy
    np.multiply(down, gx, out=out[..., 3])
    np.multiply(across, gy, out=out[..., 4])
    np.multiply(across, gx, out=out[..., 5])
    np.multiply(down, gy, out=out[..., 6])
    out[..., 7] = cv2.Laplacian(blurred, cv2.CV_32F, ksize=3)
    np.multiply(blurred, blurred / 255, out=out[..., 8])
    out[..., 9] = 1
    np.multiply(across, blurred, out=out[..., 10])
    np.multiply(down, blurred, out=out[..., 11])
    return out.reshape(h * w, 12)
