"""Where each row of the scan really lies: its small shift from the reference, piece by piece.

Registration on the four corner markers leaves a pixel or two of error inside the
page, more on a sheet that was folded into the ballot box and does not lie flat.
The printed names subtract cleanly only within the reference's slack (2 px at
200 dpi), so every row is placed again, in pieces about 15 mm long:

* **down** (dy): the rules across the list column above and below the row, found
  piece by piece near where the reference has them; a reading far from the
  neighbouring rules' (a pen stroke lying along a rule) is dropped and filled in
  from the rule's other pieces;
* **across** (dx): the rules down the row (its cell edges) in the row's own
  height, interpolated along the row, then refined on the printed name itself:
  the scan's column profile is slid ±0.4 mm against the reference's (a strike
  adds about the same ink to every column, so it hardly pulls the match).

Everything is measured for a whole list column at once (a few NumPy calls per
column, not per row).
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from dataclasses import dataclass

import cv2
import numpy as np

from daihoi.scanning.omr.reference import PRINT_DARK, Reference, box_px
from daihoi.scanning.omr.types import Template

SEARCH_MM = 1.0  # how far a rule may sit from where the reference has it
PIECE_MM = 15.0  # rows are placed piece by piece, each about this long
LINE_SHARE = 0.6  # a rule darkens at least this share of the stretch it is measured on
OUTLIER_PX = 3.0  # a rule's piece this far from its neighbouring rules' is a pen stroke
TEXT_SEARCH = 0.4  # how far a piece may slide on its text, as a share of SEARCH_MM
TEXT_MIN_SHARE = 0.25  # a piece is matched on its text when this share of its columns has print
SPLIT_PX = 1.5  # the rules above and below a row this far apart: a fold between them


@dataclass(frozen=True)
class Shift:
    """Where the scan lies against the reference along one row: a shift per piece of the row
    (pixels, integers)."""

    edges: tuple[int, ...]  # x where one piece ends and the next begins (reference pixels)
    dx: tuple[int, ...]  # one more than ``edges``
    dy: tuple[int, ...]
    # The rules above and below the row lie differently (a fold between them, one side
    # displaced): the row's two parts must be placed each on its own.
    split: bool = False
    # With ``split``: the row's upper side placed down by the rule above it, its lower side by
    # the rule below (pixels, the mean over the pieces), each side's own measured place.
    sides: tuple[int, int] | None = None

    def pieces(self, x0: int, x1: int):
        """(a, b, dx, dy) for the parts of [x0, x1) lying in each piece (the first and last
        pieces reach out as far as needed)."""
        bounds = (-(1 << 30), *self.edges, 1 << 30)
        for lo, hi, dx, dy in zip(bounds, bounds[1:], self.dx, self.dy, strict=False):
            a, b = max(x0, lo), min(x1, hi)
            if a < b:
                yield a, b, dx, dy

    @property
    def mean(self) -> tuple[int, int]:
        return round(sum(self.dx) / len(self.dx)), round(sum(self.dy) / len(self.dy))


NO_SHIFT = Shift((), (0,), (0,))


@dataclass(frozen=True)
class _Column:
    """One column of the printed list as the reference shows it (pixels)."""

    box: tuple[int, int, int, int]  # x0, y0, x1, y1 of the column's rules, with search room
    across: np.ndarray  # y of the rules across the column (row edges)
    down: np.ndarray  # x of the rules down it (cell edges)
    rows: tuple[int, ...]  # template row indices, top to bottom
    tops: np.ndarray  # per row, its top rule (index into ``across``); ``bottoms`` its bottom
    bottoms: np.ndarray
    bands: np.ndarray  # per row, the y range inside its rules: rows × 2
    bounds: np.ndarray  # x boundaries of the pieces, from the column's left edge to its right
    radius: int  # how far rules are looked for
    text: np.ndarray | None = None  # rows × pieces × longest piece: printed profile, mean removed
    has_text: np.ndarray | None = None  # rows × pieces


def row_shifts(dark: np.ndarray, template: Template, ref: Reference) -> list[Shift]:
    """Per template row, its shift from the reference (see the module docstring)."""
    shifts = [NO_SHIFT] * len(template.rows)
    for column in _columns(template, ref):
        across = _across(dark, column)  # pieces × rules
        top, bottom = across[:, column.tops], across[:, column.bottoms]
        dy = np.rint((top + bottom).T / 2).astype(int)
        split = (np.abs(top - bottom) >= SPLIT_PX).any(axis=0)
        profiles = _band_profiles(dark, column)
        dx = _by_text(profiles, column, _down(profiles, column))
        sides = np.rint([top.mean(axis=0), bottom.mean(axis=0)]).astype(int).T.tolist()
        for j, i in enumerate(column.rows):
            shifts[i] = _merged(column.bounds[1:-1], dx[j], dy[j], bool(split[j]), sides[j])
    return shifts


def _merged(edges, dx, dy, split: bool = False, sides=None) -> Shift:
    """The row's pieces, neighbours with the same shift joined (usually all of them)."""
    edges, dx, dy = (np.asarray(v).tolist() for v in (edges, dx, dy))  # Python ints: quicker
    kept_edges, kept_dx, kept_dy = [], [dx[0]], [dy[0]]
    for edge, x, y in zip(edges, dx[1:], dy[1:], strict=True):
        if (x, y) != (kept_dx[-1], kept_dy[-1]):
            kept_edges.append(edge)
            kept_dx.append(x)
            kept_dy.append(y)
    return Shift(
        tuple(kept_edges), tuple(kept_dx), tuple(kept_dy), split, (*sides,) if split else None
    )


