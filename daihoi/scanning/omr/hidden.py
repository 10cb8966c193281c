"""Pen the print hides from the pen mask: ink on a name that its printed letters do not explain.

The pen mask (pen.py) leaves out everything within the print's slack, so a dot or a
short stroke drawn on the letters can vanish from it entirely (a dot of 1 mm on a
stem, a 2 mm stroke through "inh", where the letters stand closer than the slack).
A person sees it at a glance: the letters there are darker and thicker than the
same letters elsewhere.

Here the ink's *amount* is compared, not its outline. Blurring moves ink about but
keeps its sum, so the scan's darkness and the blank ballot's, both blurred well
past the scan's own blur (``BLURS``), agree wherever only print is on the paper,
whatever the page's blur, bleed or toner, once the scan's darkness is scaled to
the print's (fitted on the name itself). The reference is taken at its darkest
within ±1 px around each pixel (the rows' placement is good to about a pixel), so
misplaced print never counts as more ink. Ink left over is what the print does not
explain; its peak, as a share of the page's full ink darkness, is the measure: it is
about the hidden ink's area over the blur's area (2πσ²). The crease lines taken out
of the page's ink (creases.py) are not counted: only pixels the page's ink mask
keeps carry darkness.

Worked at half the reading resolution (the blur is far wider than a pixel): a few
small array operations per row, the reference's part built once per template.
"""

from __future__ import annotations

import cv2
import numpy as np

from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.reference import NameInk, Reference
from daihoi.scanning.omr.types import Template

# The comparison's blurs (σ across, down, mm), each wider than a scan's own blur: a round one
# for a dot, one drawn out along the line of print for a short stroke through the letters.
BLURS = ((0.5, 0.5), (1.0, 0.25))
PAD_MM = (1.0, 0.5)  # around the printed name (across, down): a dot on its first letter's edge
# Per blur, the least peak that is pen (about 0.2 mm² of ink as dark as the print, a dot 0.5 mm
# across, over the round blur's area). On a tuning-set run (2,448 clean names) the peaks stayed
# below 0.097 (round) and 0.129 (along; 2 names in 1,000 above 0.12 go to a person).
HIDDEN = (0.10, 0.12)
STEP = 2  # worked at 1/STEP of the reading resolution


