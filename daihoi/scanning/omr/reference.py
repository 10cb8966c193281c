"""The blank ballot as the reader expects to see it, at the reading resolution.

With the ballot's PDF (``Template.pdf``) the reference is the real page rendered
by PDFium: every printed glyph is known, so after alignment the pen is what the
scan has and the reference has not. Without it the reference is drawn from the
geometry alone (markers, QR square, ruled lines, boxes): the names' glyphs are
unknown, so the strike-through form falls back to stroke geometry and the
check for writing outside the rows is skipped (see ``Reference.exact``).

Built once per template and resolution and cached on the template.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np

from daihoi.scanning.omr.pages import open_pdf, render_pdf_page
from daihoi.scanning.omr.types import Box, Template

PRINT_DARK = 200  # a reference pixel darker than this is printed ink (white 255)
SLACK_PX_AT_200 = 2  # printed ink grows by this many pixels (alignment, blur, toner)
PAGE_SLACK_PX_AT_200 = 5  # outside the rows, where no local refinement is done
SEAL_OVERHANG_MM = 10.0  # a round seal (up to ~40 mm) stamped over the stamp box spills out
STRIKE_OVERRUN_MM = 6.0  # a strike may run on past the end of its row
BODY_SHARE = 0.6  # a row of print in the letters' bodies holds this share of the darkest row's ink


@dataclass(frozen=True)
class NameInk:
    """Where the printed name lies in its strip, in reference pixels (end exclusive), and its
    body: the band between the x-height line and the baseline, where the letters' bodies make
    the line of print darkest (accents above it, descenders and dots below)."""

    x0: int
    x1: int
    y0: int
    y1: int
    top: int = 0  # x-height line
    base: int = 0  # baseline (first row below the bodies)

    @property
    def x_height(self) -> int:
        return max(1, self.base - self.top)


@dataclass(frozen=True)
class Reference:
    dpi: int
    grey: np.ndarray  # the blank page (uint8, 255 = paper)
    printed: np.ndarray  # uint8 255 where print may appear within SLACK of the rows' refinement
    paper: np.ndarray  # bool, the opposite of ``printed``: where pen can be seen
    printed_page: np.ndarray  # the same with the larger page slack
    names: tuple[NameInk | None, ...]  # per template row (None when unknown)
    watch: np.ndarray | None  # uint8 255 where ink means writing outside the rows (exact only)
    exact: bool  # True when rendered from the ballot PDF

    @property
    def shape(self) -> tuple[int, int]:
        return self.grey.shape

    @functools.cached_property
    def printed_sums(self) -> np.ndarray:
        """The integral image of ``printed`` (1 where print may lie): how much print lies in
        any box, in four look-ups (specks.py asks it of every speck on a sown page)."""
        return cv2.integral(cv2.compare(self.printed, 0, cv2.CMP_GT) // 255)

    @functools.cached_property
    def watch_box(self) -> tuple[int, int, int, int]:
        """x0, y0, x1, y1 (end exclusive) around ``watch`` with 2 pixels of margin (within
        the page): outside it nothing is watched."""
        x, y, w, h = cv2.boundingRect(self.watch) if self.watch is not None else (0, 0, 0, 0)
        height, width = self.shape
        return max(0, x - 2), max(0, y - 2), min(width, x + w + 2), min(height, y + h + 2)


def reference_for(template: Template, dpi: int) -> Reference:
    """The cached reference of ``template`` at ``dpi``."""
    key = ("reference", dpi)
    found = template._cache.get(key)
    if found is None:
        found = _build(template, dpi)
        template._cache[key] = found
    return found


def box_px(box: Box, s: float) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 pixel bounds of a millimetre box at ``s`` px/mm (end exclusive)."""
    return (
        round(box.x * s),
        round(box.y * s),
        round((box.x + box.w) * s),
        round((box.y + box.h) * s),
    )


def _build(template: Template, dpi: int) -> Reference:
    if template.pdf is not None:
        grey = _render(template, dpi)
        exact = True
    else:
        grey = _draw_geometry(template, dpi)
        exact = False
    ink = cv2.compare(grey, PRINT_DARK, cv2.CMP_LT)
    slack = max(1, round(SLACK_PX_AT_200 * dpi / 200))
    page_slack = max(slack, round(PAGE_SLACK_PX_AT_200 * dpi / 200))
    printed = cv2.dilate(ink, _disc(slack))
    printed_page = cv2.dilate(ink, _disc(page_slack))
    s = template.px(dpi)
    names = tuple(_name_ink(ink, row.name, s) if exact else None for row in template.rows)
    watch = _watch(template, printed_page, s) if exact else None
    for array in (grey, printed, printed_page):
        array.flags.writeable = False
    paper = printed == 0
    paper.flags.writeable = False
    return Reference(dpi, grey, printed, paper, printed_page, names, watch, exact)


