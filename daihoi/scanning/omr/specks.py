"""Specks a scanner sows over a whole page: dust on the glass, a sensor's salt noise.

Such a speck is a dark dot of a few pixels, and a scanner that makes them makes them
everywhere on the page, the rows included, where each one read as pen sends its row to a
person ("dot"): a page with salt noise sent two rows in three. A voter's dot is a pen's ball
turned on the paper, 0.3 mm² or more; a speck is under 0.1 mm². So the margins beside the
table, where there is no print and hardly ever pen, are looked at first: when they hold
specks at the density such a scanner leaves, every piece of ink that small is taken out of
the page's ink before the rows are read (a person looking at that page does not take them
for marks either). A page whose margins are clean is left exactly as it is: a lone speck in
a row still goes to a person.
"""

from __future__ import annotations

import cv2
import numpy as np

from daihoi.scanning.omr.reference import Reference
from daihoi.scanning.omr.types import Template

SPECK_MM2 = 0.1  # a piece of ink this small is a speck (a voter's dot is 0.3 mm² or more)
SOWN_PER_1000_MM2 = 10.0  # specks in the margins at this density: the page is sown with them
# (ordinary scans of both synthetic sets show up to 7: a crease or a bleed breaking up)
MARGIN_MM = (8.0, 2.0)  # the strips looked at: this far to this near the table's left and right


def without_specks(dark: np.ndarray, template: Template, ref: Reference) -> np.ndarray:
    """``dark`` (uint8, 255 where ink) less its specks when the page is sown with them;
    ``dark`` itself otherwise. A speck touching the print is cut where the print's slack
    ends: only what lies outside it is taken out (that is all the rows would see as pen)."""
    s = template.px(ref.dpi)
    speck_px = SPECK_MM2 * s * s
    strips = _margins(template, s, dark.shape)
    if not strips:
        return dark
    specks = sum(_specks(dark[y0:y1, x0:x1], speck_px) for x0, y0, x1, y1 in strips)
    area_mm2 = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in strips) / (s * s)
    if specks < SOWN_PER_1000_MM2 * area_mm2 / 1000:
        return dark
    outside = cv2.bitwise_and(dark, cv2.bitwise_not(ref.printed))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(outside, connectivity=8)
    speck = stats[:, cv2.CC_STAT_AREA] <= speck_px
    speck[0] = False  # the paper and the print
    cleaned = dark.copy()
    cleaned[speck[labels]] = 0
    return cleaned


def _specks(strip: np.ndarray, speck_px: float) -> int:
    count, _, stats, _ = cv2.connectedComponentsWithStats(strip, connectivity=8)
    return int((stats[1:, cv2.CC_STAT_AREA] <= speck_px).sum())


def _margins(template: Template, s: float, shape: tuple[int, int]) -> list[tuple[int, ...]]:
    """(x0, y0, x1, y1) in pixels of the strips beside the table, within the page."""
    lines = [row.line for row in template.rows]
    left = min(b.x for b in lines)
    right = max(b.x + b.w for b in lines)
    top, bottom = min(b.y for b in lines), max(b.y + b.h for b in lines)
    far, near = MARGIN_MM
    h, w = shape
    strips = []
    for x0, x1 in ((left - far, left - near), (right + near, right + far)):
        box = (
            max(0, round(x0 * s)),
            round(top * s),
            min(w, round(x1 * s)),
            min(h, round(bottom * s)),
        )
        if box[2] - box[0] >= 4 and box[3] - box[1] >= 4:
            strips.append(box)
    return strips
