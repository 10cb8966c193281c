"""Registration: find the four corner markers and the map from the scan onto the template.

The search runs on a copy of the page about 900 pixels long (a few
milliseconds); only the four markers found are then measured again at full
resolution. The markers are told apart from other dark blobs by being solid,
square, of one size, and four of them forming the ballot's rectangle with its
proportions. Which way up the page lies is told by the QR code's corner, so a
page fed upside down (or sideways) is turned back and flagged.

Refusals: nothing printed → BLANK; no rectangle of markers → UNREADABLE;
the rectangle found plus a second sheet's markers, print or paper edges
beyond the page → DOUBLE_FEED.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import cv2
import numpy as np

from daihoi.scanning.omr.types import PageStatus, Template

WORK_LONG_SIDE = 800  # pixels of the search copy's longer side, at most
MIN_CONTRAST = 60  # grey levels between paper and the darkest ink of a printed page
MAX_CANDIDATES = 12
MAX_CORES = 200  # eroded blobs measured at most: bounds a page of noise's cost
SHAPE_TOLERANCE = 0.05  # relative: opposite sides, diagonals, proportions
BLANK = "Trang trắng: không có chữ in hay dấu mực nào."


@dataclass(frozen=True)
class Registration:
    matrix: np.ndarray  # 3×3, input pixel → aligned pixel at the reading dpi
    turned: int  # 0, 90, 180 or 270: how far the page was turned in the scanner
    paper: float  # grey level of the paper in the scan
    ink: float  # grey level of the markers' black in the scan


@dataclass(frozen=True)
class Refusal:
    status: PageStatus
    message: str


@dataclass(frozen=True)
class _Blob:
    x: float  # centroid in the search copy
    y: float
    side: float
    box: tuple[int, int, int, int]  # x, y, w, h in the search copy


def register(image: np.ndarray, template: Template, dpi: int) -> Registration | Refusal:
    """Where the template's markers are in ``image``; or why the page cannot be read."""
    small = _search_copy(image)
    f = small.shape[1] / image.shape[1]
    paper, dark = _levels(small)
    if paper - dark < MIN_CONTRAST:
        return Refusal(PageStatus.BLANK, BLANK)
    ink = cv2.compare(small, (paper + dark) / 2, cv2.CMP_LT)
    blobs = _candidates(ink, template)
    corners = _rectangle(blobs, template)
    if corners is None:
        if _blank(ink):
            return Refusal(PageStatus.BLANK, BLANK)
        return _no_rectangle(blobs)
    order = _orientation(corners, ink, template)
    corners = [corners[i] for i in order]
    extra = [b for b in blobs if b not in corners]
    to_page = _to_page_mm(corners, template)
    if _beyond_page(small, to_page, extra, template, paper - dark):
        return Refusal(
            PageStatus.DOUBLE_FEED,
            "Có thể hai tờ bị kéo cùng lúc: ngoài mép phiếu còn thấy dấu góc, chữ in hoặc mép "
            "của một tờ khác. Hãy tách các tờ và quét lại.",
        )
    centres = [_refine(image, blob, f) for blob in corners]
    matrix = _matrix(centres, template, dpi)
    turned = _turned(centres)
    ink_level = _marker_ink(small, corners)
    return Registration(matrix, turned, float(paper), float(ink_level))


def _levels(small: np.ndarray) -> tuple[float, float]:
    """Paper (90th percentile) and darkest ink (0.2th percentile) grey levels."""
    hist = cv2.calcHist([small], [0], None, [256], [0, 256]).ravel()
    cum = np.cumsum(hist) / hist.sum()
    return float(np.searchsorted(cum, 0.90)), float(np.searchsorted(cum, 0.002))


def _search_copy(image: np.ndarray) -> np.ndarray:
    small = image
    while max(small.shape) > WORK_LONG_SIDE:
        small = cv2.pyrDown(small)
    return small


