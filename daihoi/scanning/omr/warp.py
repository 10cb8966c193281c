"""The scan warped onto the template: a perspective map done as piecewise-affine tiles.

OpenCV's perspective warp costs two to three times its affine warp and a scanner's
perspective is slight, so the page is warped in 12 bands × 2 columns, each with the affine
map exact at three of its corners. Measured on 40 synthetic A4 pages, the tiles stay within
1.04 pixels of the perspective map (median page 0.36): what bends a tile's map is its width
as much as its height. What the warp costs is OpenCV's bilinear affine warp itself, ~2.3 ns
an output pixel (~8.7 ms an A4 page at 200 dpi on one core): the 24 calls' set-up is lost in
the noise (one call for the whole page measured the same), and neither precomputed
fixed-point maps (``cv2.remap`` on CV_16SC2 maps, without their making: +7 %) nor other
tile shapes made it cheaper (session 7, "s7-speed2" in docs/scanning.md).
"""

from __future__ import annotations

import cv2
import numpy as np


def warp(
    image: np.ndarray, matrix: np.ndarray, shape: tuple[int, int], border: int = 255
) -> np.ndarray:
    """``image`` warped by ``matrix`` (3×3, image pixel → page pixel) onto a ``shape`` page."""
    height, width = shape
    inverse = np.linalg.inv(matrix)
    if abs(matrix[2, 0]) * width + abs(matrix[2, 1]) * height < 1e-4:
        affine = (inverse / inverse[2, 2])[:2]
        return cv2.warpAffine(
            image,
            affine,
            (width, height),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderValue=border,
        )
    out = np.empty(shape, np.uint8)
    bands, columns = 12, 2
    ys = np.linspace(0, height, bands + 1).round().astype(int)
    xs = np.linspace(0, width, columns + 1).round().astype(int)
    for y0, y1 in zip(ys, ys[1:], strict=False):
        for x0, x1 in zip(xs, xs[1:], strict=False):
            local = np.float32([[0, 0], [x1 - x0, 0], [0, y1 - y0]])
            page = np.float32([[x0, y0], [x1, y0], [x0, y1]])
            src = cv2.perspectiveTransform(page[None], inverse)[0]
            affine = cv2.getAffineTransform(local, src)
            tile = out[y0:y1, x0:x1]
            drawn = cv2.warpAffine(
                image,
                affine,
                (x1 - x0, y1 - y0),
                dst=tile,  # straight into the page: no tile allocated and copied
                flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                borderValue=border,
            )
            if not np.shares_memory(drawn, tile):  # pragma: no cover - OpenCV made its own
                tile[:] = drawn
    return out