def hidden_peaks(page: Page, template: Template, ref: Reference, i: int, shift, sides=None):
    """Per blur of ``BLURS``, the peak of the ink on row ``i``'s printed name that the print
    does not explain, as a share of the full ink's darkness blurred (see the module docstring),
    with where it lies: (value, (x, y) in reference pixels); () when the name is unknown or
    lies too near the page's edge. ``sides``: on a row a fold crosses, (reference y, upper
    (dx, dy), lower (dx, dy)): each side of the fold read where it lies (pen.Refold.sides),
    not both at the row's mean shift."""
    row = _row(template, ref, i)
    if row is None:
        return ()
    (x0, y0, x1, y1), (rx, ry), inner, printed = row
    dx, dy = shift.mean
    h, w = page.dark.shape
    off = lambda px, py: (  # noqa: E731
        x0 - rx + px < 0 or y0 - ry + py < 0 or x1 + rx + px > w or y1 + ry + py > h
    )
    if off(dx, dy):
        return ()
    if sides and any(off(*place) for place in sides[1:]):
        sides = None  # a side off the page: the name read at the row's mean, as it can be
    places = sides[1:] if sides else ((dx, dy),)
    paper = page.paper_at((x0 + x1) // 2 + dx, (y0 + y1) // 2 + dy)
    full = page.full_dark(paper)
    tall = y1 - y0 + 2 * ry
    split = min(max(sides[0] - (y0 - ry), 0), tall) if sides else tall  # rows above the fold
    parts, spans = [], ((0, split), (split, tall))
    for (px, py), (a, b) in zip(places, spans, strict=False):
        if a == b:
            continue
        window = np.s_[y0 - ry + py + a : y0 - ry + py + b, x0 - rx + px : x1 + rx + px]
        seen = page.aligned[window]
        dark = cv2.subtract(np.full_like(seen, int(round(paper))), seen)
        parts.append(cv2.bitwise_and(dark, page.dark[window]))
    dark = parts[0] if len(parts) == 1 else np.vstack(parts)
    small = cv2.resize(dark, None, fx=1 / STEP, fy=1 / STEP, interpolation=cv2.INTER_AREA)
    small = small.astype(np.float32)
    s = template.px(ref.dpi)
    found = []
    for (across, down), (blurred, darkest, norm) in zip(BLURS, printed, strict=True):
        scan = cv2.GaussianBlur(small, (0, 0), across * s / STEP, sigmaY=down * s / STEP)[inner]
        gain = float(np.dot(scan.ravel(), blurred.ravel())) / norm  # the scan's print vs the PDF's
        left = np.multiply(darkest, gain, dtype=np.float32)
        _, peak, _, (px, py) = cv2.minMaxLoc(np.subtract(scan, left, out=left))
        found.append((peak / full, (x0 + STEP * px + STEP // 2, y0 + STEP * py + STEP // 2)))
    return tuple(found)


def name_box(template: Template, ref: Reference, i: int):
    """Row ``i``'s printed name with the pad ``hidden_peaks`` looks within (reference pixels,
    x0, y0, x1, y1), or None where it does not look."""
    row = _row(template, ref, i)
    return None if row is None else row[0]


def _row(template: Template, ref: Reference, i: int):
    """What ``hidden_peaks`` needs of row ``i`` that no page changes, worked out once per
    template: the printed name's box with its pad (reference pixels), the rim the scan is
    blurred with, the slice that drops the rim, and per blur the reference's blurred print
    and its darkest over the name with the print's energy there; None when the name is
    unknown, lies too near the page's edge or holds no print."""
    key = ("hidden-row", ref.dpi, i)
    if key in template._cache:
        return template._cache[key]
    name, row = ref.names[i], None
    s = template.px(ref.dpi)
    # The scan is blurred with a rim as wide as the blur reaches, then the rim dropped: the
    # reference was blurred on the whole page, and a patch's own border must not add ink.
    rx, ry = (STEP * int(np.ceil(3 * max(b[k] for b in BLURS) * s / STEP)) for k in (0, 1))
    box = _box(name, s, ref.shape) if name is not None else None
    if box is not None and _inside(box, (rx, ry), ref.shape):
        x0, y0, x1, y1 = box
        # The scan's half-resolution patch: the window halved (its bounds are even).
        high, wide = (y1 - y0 + 2 * ry) // STEP, (x1 - x0 + 2 * rx) // STEP
        inner = np.s_[ry // STEP : high - ry // STEP, rx // STEP : wide - rx // STEP]
        a, b = x0 // STEP, y0 // STEP
        tall, long = high - 2 * (ry // STEP), wide - 2 * (rx // STEP)
        printed = []
        for k in range(len(BLURS)):
            blurred, widest = _reference(template, ref, k)
            here = blurred[b : b + tall, a : a + long]
            energy = float(np.dot(here.ravel(), here.ravel()))
            printed.append((here, widest[b : b + tall, a : a + long], energy))
        if all(energy > 0 for _, _, energy in printed):
            row = (box, (rx, ry), inner, tuple(printed))
    template._cache[key] = row
    return row


def _inside(box, rim, shape) -> bool:
    """Does ``box`` with its ``rim`` (x, y) lie on the page?"""
    (x0, y0, x1, y1), (rx, ry) = box, rim
    return x0 >= rx and y0 >= ry and x1 + rx <= shape[1] and y1 + ry <= shape[0]


def _box(name: NameInk, s: float, shape) -> tuple[int, int, int, int]:
    """The printed name with its pad, on the half-resolution grid (even bounds)."""
    across, down = round(PAD_MM[0] * s), round(PAD_MM[1] * s)
    x0, y0 = max(0, name.x0 - across) // STEP * STEP, max(0, name.y0 - down) // STEP * STEP
    x1 = min(shape[1], name.x1 + across) // STEP * STEP
    y1 = min(shape[0], name.y1 + down) // STEP * STEP
    return x0, y0, x1, y1


def _reference(template: Template, ref: Reference, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The blank ballot's darkness blurred by ``BLURS[k]`` as the scan's is, at half resolution,
    and the same at its darkest within ±1 px (built once per template and resolution)."""
    key = ("hidden", ref.dpi, k)
    if key not in template._cache:
        across, down = BLURS[k]
        dark = cv2.subtract(np.full_like(ref.grey, 255), ref.grey)
        s = template.px(ref.dpi)
        small = cv2.resize(dark, None, fx=1 / STEP, fy=1 / STEP, interpolation=cv2.INTER_AREA)
        small = small.astype(np.float32)
        blurred = cv2.GaussianBlur(small, (0, 0), across * s / STEP, sigmaY=down * s / STEP)
        full = cv2.GaussianBlur(dark.astype(np.float32), (0, 0), across * s, sigmaY=down * s)
        widest = cv2.dilate(full, np.ones((3, 3), np.uint8))
        widest = cv2.resize(widest, blurred.shape[::-1], interpolation=cv2.INTER_AREA)
        template._cache[key] = (blurred, widest)
    return template._cache[key]