def _columns(template: Template, ref: Reference) -> list[_Column]:
    """The list's columns, built once per template and resolution."""
    key = ("columns", ref.dpi)
    if key not in template._cache:
        printed = cv2.compare(ref.grey, PRINT_DARK, cv2.CMP_LT)
        groups: dict[float, list[int]] = defaultdict(list)
        for i, row in enumerate(template.rows):
            groups[round(row.line.x, 2)].append(i)
        template._cache[key] = [_column(template, ref, printed, i) for i in groups.values()]
    return template._cache[key]


def _column(template: Template, ref: Reference, printed: np.ndarray, indices: list[int]) -> _Column:
    """A column from the layout, its rules then placed where the reference has them (the
    PDF's lines fall on whole pixels), and the printed profile of every piece of every row."""
    s = template.px(ref.dpi)
    r = max(2, round(SEARCH_MM * s))
    lines = [box_px(template.rows[i].line, s) for i in indices]
    x0, x1 = lines[0][0], lines[0][2]
    ys = sorted({line[1] for line in lines} | {line[3] for line in lines})
    pieces = max(1, round((x1 - x0) / (PIECE_MM * s)))
    draft = _Column(
        box=(x0 - 2 * r, ys[0] - 2 * r, x1 + 2 * r, ys[-1] + 2 * r),
        across=np.array(ys, float),
        down=np.array(_cell_edges(template.rows[indices[0]], s), float),
        rows=tuple(indices),
        tops=np.array([ys.index(line[1]) for line in lines]),
        bottoms=np.array([ys.index(line[3]) for line in lines]),
        bands=np.array([(line[1] + 2, line[3] - 2) for line in lines]),
        bounds=np.linspace(x0, x1, pieces + 1).round().astype(int),
        radius=r,
    )
    profiles = _band_profiles(printed, draft)
    across = draft.across + np.nanmedian(_across(printed, draft), axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        down = draft.down + np.nan_to_num(np.nanmedian(_edges(profiles, draft), axis=0))
    text, has_text = _text(profiles, draft)
    return _Column(
        **{**draft.__dict__, "across": across, "down": down, "text": text, "has_text": has_text}
    )


def _cell_edges(row, s: float) -> list[float]:
    """x of the rules down a row: its ends, number | name, and on a box ballot name | agree
    and agree | disagree (the boxes sit in the middle of equal cells)."""
    line, name = row.line, row.name
    edges = [line.x, name.x - 0.6]
    if row.agree is not None:
        edges += [name.x + name.w + 0.6, (row.agree.x + row.disagree.x + row.agree.w) / 2]
    return [round(x * s) for x in (*edges, line.x + line.w)]


def _band_profiles(dark: np.ndarray, column: _Column) -> np.ndarray:
    """Rows × x: the ink (sum of 0–255) of each pixel column inside each row's rules."""
    x0, _, x1, _ = column.box
    sums = [
        cv2.reduce(dark[top:bottom, x0:x1], 0, cv2.REDUCE_SUM, dtype=cv2.CV_32F)
        for top, bottom in column.bands
    ]
    return np.vstack(sums)


def _peak(values: np.ndarray, floor: float) -> np.ndarray:
    """Centre (index on the last axis) of the strongest line in each window; NaN below ``floor``."""
    top = values.max(axis=-1, keepdims=True)
    weights = np.where(values >= 0.5 * top, values, 0.0)
    index = np.arange(values.shape[-1], dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = (weights * index).sum(axis=-1) / weights.sum(axis=-1)
    return np.where(top[..., 0] >= floor, centre, np.nan)


def _windows(profile: np.ndarray, expected: np.ndarray, r: int) -> np.ndarray:
    """``profile[..., expected ± r]`` for every expected index (clipped at the ends)."""
    idx = np.rint(expected).astype(int)[:, None] + np.arange(-r, r + 1)[None, :]
    return profile[..., np.clip(idx, 0, profile.shape[-1] - 1)]


def _across(dark: np.ndarray, column: _Column) -> np.ndarray:
    """Offsets (pieces × rules) of the rules across the column, piece by piece; a reading
    far from its neighbouring rules' is dropped and filled in."""
    _, y0, _, y1 = column.box
    r = column.radius
    pairs = zip(column.bounds, column.bounds[1:], strict=False)
    profiles = [
        cv2.reduce(dark[y0:y1, a:b], 1, cv2.REDUCE_AVG, dtype=cv2.CV_32F).T for a, b in pairs
    ]
    expected = column.across - y0
    found = _peak(_windows(np.vstack(profiles), expected, r), LINE_SHARE * 255)
    offsets = found - r + np.rint(expected) - expected
    padded = np.pad(offsets, ((0, 0), (1, 1)), mode="edge")
    neighbours = _mean_of(padded[:, :-2], padded[:, 2:])
    with np.errstate(invalid="ignore"):
        offsets[np.abs(offsets - neighbours) > OUTLIER_PX] = np.nan
    return _fill(offsets)


def _mean_of(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise mean of the finite ones of ``a`` and ``b`` (NaN where neither is)."""
    fa, fb = np.isfinite(a), np.isfinite(b)
    both = np.where(fa & fb, (np.nan_to_num(a) + np.nan_to_num(b)) / 2, np.nan)
    return np.where(fa & ~fb, a, np.where(fb & ~fa, b, both))


def _fill(offsets: np.ndarray) -> np.ndarray:
    """NaNs replaced from the same rule's other pieces, else from the piece's other rules."""
    out = offsets.copy()
    index = np.arange(out.shape[0])
    for j in np.flatnonzero(~np.isfinite(out).all(axis=0)):
        known = np.isfinite(out[:, j])
        if known.any():
            out[:, j] = np.interp(index, index[known], out[known, j])
    known = np.isfinite(out)
    piece = np.where(known, out, 0).sum(axis=1, keepdims=True) / np.maximum(
        known.sum(axis=1, keepdims=True), 1
    )
    return np.where(known, out, piece)


def _edges(profiles: np.ndarray, column: _Column) -> np.ndarray:
    """Offsets (rows × cell edges) of the rules down each row, NaN where not seen."""
    r = column.radius
    expected = column.down - column.box[0]
    heights = (column.bands[:, 1] - column.bands[:, 0])[:, None]
    values = _windows(profiles, expected, r)
    found = _peak(values / heights[:, :, None], LINE_SHARE * 255)
    return found - r + np.rint(expected) - expected


def _down(profiles: np.ndarray, column: _Column) -> np.ndarray:
    """Horizontal offset (rows × pieces) from the cell edges, interpolated along each row."""
    offsets = _edges(profiles, column)
    centres = (column.bounds[:-1] + column.bounds[1:]) / 2
    known = np.isfinite(offsets)
    fallback = np.where(known, offsets, 0).sum(axis=0) / np.maximum(known.sum(axis=0), 1)
    out = np.empty((len(offsets), len(centres)))
    for j, row in enumerate(offsets):
        known = np.isfinite(row)
        xs, values = (column.down[known], row[known]) if known.any() else (column.down, fallback)
        out[j] = np.interp(centres, xs, values)
    return np.rint(out).astype(int)


def _text(profiles: np.ndarray, column: _Column) -> tuple[np.ndarray, np.ndarray]:
    """Each row's printed profile per piece (mean removed, zero-padded), and which pieces
    hold enough print to be matched on."""
    widths = np.diff(column.bounds)
    text = np.zeros((len(profiles), len(widths), int(widths.max())), np.float32)
    has_text = np.zeros((len(profiles), len(widths)), bool)
    for k, (a, b) in enumerate(zip(column.bounds, column.bounds[1:], strict=False)):
        piece = profiles[:, a - column.box[0] : b - column.box[0]]
        text[:, k, : b - a] = piece - piece.mean(axis=1, keepdims=True)
        has_text[:, k] = np.count_nonzero(piece, axis=1) >= TEXT_MIN_SHARE * (b - a)
    return text, has_text


def _by_text(profiles: np.ndarray, column: _Column, dx: np.ndarray) -> np.ndarray:
    """``dx`` (rows × pieces) refined where a piece of a row holds printed text."""
    r = max(2, round(column.radius * TEXT_SEARCH))
    out = dx.copy()
    rows = np.arange(len(profiles))[:, None]
    slide = np.arange(-r, r + 1)[None, :]
    starts = column.bounds[:-1] - column.box[0]
    # Each piece's window slid along the row, as slices of the profile padded with its end
    # values (what clipping the indices at the ends read before): one gather, no index cube.
    pad = max(
        0,
        -int((starts[None, :] + dx).min()) + r,
        int((starts[None, :] + np.diff(column.bounds)[None, :] + dx).max()) + r - profiles.shape[1],
    )
    padded = np.pad(profiles, ((0, 0), (pad, pad)), mode="edge") if pad else profiles
    for k, (a, b) in enumerate(zip(column.bounds, column.bounds[1:], strict=False)):
        length = b - a
        start = a - column.box[0] + dx[:, k][:, None] + slide + pad
        windows = np.lib.stride_tricks.sliding_window_view(padded, length, axis=1)
        seen = windows[rows, start]  # rows × slides × length (a copy)
        seen -= seen.mean(axis=2, keepdims=True)
        score = np.einsum("rsl,rl->rs", seen, column.text[:, k, :length])
        refined = dx[:, k] + np.argmax(score, axis=1) - r
        out[:, k] = np.where(column.has_text[:, k], refined, dx[:, k])
    return out
