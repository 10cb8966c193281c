"""Pictures for people: a row's crop or the whole page, cut from the stored aligned image."""

from __future__ import annotations

import cv2
import numpy as np

from .models import ScannedPage

PAGE_WIDTH_PX = 900  # the whole page as shown beside a decision
CROP_MAX_WIDTH_PX = 1400


class NoImage(LookupError):
    """The page keeps no image (rejected or typed), or has no such row."""


def _decode(page: ScannedPage) -> np.ndarray:
    if not page.image:
        raise NoImage(page.pk)
    image = cv2.imdecode(np.frombuffer(bytes(page.image), np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise NoImage(page.pk)
    return image


def _png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 3])
    if not ok:  # pragma: no cover
        raise NoImage("encode")
    return data.tobytes()


def _fit(image: np.ndarray, width: int) -> np.ndarray:
    if image.shape[1] <= width:
        return image
    height = round(image.shape[0] * width / image.shape[1])
    return cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)


def row_crop(page: ScannedPage, position: int) -> bytes:
    """The row as the reader cut it (its margin included), as PNG."""
    rows = {r["position"]: r for r in page.rows}
    if position not in rows:
        raise NoImage(position)
    image = _decode(page)
    x, y, w, h = rows[position]["crop"]
    top, left = max(0, y), max(0, x)
    crop = image[top : max(top + 1, y + h), left : max(left + 1, x + w)]
    return _png(_fit(crop, CROP_MAX_WIDTH_PX))


def whole_page(page: ScannedPage, width: int = PAGE_WIDTH_PX, highlight: int = 0) -> bytes:
    """The aligned page scaled to ``width`` pixels, as PNG; row ``highlight`` framed in red."""
    image = _decode(page)
    rows = {r["position"]: r for r in page.rows}
    if highlight not in rows:
        return _png(_fit(image, width))
    colour = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    x, y, w, h = rows[highlight]["crop"]
    thickness = max(2, image.shape[1] // 300)
    cv2.rectangle(colour, (x, y), (x + w, y + h), (40, 40, 220), thickness)
    return _png(_fit(colour, width))