def _render(template: Template, dpi: int) -> np.ndarray:
    doc = open_pdf(template.pdf, "mẫu phiếu")
    try:
        grey = render_pdf_page(doc, 0, dpi)
    finally:
        doc.close()
    expected = template.page_shape(dpi)
    if abs(grey.shape[0] - expected[0]) > 2 or abs(grey.shape[1] - expected[1]) > 2:
        raise ValueError(
            f"the template's PDF is {grey.shape[1]}×{grey.shape[0]} px at {dpi} dpi, "
            f"the layout says {expected[1]}×{expected[0]}: not the same ballot"
        )
    if grey.shape != expected:
        grey = cv2.resize(grey, expected[::-1], interpolation=cv2.INTER_AREA)
    return grey


def _draw_geometry(template: Template, dpi: int) -> np.ndarray:
    """What the layout alone tells: markers, a solid QR square, row rules and boxes."""
    s = template.px(dpi)
    grey = np.full(template.page_shape(dpi), 255, np.uint8)
    half = template.marker_size / 2
    for cx, cy in template.markers:
        x0, y0, x1, y1 = box_px(Box(cx - half, cy - half, 2 * half, 2 * half), s)
        grey[y0:y1, x0:x1] = 0
    x0, y0, x1, y1 = box_px(template.qr, s)
    grey[y0:y1, x0:x1] = 0
    thick = max(2, round(0.5 * s))  # wider than the printed rules: their exact pixels are unknown
    for row in template.rows:
        for box in (row.line, row.agree, row.disagree):
            if box is not None:
                x0, y0, x1, y1 = box_px(box, s)
                cv2.rectangle(grey, (x0, y0), (x1, y1), 0, thick)
        x0 = box_px(row.name, s)[0]
        cv2.line(grey, (x0, box_px(row.line, s)[1]), (x0, box_px(row.line, s)[3]), 0, thick)
    return grey


def _name_ink(ink: np.ndarray, strip: Box, s: float) -> NameInk | None:
    x0, y0, x1, y1 = box_px(strip, s)
    patch = ink[y0:y1, x0:x1]
    cols = np.flatnonzero(patch.any(axis=0))
    rows = np.flatnonzero(patch.any(axis=1))
    if cols.size == 0:
        return None
    profile = np.count_nonzero(patch, axis=1)
    body = np.flatnonzero(profile >= BODY_SHARE * profile.max())
    return NameInk(
        x0 + int(cols[0]),
        x0 + int(cols[-1]) + 1,
        y0 + int(rows[0]),
        y0 + int(rows[-1]) + 1,
        y0 + int(body[0]),
        y0 + int(body[-1]) + 1,
    )


def _watch(template: Template, printed_page: np.ndarray, s: float) -> np.ndarray:
    """Paper inside the markers' frame that no row, seal or code covers and no print is near."""
    watch = np.zeros_like(printed_page)
    (left, top), (right, bottom) = template.markers[0], template.markers[3]
    half = template.marker_size / 2
    frame = Box(left - half, top - half, right - left + 2 * half, bottom - top + 2 * half)
    x0, y0, x1, y1 = box_px(frame, s)
    watch[y0:y1, x0:x1] = 255  # the markers themselves are print, removed below
    # A pen mark on a row's border belongs to the row, and a strike may run on past the
    # row's end; the seal is wider than its box.
    spared = [(template.qr, 1.0, 1.0)] + [(r.line, STRIKE_OVERRUN_MM, 1.0) for r in template.rows]
    if template.stamp is not None:
        spared.append((template.stamp, SEAL_OVERHANG_MM, SEAL_OVERHANG_MM))
    for box, across, down in spared:
        grown = Box(box.x - across, box.y - down, box.w + 2 * across, box.h + 2 * down)
        bx0, by0, bx1, by1 = box_px(grown, s)
        watch[max(by0, 0) : by1, max(bx0, 0) : bx1] = 0
    watch[printed_page > 0] = 0
    return watch


def _disc(radius: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
