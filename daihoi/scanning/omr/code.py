"""The ballot's QR code: read it where the layout puts it, and compare it with the template.

The expected code is first recognised by comparing its modules with the ballot's
own printed code (``same_code``, under a millisecond); failing that it is decoded
in its own square of the aligned page (a few milliseconds); only when that fails
too is the whole page searched (a quarter of a second).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from daihoi.scanning.omr.reference import Reference, box_px
from daihoi.scanning.omr.types import Box, Template

PREFIX = "DAIHOI"
SAME_CODE = 3  # modules
_FIELDS = {"e": "cuộc bầu số {}", "r": "lần bầu thứ {}", "l": "mẫu phiếu {}", "n": "{} tên"}
_DETECTORS: dict[str, object] = {}


@dataclass(frozen=True)
class Code:
    text: str  # "" when no code could be read
    in_place: bool  # where the template prints its code, at its size


def read_code(
    aligned: np.ndarray, template: Template, dpi: int, *, whole_page: bool = False
) -> Code:
    """The QR code in its square of the aligned page; with ``whole_page``, the slow search of
    the whole page when the square fails. A code found elsewhere or at another size (another
    paper size's page warped onto this one) is not ``in_place``."""
    s = template.px(dpi)
    q = template.qr
    pad = 4.0  # mm around the square: the registration is good to well under a millimetre
    x0, y0, x1, y1 = box_px(Box(q.x - pad, q.y - pad, q.w + 2 * pad, q.h + 2 * pad), s)
    x0, y0 = max(0, x0), max(0, y0)
    crop = aligned[y0:y1, x0:x1]
    tries = [(crop, 1.0, (x0, y0))]
    tries.append((cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), 2.0, (x0, y0)))
    if whole_page:
        tries.append((aligned, 1.0, (0, 0)))
    for image, zoom, (ox, oy) in tries:
        text, points = decode_with_corners(image)
        if text:
            corners = points / zoom + (ox, oy) if points is not None else None
            return Code(text, _in_place(corners, q, s))
    return Code("", False)


def _in_place(corners: np.ndarray | None, q: Box, s: float) -> bool:
    """The code's corners (aligned pixels) make a square centred on ``q`` of the size printed:
    the symbol fills 21/29 to 41/49 of the square with its quiet zone."""
    if corners is None or len(corners) != 4:
        return False
    centre = corners.mean(axis=0) / s
    side = float(np.mean(np.linalg.norm(corners - np.roll(corners, 1, axis=0), axis=1))) / s
    near = abs(centre[0] - (q.x + q.w / 2)) < 2.5 and abs(centre[1] - (q.y + q.h / 2)) < 2.5
    return near and 0.66 * q.w <= side <= 0.9 * q.w


def same_code(aligned: np.ndarray, cut: float, ref: Reference, template: Template) -> int:
    """How many of the code's modules the scan has dark where the ballot's own code is light,
    or the other way round (cells read at their centres on the aligned page).

    The printed code of the expected ballot is known module for module, so a page
    carrying it is recognised by comparison, without decoding. Two different QR
    codes of the same version differ in at least as many modules as the
    Reed–Solomon distance of their error correction (8 and more codewords), and
    any other version has its finder, timing and alignment patterns elsewhere;
    ``cut`` is the grey level halfway between the paper and the ink;
    so ``SAME_CODE`` mismatches or fewer can only be the same code with a few
    specks, and anything more is decoded and compared as text."""
    grid = _grid(ref, template)
    if grid is None:
        return 1 << 20
    ys, xs, expected = grid
    x0, y0, x1, y1 = box_px(template.qr, template.px(ref.dpi))
    local = aligned[y0:y1, x0:x1]
    seen = local[ys, xs] < cut
    return int(np.count_nonzero(seen != expected))


