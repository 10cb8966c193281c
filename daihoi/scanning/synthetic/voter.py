"""What a voter draws on the ballot: strikes, crosses and ticks in one pen, the
committee's seal, a scribble outside the rows (see ``daihoi.scanning.synthetic``)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import cv2
import numpy as np

from daihoi.rules.ballots import Form
from daihoi.scanning.omr.reference import SEAL_OVERHANG_MM, STRIKE_OVERRUN_MM
from daihoi.scanning.omr.types import Box, Mark, Template

STRIKES = ("straight", "straight", "straight", "slanted", "wavy", "double", "partial", "zigzag")
TICKS = ("cross", "cross", "cross", "tick", "slash")
# Pens as a scanner's grey conversion sees them (luma of the ink's colour) and their nib.
PENS = (
    ("blue ballpoint", 52, (0.35, 0.6), 0.45),
    ("black ballpoint", 35, (0.35, 0.6), 0.25),
    ("black felt pen", 25, (0.6, 0.9), 0.1),
    ("red ballpoint", 78, (0.35, 0.6), 0.05),
    ("pencil", 105, (0.3, 0.5), 0.15),
)


class _Pen:
    def __init__(self, rng: np.random.Generator):
        weights = np.array([p[3] for p in PENS])
        self.name, self.ink, widths, _ = PENS[rng.choice(len(PENS), p=weights / weights.sum())]
        self.width = rng.uniform(*widths)  # mm
        self.pressure = rng.uniform(0.75, 1.0) if self.name == "pencil" else rng.uniform(0.85, 1.0)
        self.rng = rng

    def stroke(self, image: np.ndarray, points_mm: np.ndarray, s: float) -> None:
        """Draw one stroke through ``points_mm`` (N×2) in place: pressure rises, holds, fades."""
        pts = _resample(points_mm, 0.25) * s
        n = len(pts)
        fade = np.minimum(1, np.minimum(np.arange(n) + 1, n - np.arange(n)) / max(2, n * 0.08))
        wobble = 1 + 0.15 * np.sin(
            np.linspace(0, self.rng.uniform(2, 9), n) + self.rng.uniform(0, 6)
        )
        opacity = np.clip(self.pressure * (0.55 + 0.45 * fade) * wobble, 0.2, 1)
        width = np.maximum(0.15 * s, self.width * s * (0.7 + 0.3 * fade) * wobble)
        pad = int(width.max()) + 3
        x0, y0 = np.floor(pts.min(axis=0)).astype(int) - pad
        x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + pad
        x0, y0 = max(x0, 0), max(y0, 0)
        x1, y1 = min(x1, image.shape[1]), min(y1, image.shape[0])
        if x1 <= x0 or y1 <= y0:
            return
        up = 4  # supersampling for soft edges and sub-pixel widths
        cover = np.zeros(((y1 - y0) * up, (x1 - x0) * up), np.uint8)
        local = ((pts - (x0, y0)) * up * 16).round().astype(np.int32)
        for i in range(n - 1):
            value = int(255 * opacity[i])
            thick = max(1, int(round(width[i] * up)))
            cv2.line(cover, tuple(local[i]), tuple(local[i + 1]), value, thick, cv2.LINE_8, shift=4)
        alpha = (
            cv2.resize(cover, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA).astype(np.float32)
            / 255
        )
        if self.name == "pencil":  # graphite leaves grain
            alpha *= self.rng.uniform(0.55, 1.0, alpha.shape).astype(np.float32)
        patch = image[y0:y1, x0:x1].astype(np.float32)
        patch *= 1 - alpha * (1 - self.ink / 255)
        image[y0:y1, x0:x1] = np.clip(patch, 0, 255).astype(np.uint8)


def _resample(points: np.ndarray, step: float) -> np.ndarray:
    seg = np.linalg.norm(np.diff(points, axis=0), axis=1)
    dist = np.concatenate([[0], np.cumsum(seg)])
    count = max(2, int(dist[-1] / step) + 1)
    at = np.linspace(0, dist[-1], count)
    return np.stack([np.interp(at, dist, points[:, 0]), np.interp(at, dist, points[:, 1])], axis=1)


def _tremor(rng, count: int, amplitude: float) -> np.ndarray:
    """A hand's small, smooth wander (mm)."""
    knots = rng.normal(0, amplitude, max(4, count // 40))
    return np.interp(np.linspace(0, len(knots) - 1, count), np.arange(len(knots)), knots)


def name_extent(image: np.ndarray, strip: Box, s: float) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 (mm) of the printed name inside its strip on a clean ``image``."""
    x0, y0 = round(strip.x * s), round(strip.y * s)
    patch = image[y0 : round((strip.y + strip.h) * s), x0 : round((strip.x + strip.w) * s)] < 160
    cols, rows = np.flatnonzero(patch.any(axis=0)), np.flatnonzero(patch.any(axis=1))
    if cols.size == 0:
        return strip.x, strip.x + strip.w, strip.y, strip.y + strip.h
    return (
        (x0 + cols[0]) / s,
        (x0 + cols[-1] + 1) / s,
        (y0 + rows[0]) / s,
        (y0 + rows[-1] + 1) / s,
    )


def _span(rng, shape: str, tx0: float, tx1: float) -> tuple[float, float]:
    """Where the pen starts and stops (mm): past both ends of the name, or over one end only."""
    share = {"partial": (0.55, 0.95), "ambiguous": (0.05, 0.3)}.get(shape)
    if share is None:
        return tx0 - rng.uniform(-0.3, 5), tx1 + rng.uniform(-0.3, 6)
    cover = rng.uniform(*share) * (tx1 - tx0)
    overshoot = rng.uniform(0, 3) if shape == "partial" else rng.uniform(1, 4)
    return (tx0 - overshoot, tx0 + cover) if rng.random() < 0.5 else (tx1 - cover, tx1 + overshoot)


def _strike(rng, shape: str, line: Box, extent) -> list[np.ndarray]:
    """Strokes (mm) for a strike of ``shape`` across the name ``extent`` in row ``line``."""
    tx0, tx1, ty0, ty1 = extent
    mid = (ty0 + ty1) / 2 + rng.uniform(-0.15, 0.15) * (ty1 - ty0)
    room = min(mid - line.y, line.y + line.h - mid) - 0.4
    if shape == "tick_beside":
        cx = min(tx1 + rng.uniform(2, 10), line.x + line.w - 2.5)  # still in the row
        return [np.array([[cx - 1.2, mid - 0.3], [cx - 0.4, mid + 0.9], [cx + 1.5, mid - 1.5]])]
    a, b = _span(rng, shape, tx0, tx1)
    x = np.linspace(a, b, max(8, int((b - a) * 4)))
    t = (x - a) / max(b - a, 1e-6)
    tilt = math.tan(math.radians(rng.uniform(-1.5, 1.5))) * (x - x.mean())
    y = mid + tilt + rng.uniform(-0.4, 0.4) * 4 * t * (1 - t) + _tremor(rng, len(x), 0.08)
    if shape == "slanted":
        rise = rng.uniform(0.5, 1.0) * room * rng.choice([-1, 1])
        y = mid + rise * (2 * t - 1) + _tremor(rng, len(x), 0.08)
    elif shape == "wavy":
        y = y + rng.uniform(0.3, 0.7) * room * np.sin(2 * math.pi * (x - a) / rng.uniform(3, 8))
    elif shape == "zigzag":
        phase = 2 * math.pi * (x - a) / rng.uniform(3, 7)
        y = mid + rng.uniform(0.4, 0.8) * room * (2 / math.pi) * np.arcsin(np.sin(phase))
    stroke = np.stack([x, np.clip(y, line.y + 0.3, line.y + line.h - 0.3)], axis=1)
    if shape == "double":
        gap = rng.uniform(0.7, 1.6)
        return [stroke + (0, -gap / 2), stroke + (0, gap / 2)]
    return [stroke]


def _box_mark(rng, shape: str, box: Box) -> list[np.ndarray]:
    """Strokes (mm) for a mark of ``shape`` in (or, ambiguously, near) ``box``."""
    side = box.w * rng.uniform(0.75, 1.25)
    cx = box.x + box.w / 2 + rng.uniform(-0.1, 0.1) * box.w
    cy = box.y + box.h / 2 + rng.uniform(-0.1, 0.1) * box.h
    if shape == "ambiguous_outside":  # beside the box, in its cell, touching it at most
        cx += rng.choice([-1, 1]) * box.w * rng.uniform(0.9, 1.1)
        side = box.w * 0.7
    h = side / 2
    if shape == "ambiguous_dot":  # a blot or a short nick inside the box
        length = rng.uniform(1.0, 1.8)
        return [np.array([[cx - length / 2, cy], [cx + length / 2, cy + rng.uniform(-0.4, 0.4)]])]
    if shape == "tick":
        return [np.array([[cx - h, cy], [cx - h * 0.3, cy + h * 0.8], [cx + h, cy - h]])]
    if shape == "slash":
        return [np.array([[cx - h, cy + h], [cx + h, cy - h]])]
    jitter = rng.uniform(-0.08, 0.08, 4) * side
    return [
        np.array([[cx - h + jitter[0], cy - h], [cx + h, cy + h + jitter[1]]]),
        np.array([[cx + h + jitter[2], cy - h], [cx - h, cy + h + jitter[3]]]),
    ]


def draw_marks(
    image,
    template: Template,
    marks: Mapping[int, Mark],
    rng: np.random.Generator,
    *,
    dpi: int = 200,
    style=None,
) -> np.ndarray:
    """A copy of the clean ``image`` with a voter's ``marks`` drawn in one pen.

    ``style``: None (a shape drawn at random per row), one shape name for every
    row in ``marks``, or a mapping position → shape; an ambiguous shape is drawn
    whatever the row's mark. Strike shapes: straight, slanted,
    wavy, double, partial, zigzag, and the ambiguous "ambiguous" (a short
    stroke at one end) and "tick_beside". Box shapes: cross, tick, slash, and the
    ambiguous "ambiguous_dot" and "ambiguous_outside".
    """
    out = image.copy()
    s = dpi / 25.4
    pen = _Pen(rng)
    for row in template.rows:
        shape = style.get(row.position) if isinstance(style, Mapping) else style
        mark = marks.get(row.position)
        for stroke in _row_strokes(rng, template.form, row, mark, shape, image, s):
            pen.stroke(out, stroke, s)
    return out


def _row_strokes(rng, form, row, mark, shape, image, s) -> list[np.ndarray]:
    if mark is None:  # a row the caller gave no mark: left as printed
        return []
    if form is Form.STRIKE_THROUGH:
        if mark is not Mark.STRUCK and shape not in ("ambiguous", "tick_beside"):
            return []
        return _strike(
            rng, shape or str(rng.choice(STRIKES)), row.line, name_extent(image, row.name, s)
        )
    chosen = []
    if mark in (Mark.AGREE, Mark.BOTH):
        chosen.append(row.agree)
    if mark in (Mark.DISAGREE, Mark.BOTH):
        chosen.append(row.disagree)
    if shape and shape.startswith("ambiguous") and not chosen:
        chosen.append(row.agree if rng.random() < 0.5 else row.disagree)
    strokes = []
    for box in chosen:
        strokes += _box_mark(rng, shape or str(rng.choice(TICKS)), box)
    return strokes


def draw_seal(
    image: np.ndarray, template: Template, rng: np.random.Generator, *, dpi: int = 200
) -> None:
    """Stamp the convening committee's round red seal over the stamp box (in place), as every
    issued ballot carries: rings, a star and a band of lettering, often faint or off-centre."""
    if template.stamp is None:
        return
    s = dpi / 25.4
    box = template.stamp
    cx = box.x + box.w / 2 + rng.uniform(-3, 3)
    cy = box.y + box.h / 2 + rng.uniform(-2, 2)
    radius = rng.uniform(15, 18)
    ink = np.zeros(image.shape, np.uint8)
    centre = (round(cx * s * 16), round(cy * s * 16))
    for r, width in ((radius, 0.8), (radius - 4.5, 0.4)):
        cv2.circle(ink, centre, round(r * s * 16), 255, max(1, round(width * s)), cv2.LINE_AA, 4)
    star = [
        (
            cx + 3 * math.cos(a) * (1 if k % 2 == 0 else 0.4),
            cy + 3 * math.sin(a) * (1 if k % 2 == 0 else 0.4),
        )
        for k, a in enumerate(np.linspace(-math.pi / 2, 1.5 * math.pi, 11)[:-1])
    ]
    cv2.fillPoly(ink, [np.round(np.array(star) * s * 16).astype(np.int32)], 255, cv2.LINE_AA, 4)
    for angle in np.linspace(0, 2 * math.pi, 40, endpoint=False) + rng.uniform(0, 0.1):
        r = radius - 2.2
        x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        cv2.circle(
            ink,
            (round(x * s * 16), round(y * s * 16)),
            round(0.6 * s * 16),
            255,
            max(1, round(0.3 * s)),
            cv2.LINE_AA,
            4,
        )
    strength = rng.uniform(0.45, 0.9) * (1 - 82 / 255)  # red ink seen in grey
    alpha = ink.astype(np.float32) / 255 * strength
    alpha *= rng.uniform(0.6, 1.0, alpha.shape).astype(np.float32)  # an uneven pad
    image[:] = np.clip(image.astype(np.float32) * (1 - alpha), 0, 255).astype(np.uint8)


def draw_writing(
    image: np.ndarray, template: Template, rng: np.random.Generator, *, dpi: int = 200
) -> bool:
    """Scribble a few handwritten-looking words on blank paper outside the rows, the seal
    and the code (in place).

    Returns False when no blank spot was found (nothing drawn)."""
    s = dpi / 25.4
    (left, top), (right, bottom) = template.markers[0], template.markers[3]
    w, h = rng.uniform(12, 30), rng.uniform(3, 6)
    run = STRIKE_OVERRUN_MM  # where a strike may run on past its row
    taken = [Box(r.line.x - run, r.line.y, r.line.w + 2 * run, r.line.h) for r in template.rows]
    taken.append(template.qr)
    if template.stamp is not None:  # where the seal may be, which the reader leaves alone
        b, pad = template.stamp, SEAL_OVERHANG_MM
        taken.append(Box(b.x - pad, b.y - pad, b.w + 2 * pad, b.h + 2 * pad))
    for _ in range(300):
        x, y = rng.uniform(left + 5, right - 5 - w), rng.uniform(top + 5, bottom - 5 - h)
        if any(_overlap(Box(x - 2, y - 2, w + 4, h + 4), box) for box in taken):
            continue
        patch = image[
            int((y - 2) * s) : int((y + h + 2) * s), int((x - 2) * s) : int((x + w + 2) * s)
        ]
        if patch.size and patch.min() > 200:
            xs = np.linspace(x, x + w, int(w * 6))
            ys = y + h / 2 + h / 2 * np.sin(xs * rng.uniform(2, 4)) * rng.uniform(0.5, 1, xs.size)
            _Pen(rng).stroke(image, np.stack([xs, ys], axis=1), s)
            return True
    return False


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h
