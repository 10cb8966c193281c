"""What real voters draw besides clean strikes: underlines, circles, ovals and loops around a
name, dots and short strokes, names scribbled out, a second lighter pen (ranges in
``conditions.py``). ``draw_ballot`` draws a whole voter's ballot under a set's conditions."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from daihoi.rules.ballots import Form
from daihoi.scanning.omr.types import Box, Mark, Template
from daihoi.scanning.synthetic.conditions import Conditions
from daihoi.scanning.synthetic.voter import STRIKES, _Pen, _row_strokes, _strike, _tremor

# Marks a person must decide (the reader never decides them): the truth's "ambiguous" kinds.
OTHER_MARKS = ("underline", "circle", "oval", "loop", "dot", "short")


def name_body(image: np.ndarray, strip: Box, s: float) -> tuple[float, float, float, float]:
    """x0, x1, x-height line, baseline (mm) of the printed name in ``strip`` of a clean image:
    the rows where the letters' bodies make the line of print darkest."""
    x0, y0 = round(strip.x * s), round(strip.y * s)
    patch = image[y0 : round((strip.y + strip.h) * s), x0 : round((strip.x + strip.w) * s)] < 160
    cols = np.flatnonzero(patch.any(axis=0))
    profile = patch.sum(axis=1)
    if cols.size == 0:
        return strip.x, strip.x + strip.w, strip.y + strip.h / 3, strip.y + 2 * strip.h / 3
    body = np.flatnonzero(profile >= 0.6 * profile.max())
    return (x0 + cols[0]) / s, (x0 + cols[-1] + 1) / s, (y0 + body[0]) / s, (y0 + body[-1] + 1) / s


def other_mark(rng, kind: str, line: Box, body, c: Conditions) -> list[np.ndarray]:
    """Strokes (mm) of a mark that is not a strike, on the name ``body`` in row ``line``."""
    x0, x1, top, base = body
    width = x1 - x0
    inside = (line.y + 0.35, line.y + line.h - 0.35)
    if kind == "underline":
        y = base + rng.uniform(*c.underline_depth)
        a, b = x0 - rng.uniform(-0.1, 0.2) * width, x1 + rng.uniform(-0.1, 0.15) * width
        xs = np.linspace(a, b, max(8, int((b - a) * 4)))
        tilt = math.tan(math.radians(rng.uniform(-1.0, 1.0))) * (xs - xs.mean())
        ys = np.clip(y + tilt + _tremor(rng, len(xs), 0.06), base + 0.15, inside[1])
        return [np.stack([xs, ys], axis=1)]
    if kind in ("circle", "oval", "loop"):
        margin = rng.uniform(*c.circle_margin)
        cx, cy = (x0 + x1) / 2 + rng.uniform(-1, 1), (top + base) / 2 + rng.uniform(-0.3, 0.3)
        rx = width / 2 + margin
        ry = min(cy - inside[0], inside[1] - cy) * (rng.uniform(0.8, 1.0) if kind == "oval" else 1)
        turns = rng.uniform(1.05, 1.25) if kind == "loop" else rng.uniform(0.95, 1.1)
        t = np.linspace(0, 2 * math.pi * turns, 240) + rng.uniform(0, 2 * math.pi)
        grow = 1 + (rng.uniform(0.02, 0.1) if kind == "loop" else 0.0) * t / t[-1]
        xs = cx + rx * grow * np.cos(t)
        ys = np.clip(cy + ry * grow * np.sin(t) + _tremor(rng, len(t), 0.05), *inside)
        return [np.stack([xs, ys], axis=1)]
    if kind == "dot":
        cx = rng.uniform(x0 - 3, x1 + 3)
        cy = rng.uniform(top - 0.5, base + 1.0)
        r = rng.uniform(0.3, 0.6)
        t = np.linspace(0, 4 * math.pi, 30)
        return [np.stack([cx + r * np.cos(t) * t / t[-1], cy + r * np.sin(t) * t / t[-1]], 1)]
    # "short": a short stroke through the body at one end or in the middle of the name
    length = rng.uniform(*c.short_share) * width
    a = rng.uniform(x0 - 1, x1 - length)
    y = (top + base) / 2 + rng.uniform(-0.3, 0.3) * (base - top)
    xs = np.linspace(a, a + length, max(4, int(length * 4)))
    return [np.stack([xs, y + _tremor(rng, len(xs), 0.05)], axis=1)]


def scribble(rng, line: Box, body) -> list[np.ndarray]:
    """A name scribbled out: a dense back-and-forth over the whole name."""
    x0, x1, top, base = body
    lo, hi = max(line.y + 0.4, top - 0.8), min(line.y + line.h - 0.4, base + 0.8)
    xs = np.linspace(x0 - rng.uniform(0, 2), x1 + rng.uniform(0, 2), 600)
    period = rng.uniform(0.8, 1.6)
    ys = (lo + hi) / 2 + (hi - lo) / 2 * np.sin(2 * math.pi * xs / period)
    return [np.stack([xs, ys + _tremor(rng, len(xs), 0.08)], axis=1)]


def struck_in_body(rng, shape: str, line: Box, body, c: Conditions) -> list[np.ndarray]:
    """A strike of ``shape`` whose centre lies within ``strike_offset`` of the body's middle."""
    x0, x1, top, base = body
    mid = (top + base) / 2 + rng.uniform(-1, 1) * c.strike_offset * (base - top)
    return _strike(rng, shape, line, (x0, x1, mid, mid))


def draw_ballot(
    paper: np.ndarray,
    template: Template,
    marks: Mapping[int, Mark],
    rng: np.random.Generator,
    c: Conditions,
    *,
    dpi: int = 200,
) -> tuple[np.ndarray, dict[int, str]]:
    """A copy of ``paper`` with a voter's ``marks`` drawn under conditions ``c``, and the rows
    given a mark that is not a strike (position → kind): a person decides those."""
    s = dpi / 25.4
    out = paper.copy()
    pen = _Pen(rng)
    light = _light_pen(rng, c) if rng.random() < c.second_pen_rate else None
    others: dict[int, str] = {}
    kinds, weights = zip(*c.other_marks, strict=True)
    p = np.array(weights, float) / sum(weights)
    for row in template.rows:
        mark = marks.get(row.position)
        chosen = light if light is not None and rng.random() < 0.5 else pen
        if template.form is not Form.STRIKE_THROUGH:
            for stroke in _row_strokes(rng, template.form, row, mark, None, paper, s):
                chosen.stroke(out, stroke, s)
            continue
        body = name_body(paper, row.name, s)
        strokes = []
        if mark is Mark.STRUCK:
            if rng.random() < c.scribble_rate:
                strokes = scribble(rng, row.line, body)
            else:
                strokes = struck_in_body(rng, str(rng.choice(STRIKES)), row.line, body, c)
        elif rng.random() < c.other_mark_rate:
            kind = str(kinds[rng.choice(len(kinds), p=p)])
            others[row.position] = kind
            strokes = other_mark(rng, kind, row.line, body, c)
        for stroke in strokes:
            chosen.stroke(out, stroke, s)
    return out, others


def _light_pen(rng, c: Conditions) -> _Pen:
    pen = _Pen(rng)
    pen.name, pen.ink = "second pen", rng.uniform(*c.second_pen_ink)
    pen.width = rng.uniform(0.3, 0.5)
    return pen