def _blank(ink: np.ndarray) -> bool:
    """Hardly any ink apart from what touches the scan's edge (the scanner's background)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    inside = (x > 0) & (y > 0) & (x + w < ink.shape[1]) & (y + h < ink.shape[0])
    return int(area[inside].sum()) < 5e-4 * ink.size


def _candidates(ink: np.ndarray, template: Template) -> list[_Blob]:
    """Solid, square blobs about the size a marker would have on this page.

    An erosion keeps only solid patches at least 0.4 of a marker wide (markers,
    a box filled in, a photo), so only those few are measured; a blob half a
    marker wide or less (the QR code's finder centres) is not one."""
    mm_px = min(ink.shape) / min(template.width, template.height)  # as if the scan were the page
    side = template.marker_size * mm_px
    k = max(1, int(0.4 * side))
    core = cv2.erode(ink, np.ones((k, k), np.uint8))
    # Contours, not connected components: on this sparse mask they cost a tenth.
    # Outer boundaries of every blob, also those inside the scanner background's frame.
    cores, hierarchy = cv2.findContours(core, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    outer = [c for c, h in zip(cores, hierarchy[0], strict=True) if h[3] < 0] if cores else []
    blobs = []
    for x, y, w, h in _largest_first(outer, MAX_CORES):
        blob = _measure(ink, (x + w / 2, y + h / 2), side)
        if blob is not None:
            blobs.append(blob)
    blobs.sort(key=lambda b: -b.side)
    return blobs[: 3 * MAX_CANDIDATES]


def _largest_first(contours, limit: int) -> list[tuple[int, int, int, int]]:
    """The bounding boxes of at most ``limit`` contours, the largest first when there are more.

    A scanner's grey background cut at the page's mid-grey is a field of specks, and some
    survive the erosion: held-out long-run pages (120487, 128884, 132452, 133408) had 299–383
    cores, and the first 200 in OpenCV's order (from the bottom of the image up) left out the
    top markers, so whole readable ballots were refused. A marker's core is one of the
    largest; the specks' are a few pixels. Up to ``limit`` the order is OpenCV's, as it was."""
    boxes = [cv2.boundingRect(c) for c in contours]
    if len(boxes) > limit:
        boxes = sorted(boxes, key=lambda b: -b[2] * b[3])[:limit]
    return boxes


def _measure(ink: np.ndarray, centre, side: float) -> _Blob | None:
    """The whole blob around an eroded core, if it is a solid square of about ``side``."""
    h, w = ink.shape
    r = int(1.8 * side) + 2
    cx, cy = int(centre[0]), int(centre[1])
    x0, y0, x1, y1 = max(cx - r, 0), max(cy - r, 0), min(cx + r, w), min(cy + r, h)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(
        ink[y0:y1, x0:x1], connectivity=8
    )
    label = labels[cy - y0, cx - x0]
    if label == 0:
        return None
    bx, by, bw, bh, area = (int(v) for v in stats[label])
    big, small_side = max(bw, bh), min(bw, bh)
    touches = bx == 0 or by == 0 or bx + bw == x1 - x0 or by + bh == y1 - y0
    if touches or small_side < 0.5 * side or big > 1.6 * side or big > 1.35 * small_side:
        return None
    if area < 0.72 * bw * bh:
        return None
    gx, gy = centroids[label]
    return _Blob(x0 + float(gx), y0 + float(gy), math.sqrt(area), (x0 + bx, y0 + by, bw, bh))


def _rectangle(blobs: list[_Blob], template: Template) -> list[_Blob] | None:
    """The four blobs that best form the markers' rectangle, clockwise from any corner."""
    (left, top), (right, _), _, (_, bottom) = template.markers
    aspect = (right - left) / (bottom - top)
    size_ratio = template.marker_size / (right - left)
    best, best_score = None, SHAPE_TOLERANCE * 4
    if len(blobs) > 4:
        # Usually the markers are the blobs nearest the four corners of the scan.
        quad = _clockwise(_outermost(blobs))
        if len(set(quad)) == 4 and _rectangle_score(quad, aspect, size_ratio) < best_score:
            return quad
    combos = list(_combos(blobs))
    for combo, possible in zip(combos, _could_fit(combos, aspect, size_ratio), strict=True):
        if not possible:
            continue
        quad = _clockwise(list(combo))
        score = _rectangle_score(quad, aspect, size_ratio)
        if score < best_score:
            best, best_score = quad, score
    return best


def _could_fit(combos: list[tuple[_Blob, ...]], aspect: float, size_ratio: float) -> np.ndarray:
    """Per combination, False when it clearly fails ``_rectangle_score``'s checks: the checks
    of every combination at once (a page that is no ballot of this size tries hundreds, ~0.3 ms
    each one by one); the few left are scored one by one as before. The cut is a little looser
    than ``SHAPE_TOLERANCE``, so rounding can never drop a combination the score would keep."""
    if not combos:
        return np.zeros(0, bool)
    pts = np.array([[(b.x, b.y) for b in combo] for combo in combos])  # combos × 4 × 2
    sizes = np.array([[b.side for b in combo] for combo in combos])
    centre = pts.mean(axis=1, keepdims=True)
    angle = np.arctan2(pts[..., 1] - centre[..., 1], pts[..., 0] - centre[..., 0])
    pts = np.take_along_axis(pts, np.argsort(angle, axis=1)[..., None], axis=1)  # clockwise
    sides = np.linalg.norm(pts - np.roll(pts, -1, axis=1), axis=2)
    diag = np.linalg.norm(pts[:, :2] - pts[:, 2:], axis=2)
    a, b = (sides[:, 0] + sides[:, 2]) / 2, (sides[:, 1] + sides[:, 3]) / 2
    short, long = np.minimum(a, b), np.maximum(a, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        checks = np.stack(
            [
                np.abs(sides[:, 0] - sides[:, 2]) / a,
                np.abs(sides[:, 1] - sides[:, 3]) / b,
                np.abs(diag[:, 0] - diag[:, 1]) / diag.mean(axis=1),
                np.abs(short / long - aspect) / aspect,
                (sizes.max(axis=1) - sizes.min(axis=1)) / sizes.mean(axis=1) / 6,
                np.abs(sizes.mean(axis=1) / short - size_ratio) / size_ratio / 3,
            ]
        )
    return (short > 0) & ~(checks.max(axis=0) > 1.01 * SHAPE_TOLERANCE)


def _outermost(blobs: list[_Blob]) -> list[_Blob]:
    xs = np.array([b.x for b in blobs])
    ys = np.array([b.y for b in blobs])
    picks = [np.argmin(xs + ys), np.argmax(xs - ys), np.argmax(xs + ys), np.argmin(xs - ys)]
    return [blobs[int(i)] for i in picks]


def _combos(blobs: list[_Blob]):
    if len(blobs) <= MAX_CANDIDATES:
        return itertools.combinations(blobs, 4)
    # Many square blobs (a page of tables or codes): markers are alike in size.
    median = float(np.median([b.side for b in blobs]))
    alike = sorted(blobs, key=lambda b: abs(b.side - median))[:MAX_CANDIDATES]
    return itertools.combinations(alike, 4)


def _clockwise(quad: list[_Blob]) -> list[_Blob]:
    cx = sum(b.x for b in quad) / 4
    cy = sum(b.y for b in quad) / 4
    return sorted(quad, key=lambda b: math.atan2(b.y - cy, b.x - cx))


def _rectangle_score(quad: list[_Blob], aspect: float, size_ratio: float) -> float:
    pts = np.array([(b.x, b.y) for b in quad])
    sides = np.linalg.norm(pts - np.roll(pts, -1, axis=0), axis=1)
    diag = np.linalg.norm(pts[:2] - pts[2:], axis=1)
    a, b = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    short, long = min(a, b), max(a, b)
    if short <= 0:
        return math.inf
    sizes = np.array([q.side for q in quad])
    checks = (
        abs(sides[0] - sides[2]) / a,
        abs(sides[1] - sides[3]) / b,
        abs(diag[0] - diag[1]) / diag.mean(),
        abs(short / long - aspect) / aspect,
        (sizes.max() - sizes.min()) / sizes.mean() / 6,
        # The markers' size against their spacing tells an A4 page from an A5 one (-33 %).
        abs(sizes.mean() / short - size_ratio) / size_ratio / 3,
    )
    if max(checks) > SHAPE_TOLERANCE:
        return math.inf
    return float(sum(checks))


def _no_rectangle(blobs: list[_Blob]) -> Refusal:
    if len(blobs) >= 4 and _alike(blobs) >= 4:
        return Refusal(
            PageStatus.UNREADABLE,
            "Thấy các dấu góc nhưng khoảng cách và cỡ của chúng không đúng mẫu phiếu này: có thể "
            "là phiếu in khổ giấy khác, hoặc trang bị co giãn, gấp. Hãy xem tờ phiếu.",
        )
    return Refusal(
        PageStatus.UNREADABLE,
        f"Không tìm thấy đủ 4 dấu góc của phiếu (thấy {min(len(blobs), 4)}): trang không phải "
        "phiếu bầu, hoặc phiếu bị rách, gấp, che mất góc. Hãy kiểm tra tờ phiếu và quét lại.",
    )


def _alike(blobs: list[_Blob]) -> int:
    median = float(np.median([b.side for b in blobs]))
    return sum(1 for b in blobs if abs(b.side - median) <= 0.2 * median)


def _to_page_mm(corners: list[_Blob], template: Template) -> np.ndarray:
    """3×3 from search-copy pixels to page millimetres, corners in template order TL TR BR BL."""
    src = np.float32([(b.x, b.y) for b in corners])
    m = template.markers
    dst = np.float32([m[0], m[1], m[3], m[2]])
    return cv2.getPerspectiveTransform(src, dst)


def _orientation(quad: list[_Blob], ink, template: Template) -> list[int]:
    """Indices of ``quad`` as TL, TR, BR, BL: the short side on top, the QR code top-right."""
    pts = np.array([(b.x, b.y) for b in quad])
    sides = np.linalg.norm(pts - np.roll(pts, -1, axis=0), axis=1)
    start = 0 if sides[0] + sides[2] < sides[1] + sides[3] else 1
    options = ([start, start + 1, start + 2, start + 3], [start + 2, start + 3, start, start + 1])
    options = tuple([i % 4 for i in option] for option in options)
    dens = [
        _qr_darkness(ink, _to_page_mm([quad[i] for i in o], template), template) for o in options
    ]
    return options[0] if dens[0] >= dens[1] else options[1]


def _qr_darkness(ink: np.ndarray, to_page: np.ndarray, template: Template) -> float:
    """Share of dark pixels where this orientation puts the QR code (quiet zone left out)."""
    q = template.qr
    pad = q.w * 0.15
    square = np.float32(
        [
            [q.x + pad, q.y + pad],
            [q.x + q.w - pad, q.y + pad],
            [q.x + q.w - pad, q.y + q.h - pad],
            [q.x + pad, q.y + q.h - pad],
        ]
    )
    back = cv2.perspectiveTransform(square[None], np.linalg.inv(to_page))[0]
    mask = np.zeros(ink.shape, np.uint8)
    cv2.fillConvexPoly(mask, np.round(back).astype(np.int32), 255)
    inside = cv2.countNonZero(mask)
    return cv2.countNonZero(cv2.bitwise_and(ink, mask)) / inside if inside else 0.0


def _beyond_page(small, to_page, extra: list[_Blob], template: Template, contrast: float) -> bool:
    """A second sheet: markers, print or a paper edge further out than the page's own edge."""
    margin = 5.0  # mm of slack for a trimmed edge and the page's own shadow
    page = np.float32(
        [
            [-margin, -margin],
            [template.width + margin, -margin],
            [template.width + margin, template.height + margin],
            [-margin, template.height + margin],
        ]
    )
    back = cv2.perspectiveTransform(page[None], np.linalg.inv(to_page))[0]
    outside = np.full(small.shape, 255, np.uint8)
    cv2.fillConvexPoly(outside, np.round(back).astype(np.int32), 0)
    for b in extra:
        if outside[int(b.y), int(b.x)]:
            return True
    mm_px = np.linalg.norm(back[0] - back[1]) / (template.width + 2 * margin)
    edge = max(2, round(2 * mm_px))
    outside[:edge, :] = outside[-edge:, :] = 0
    outside[:, :edge] = outside[:, -edge:] = 0
    kernel = np.ones((3, 3), np.uint8)
    gradient = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, kernel)
    edges = cv2.bitwise_and(cv2.compare(gradient, contrast * 0.35, cv2.CMP_GT), outside)
    return cv2.countNonZero(edges) > 40 * mm_px  # about 4 cm of edge


def _refine(image: np.ndarray, blob: _Blob, f: float) -> tuple[float, float]:
    """The marker's centre measured again at full resolution."""
    x, y, w, h = blob.box
    pad = 0.5 * max(w, h)
    x0, y0 = max(0, int((x - pad) / f)), max(0, int((y - pad) / f))
    x1 = min(image.shape[1], int((x + w + pad) / f) + 1)
    y1 = min(image.shape[0], int((y + h + pad) / f) + 1)
    crop = image[y0:y1, x0:x1]
    lo, hi = float(crop.min()), float(crop.max())
    dark = cv2.compare(crop, (lo + hi) / 2, cv2.CMP_LT)
    count, _, stats, centroids = cv2.connectedComponentsWithStats(dark, connectivity=8)
    if count < 2:
        return blob.x / f, blob.y / f
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    cx, cy = centroids[biggest]
    return x0 + float(cx), y0 + float(cy)


def _matrix(centres, template: Template, dpi: int) -> np.ndarray:
    s = template.px(dpi)
    m = template.markers
    dst = np.float32([(x * s - 0.5, y * s - 0.5) for x, y in (m[0], m[1], m[3], m[2])])
    return cv2.getPerspectiveTransform(np.float32(centres), dst)


def _turned(centres) -> int:
    (x0, y0), (x1, y1) = centres[0], centres[1]
    angle = math.degrees(math.atan2(y1 - y0, x1 - x0)) % 360
    return int(90 * round(angle / 90)) % 360


def _marker_ink(small: np.ndarray, corners: list[_Blob]) -> float:
    """The markers' black: the median grey of their cores."""
    cores = []
    for b in corners:
        r = max(1, int(b.side * 0.25))
        cores.append(
            small[int(b.y) - r : int(b.y) + r + 1, int(b.x) - r : int(b.x) + r + 1].ravel()
        )
    return float(np.median(np.concatenate(cores)))
