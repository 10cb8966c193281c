"""Specks a scanner sows over a whole page: dust on the glass, a sensor's salt noise.

Such a speck is a dark dot of a few pixels, and a scanner that makes them makes them
everywhere on the page, the rows included, where each one read as pen sends its row to a
person ("dot"): a page with salt noise sent two rows in three. A speck is small (≤ 0.1 mm²;
the smallest pen's dot is about 0.2 mm²) and alone: the ink within 0.5 mm of it is no more
than two specks, where the pieces a crease's residue or a faint stroke breaks into lie in a
line, close together.
So the margins beside the table, where there is no print and hardly ever pen, are looked at
first: when they hold lone specks at the density such a scanner leaves, every lone speck on
the page is taken out of the ink before the rows are read (a person looking at that page
does not take them for marks either). A page whose margins hold none is left exactly as it
is: a lone speck in a row still goes to a person.
"""

from __future__ import annotations

import cv2
import numpy as np

from daihoi.scanning.omr.reference import Reference
from daihoi.scanning.omr.types import Template

SPECK_MM2 = 0.1  # a piece of ink this small is a speck (a voter's dot is 0.3 mm² or more)
# Telling a page sown: specks in the margins with no other ink within 1 mm, at this density
# (ordinary scans of both synthetic sets show up to 2.5 per 1,000 mm², 3 specks in an A5
# page's strips, where it takes 4; a crease's residue breaks into pieces closer together).
SOWN_REACH_MM, SOWN_PER_1000_MM2 = 1.0, 3.0
# Taking them out of a sown page: specks with no more than two specks' ink within 0.5 mm (salt
# falls at random, and JPEG leaves a speck a satellite or two; a stroke broken up leaves far
# more ink that near).
ALONE_MM, CLUSTER = 0.5, 2
MARGIN_MM = (8.0, 2.0)  # the strips looked at: this far to this near the table's left and right


def without_specks(dark: np.ndarray, template: Template, ref: Reference) -> np.ndarray:
    """``dark`` (uint8, 255 where ink) less its lone specks when the page is sown with them;
    ``dark`` itself otherwise. A speck touching the print is cut where the print's slack ends
    and what lies outside it is taken out (that is all the rows would see as pen); a piece
    with the slack right beside both its ends (a strike between two letters, cut short by the
    slack either side) is never taken for a speck."""
    s = template.px(ref.dpi)
    speck_px = SPECK_MM2 * s * s
    strips = _margins(template, s, dark.shape)
    if not strips:
        return dark
    reach = round(SOWN_REACH_MM * s)
    found = sum(_lone(dark[y0:y1, x0:x1], speck_px, reach, 0)[0].sum() for x0, y0, x1, y1 in strips)
    area_mm2 = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in strips) / (s * s)
    if found < SOWN_PER_1000_MM2 * area_mm2 / 1000:
        return dark
    outside = cv2.bitwise_and(dark, cv2.bitwise_not(ref.printed))
    lone, labels, stats = _lone(outside, speck_px, round(ALONE_MM * s), CLUSTER * speck_px)
    lone &= ~_between_print(stats, lone, ref.printed_sums)
    cleaned = dark.copy()
    cleaned[lone[labels]] = 0
    return cleaned


def _lone(
    ink: np.ndarray, speck_px: float, reach: int, near: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(per label of ``ink``'s pieces, True for a speck with no more than ``near`` pixels of
    ink within ``reach`` of it (0: none but its own); the labels; their stats)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    area = stats[:, cv2.CC_STAT_AREA]
    lone = area <= speck_px
    lone[0] = False  # the paper
    if not lone.any():
        return lone, labels, stats
    # The ink in each speck's box grown by ``reach``, from the integral image.
    sums = cv2.integral(cv2.compare(ink, 0, cv2.CMP_GT) // 255)
    h, w = ink.shape
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    x0, y0 = np.maximum(x - reach, 0), np.maximum(y - reach, 0)
    x1 = np.minimum(x + stats[:, cv2.CC_STAT_WIDTH] + reach, w)
    y1 = np.minimum(y + stats[:, cv2.CC_STAT_HEIGHT] + reach, h)
    around = sums[y1, x1] - sums[y0, x1] - sums[y1, x0] + sums[y0, x0]
    return lone & (around <= np.maximum(area, near)), labels, stats


def _between_print(stats: np.ndarray, pieces: np.ndarray, sums: np.ndarray) -> np.ndarray:
    """Per label, True for a piece in ``pieces`` with the print's slack within 2 px of both
    its left and its right end (over its own rows); ``sums``: the slack's integral image."""
    found = np.zeros(pieces.shape, bool)
    ids = np.flatnonzero(pieces)
    if ids.size == 0:
        return found
    h, w = sums.shape[0] - 1, sums.shape[1] - 1
    x, y, bw, bh = stats[ids, :4].T
    y1 = np.minimum(y + bh, h)

    def print_in(x0, x1):
        x0, x1 = np.clip(x0, 0, w), np.clip(x1, 0, w)
        return (sums[y1, x1] - sums[y, x1] - sums[y1, x0] + sums[y, x0]) > 0

    found[ids] = print_in(x - 2, x) & print_in(x + bw, x + bw + 2)
    return found


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
