"""The aligned page is stored at 150 dpi: the crops refer to it, and a faint thin pen line a
person must judge is still seen in it."""

import cv2
import numpy as np
import pytest

from daihoi.scanning.reading import IMAGE_DPI, encode


@pytest.mark.parametrize("offset", [0, 1, 2, 3])  # every phase of the 4 → 3 pixel grid
def test_a_faint_two_pixel_line_stays_visible(offset):
    page = np.full((400, 300), 255, np.uint8)
    page[:, 100 + offset : 102 + offset] = 200  # a light pen, two pixels wide at 200 dpi
    page[200 + offset : 202 + offset, :] = 200
    stored = cv2.imdecode(np.frombuffer(encode(page, IMAGE_DPI / 200), np.uint8), 0)
    assert stored.shape == (300, 225)
    assert stored[:, 70:82].min(axis=1).max() <= 225  # every pixel row still shows the line
    assert stored[145:157, :].min(axis=0).max() <= 225
    assert stored[20:60, 20:60].min() >= 245  # and the paper stays paper
