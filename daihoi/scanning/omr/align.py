"""After the page is warped on its four markers: what is ink on it.

``page_tones`` measures the paper's local tone and thresholds the ink against
it, so that a lamp's unevenness or a tinted sheet does not turn paper into ink.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np

INK_DARKNESS = 0.15  # share of the way from paper to the markers' black that counts as ink
PAPER_STEP = 8  # pixels per cell of the paper-tone map
# The least full darkness a mark's darkness is measured against (grey levels): a page whose
# markers barely differ from its paper must not make every faint mark a full one.
FULL_LEAST = 30.0


@dataclass(frozen=True)
class Page:
    """The aligned scan and what is known of its tones."""

    aligned: np.ndarray  # grey uint8, on the template at the reading dpi
    dark: np.ndarray  # uint8 255 where ink (see ``dark_mask``)
    paper: np.ndarray  # local paper grey, one value per PAPER_STEP × PAPER_STEP pixels
    ink: float  # the markers' black

    def full_dark(self, paper: float) -> float:
        """The full ink's darkness against ``paper`` (the markers' black below it), never
        under ``FULL_LEAST``: what a mark's darkness is a share of."""
        return max(paper - self.ink, FULL_LEAST)

    @functools.cached_property
    def ink_mask(self) -> np.ndarray:
        """``dark`` as booleans."""
        return self.dark > 0

    def paper_at(self, x: int, y: int) -> float:
        h, w = self.paper.shape
        return float(
            self.paper[min(max(y // PAPER_STEP, 0), h - 1), min(max(x // PAPER_STEP, 0), w - 1)]
        )


def page_tones(aligned: np.ndarray, ink: float) -> Page:
    """The aligned page with its ink mask: ink is darker than the local paper tone by
    ``INK_DARKNESS`` of the way to the markers' black (a lamp's unevenness or a tinted
    sheet must not turn paper into ink)."""
    h, w = aligned.shape
    small = cv2.resize(
        aligned, None, fx=1 / PAPER_STEP, fy=1 / PAPER_STEP, interpolation=cv2.INTER_AREA
    )
    paper = cv2.GaussianBlur(cv2.dilate(small, np.ones((7, 7), np.uint8)), (0, 0), 2)
    level = paper.astype(np.float32)
    cut = level - INK_DARKNESS * np.maximum(level - ink, 30)
    cut = cv2.resize(np.clip(cut, 0, 255).astype(np.uint8), (w, h), interpolation=cv2.INTER_LINEAR)
    return Page(aligned, cv2.compare(aligned, cut, cv2.CMP_LT), paper, ink)