def _grid(ref: Reference, template: Template):
    """Module centres (rows, columns, printed dark?) of the reference's code, cached."""
    key = ("qr-grid", ref.dpi)
    if key in template._cache:
        return template._cache[key]
    x0, y0, x1, y1 = box_px(template.qr, template.px(ref.dpi))
    printed = ref.grey[y0:y1, x0:x1] < 128
    rows, cols = np.flatnonzero(printed.any(axis=1)), np.flatnonzero(printed.any(axis=0))
    grid = None
    if rows.size and cols.size:
        top, left, size = rows[0], cols[0], cols[-1] + 1 - cols[0]
        run = np.argmin(printed[top + 1, left:]) or size  # the finder's top edge: 7 modules
        versions = np.arange(21, 178, 4)  # modules across a code of version 1…40
        count = int(versions[np.argmin(np.abs(size / versions - run / 7))])
        if abs(size / count - run / 7) < 0.15 * run / 7:
            centres = (np.arange(count) + 0.5) * (size / count)
            ys, xs = np.meshgrid(top + centres, left + centres, indexing="ij")
            grid = _deepest(printed, np.round(ys).astype(int), np.round(xs).astype(int))
    template._cache[key] = grid
    return grid


def _deepest(printed: np.ndarray, ys: np.ndarray, xs: np.ndarray):
    """Move each module's sampling point (±2 px) to where it lies deepest inside its module:
    the rendered modules' edges fall on whole pixels, not on the ideal grid."""
    binary = printed.astype(np.uint8)
    depth = np.where(
        printed,
        cv2.distanceTransform(binary, cv2.DIST_L2, 3),
        cv2.distanceTransform(1 - binary, cv2.DIST_L2, 3),
    )
    h, w = printed.shape
    best_y, best_x = ys.copy(), xs.copy()
    best = np.full(ys.shape, -1.0)
    for dy in range(-2, 3):
        for dx in range(-2, 3):
            yy, xx = np.clip(ys + dy, 0, h - 1), np.clip(xs + dx, 0, w - 1)
            here = depth[yy, xx] - 0.01 * (abs(dy) + abs(dx))
            better = here > best
            best = np.where(better, here, best)
            best_y, best_x = np.where(better, yy, best_y), np.where(better, xx, best_x)
    return best_y, best_x, printed[best_y, best_x]


def decode(image: np.ndarray) -> str:
    """The text of a QR code anywhere in ``image`` ("" when none can be read)."""
    return decode_with_corners(image)[0]


def decode_with_corners(image: np.ndarray) -> tuple[str, np.ndarray | None]:
    """(text, its four corners in ``image`` pixels) of a QR code; ("", None) when none."""
    for name in ("aruco", "classic"):
        try:
            text, points, _ = _detector(name).detectAndDecode(image)
        except cv2.error:
            text, points = "", None
        if text:
            return text, None if points is None else np.asarray(points, np.float64).reshape(-1, 2)
    return "", None


def _detector(name: str):
    if name not in _DETECTORS:
        _DETECTORS[name] = cv2.QRCodeDetectorAruco() if name == "aruco" else cv2.QRCodeDetector()
    return _DETECTORS[name]


def parse(payload: str) -> dict[str, str] | None:
    """``DAIHOI|e=…|r=…|l=…|n=…`` as a dict; None when it is not a ballot code."""
    parts = payload.split("|")
    if parts[0] != PREFIX:
        return None
    fields = dict(part.split("=", 1) for part in parts[1:] if "=" in part)
    return fields if set(_FIELDS) <= set(fields) else None


def mismatch(read: str, template: Template) -> str | None:
    """A Vietnamese message saying what the page is and what was expected; None when it matches."""
    if read == template.payload:
        return None
    expected = parse(template.payload) or {}
    found = parse(read)
    if found is None:
        shown = read if len(read) <= 60 else read[:57] + "…"
        return f"Mã QR trên trang không phải mã phiếu bầu («{shown}»); cần {_describe(expected)}."
    if found["e"] != expected.get("e"):
        head = "Phiếu của cuộc bầu khác"
    elif found["r"] != expected.get("r"):
        head = "Phiếu của lần bầu khác"
    else:
        head = "Phiếu in theo mẫu khác"
    return f"{head}: mã trên phiếu là {_describe(found)}; cần {_describe(expected)}."


def _describe(fields: dict[str, str]) -> str:
    return ", ".join(label.format(fields.get(key, "?")) for key, label in _FIELDS.items())
