"""What happens to the sheet between the voter and the scanner: folds with their creases and a
displaced side, ink bleeding, a thumb's smudge, a staple (see ``conditions.py`` for the ranges).

Everything works in place on the paper image (grey uint8, 255 = white) at ``dpi``, before the
scanner's own distortions (``scanner.simulate_scan``)."""

from __future__ import annotations

import math

import cv2
import numpy as np

from daihoi.scanning.synthetic.conditions import Conditions


def fold(image: np.ndarray, rng: np.random.Generator, c: Conditions, dpi: int) -> list[float]:
    """Fold the sheet in halves or thirds across its length: a crease across the whole page at
    each fold (a thin shadow beside a thin highlight, slightly off square), and the part below
    each crease lying a little off the part above (0–``fold_shift`` mm). Returns the creases'
    heights in mm (at the left edge)."""
    s = dpi / 25.4
    h, w = image.shape
    parts = 3 if rng.random() < c.thirds_rate else 2
    creases = []
    for k in range(1, parts):
        y_mm = h / s * k / parts + rng.uniform(-6, 6)
        slope = math.tan(math.radians(rng.uniform(-0.6, 0.6)))
        _displace_below(image, rng, y_mm * s, slope, c.fold_shift, s)
        _crease(image, rng, y_mm * s, slope, c, s)
        creases.append(y_mm)
    if parts == 2 and rng.random() < 0.3:  # folded again across: a crease down the page
        x = w / 2 + rng.uniform(-6, 6) * s
        turned = np.ascontiguousarray(image.T)
        _crease(turned, rng, x, math.tan(math.radians(rng.uniform(-0.6, 0.6))), c, s)
        image[:] = turned.T
    return creases


def _below(shape, y: float, slope: float) -> np.ndarray:
    h, w = shape
    xs = np.arange(w, dtype=np.float32)
    ys = np.arange(h, dtype=np.float32)[:, None]
    return ys > y + slope * xs[None, :]


def _displace_below(image, rng, y: float, slope: float, shift_mm, s: float) -> None:
    """The part of the sheet below the crease moved by up to ``shift_mm`` in a random direction."""
    size = rng.uniform(*shift_mm) * s
    angle = rng.uniform(0, 2 * math.pi)
    dx, dy = size * math.cos(angle), size * math.sin(angle)
    h, w = image.shape
    moved = cv2.warpAffine(
        image,
        np.float32([[1, 0, dx], [0, 1, dy]]),
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    mask = _below(image.shape, y, slope)
    image[mask] = moved[mask]


def _crease(image, rng, y: float, slope: float, c: Conditions, s: float) -> None:
    """A crease's shadow (darker) and its ridge's highlight beside it, across the whole width,
    uneven along its length."""
    h, w = image.shape
    width = max(1.0, rng.uniform(*c.crease_width) * s)
    dark = rng.uniform(*c.crease_dark)
    xs = np.arange(w, dtype=np.float32)
    centre = y + slope * xs + np.cumsum(rng.normal(0, 0.02, w)).astype(np.float32)
    strength = 0.6 + 0.4 * np.abs(np.sin(xs / rng.uniform(40, 200) + rng.uniform(0, 6)))
    top = max(0, int(centre.min() - 4 * width - 4))
    bottom = min(h, int(centre.max() + 4 * width + 4))
    if bottom <= top:
        return
    ys = np.arange(top, bottom, dtype=np.float32)[:, None]
    d = (ys - centre[None, :]) / width
    shadow = dark * strength[None, :] * np.exp(-0.5 * d * d)
    light = 0.4 * dark * strength[None, :] * np.exp(-0.5 * (d + 1.6) ** 2)
    band = image[top:bottom].astype(np.float32) - shadow + light
    image[top:bottom] = np.clip(band, 0, 255).astype(np.uint8)


def bleed(marked: np.ndarray, clean: np.ndarray, rng, c: Conditions, dpi: int) -> None:
    """The pen's ink spread into the paper's fibres: every pen mark on ``marked`` (``clean``
    is the same sheet before the pen) grown by a soft halo, in place."""
    ink = np.clip(clean.astype(np.float32) - marked.astype(np.float32), 0, 255)
    sigma = rng.uniform(*c.bleed_sigma) * dpi / 25.4
    halo = cv2.GaussianBlur(ink, (0, 0), sigma) * 1.3
    spread = np.maximum(ink, halo)
    marked[:] = np.clip(clean.astype(np.float32) - spread, 0, 255).astype(np.uint8)


def smudge(image: np.ndarray, rng, c: Conditions, dpi: int) -> None:
    """A faint grey thumb-print somewhere on the sheet (a soft oval, 8–20 mm)."""
    s = dpi / 25.4
    h, w = image.shape
    cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(0.15, 0.9) * h
    a, b = rng.uniform(4, 10) * s, rng.uniform(3, 7) * s
    reach = int(2 * max(a, b)) + 1
    x0, x1 = max(0, int(cx) - reach), min(w, int(cx) + reach)
    y0, y1 = max(0, int(cy) - reach), min(h, int(cy) + reach)
    ys, xs = np.ogrid[y0:y1, x0:x1]
    t = rng.uniform(0, math.pi)
    u = ((xs - cx) * math.cos(t) + (ys - cy) * math.sin(t)) / a
    v = (-(xs - cx) * math.sin(t) + (ys - cy) * math.cos(t)) / b
    r2 = u * u + v * v
    patch = image[y0:y1, x0:x1]
    near = r2 < 4
    dark = rng.uniform(*c.smudge_dark) * np.exp(-r2[near] * 1.2)
    patch[near] = np.clip(patch[near] - dark, 0, 255).astype(np.uint8)


def staple(image: np.ndarray, rng, dpi: int) -> None:
    """A staple (or its two holes) in the top margin, away from the corner markers."""
    s = dpi / 25.4
    h, w = image.shape
    x = rng.uniform(0.3, 0.7) * w
    y = rng.uniform(3, 6) * s
    length = rng.uniform(10, 13) * s
    angle = math.radians(rng.uniform(-20, 20))
    dx, dy = math.cos(angle) * length / 2, math.sin(angle) * length / 2
    p, q = (round(x - dx), round(y - dy)), (round(x + dx), round(y + dy))
    if rng.random() < 0.6:
        cv2.line(image, p, q, int(rng.uniform(40, 90)), max(2, round(0.6 * s)), cv2.LINE_AA)
    else:  # taken out: two small holes
        for point in (p, q):
            cv2.circle(image, point, max(1, round(0.35 * s)), int(rng.uniform(30, 80)), -1)
