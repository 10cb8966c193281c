"""What is measured on a row, and how a measure becomes a decision and its confidence.

Each measure has four cut points: clearly no ≤ a < b (no) … c (yes) ≤ d
clearly yes. Between b and c the row is uncertain and goes to a person; the
confidence is 1 in the clear zones, 0.5 at b and c, and falls to 0 in the
middle of the band. Ambiguity is never decided by the machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from daihoi.scanning.omr.pen import no_hairlines
from daihoi.scanning.omr.strokes import Zones

STRAY_MM2 = (0.03, 0.06)  # pen area in a row: a speck of dust … a dot a person sees (4 px)


@dataclass(frozen=True)
class Evidence:
    """What was measured on a row (the benchmark and tests look at it)."""

    coverage: float = 0.0  # strike form: the share of the name's body struck through
    stray_mm2: float = 0.0
    agree: float = 0.0  # boxes form
    disagree: float = 0.0
    zones: Zones = Zones()
    creased: bool = False
    hidden: float = 0.0  # ink on the printed letters the print does not explain (hidden.py)
    extent: float = 0.0  # a partial strike followed along its line into the letters


def decide(value: float, cuts) -> tuple[bool, float]:
    """(yes?, confidence) for a measure against its cut points (see this module's docstring)."""
    a, b, c, d = cuts
    if value >= c:
        return True, 0.5 + 0.5 * ramp(value, c, d)
    if value <= b:
        return False, 1.0 - 0.5 * ramp(value, a, b)
    middle, half = (b + c) / 2, (c - b) / 2
    return value >= middle, min(0.499, 0.5 * abs(value - middle) / half)


def ramp(value: float, lo: float, hi: float) -> float:
    return min(1.0, max(0.0, (value - lo) / (hi - lo)))


def quiet(area_mm2: float, cuts) -> float:
    """Confidence that ``area_mm2`` of stray pen is nothing (dust, a slip of the pen)."""
    lo, hi = cuts
    if area_mm2 <= hi:
        return 1.0 - 0.5 * ramp(area_mm2, lo, hi)
    return min(0.499, 0.5 * (1 - ramp(area_mm2, hi, 3 * hi)))


def area_mm2(pen: np.ndarray, s: float) -> float:
    """Pen area in square millimetres, specks and hairlines left out."""
    if not pen.any():
        return 0.0
    return float(np.count_nonzero(no_hairlines(pen))) / (s * s)
