"""The markers' rectangle is searched among every four blobs: the combinations are first sifted
all at once (register._could_fit), and the sifting must never drop one the exact score keeps."""

import itertools
import math

import cv2
import numpy as np

from daihoi.scanning.omr import register
from daihoi.scanning.omr.register import _Blob


def _blobs(rng, count: int) -> list[_Blob]:
    """Markers of a 150 × 210 rectangle (some nearly right, some moved) and other squares."""
    corners = [(0, 0), (150, 0), (150, 210), (0, 210)]
    blobs = []
    for k in range(count):
        x, y = corners[k % 4] if k < 8 else rng.uniform(0, 210, 2)
        x, y = x + rng.normal(0, 2 if k < 4 else 6), y + rng.normal(0, 2 if k < 4 else 6)
        side = 10 + rng.normal(0, 0.4 if k < 8 else 2)
        blobs.append(_Blob(float(x), float(y), float(side), (0, 0, 1, 1)))
    return blobs


def test_it_never_drops_a_combination_that_fits():
    rng = np.random.default_rng(18)
    aspect, size_ratio = 150 / 210, 10 / 150
    kept = 0
    for _ in range(40):
        combos = list(itertools.combinations(_blobs(rng, 10), 4))
        sifted = register._could_fit(combos, aspect, size_ratio)
        for combo, possible in zip(combos, sifted, strict=True):
            quad = register._clockwise(list(combo))
            if register._rectangle_score(quad, aspect, size_ratio) < math.inf:
                kept += 1
                assert possible, combo
    assert kept > 40  # the case the sifting must respect did occur


def test_it_finds_the_same_rectangle_as_scoring_each_one():
    rng = np.random.default_rng(7)
    aspect, size_ratio = 150 / 210, 10 / 150
    searched = 0
    for _ in range(20):
        blobs = _blobs(rng, 11)
        template = type("T", (), {"markers": ((0, 0), (150, 0), (150, 210), (0, 210))})
        template.marker_size = 10
        best, best_score = None, register.SHAPE_TOLERANCE * 4
        for combo in itertools.combinations(blobs, 4):
            quad = register._clockwise(list(combo))
            score = register._rectangle_score(quad, aspect, size_ratio)
            if score < best_score:
                best, best_score = quad, score
        found = register._rectangle(blobs, template)
        if len(blobs) > 4:
            quad = register._clockwise(register._outermost(blobs))
            if len(set(quad)) == 4 and register._rectangle_score(quad, aspect, size_ratio) < 0.2:
                continue  # the corners' quick answer, not the search
        assert found == best
        searched += best is not None
    assert searched >= 5


def test_the_largest_cores_are_kept_when_there_are_too_many():
    """Specks first in OpenCV's order must not push a marker's core out of the measured ones."""
    ink = np.zeros((300, 300), np.uint8)
    for i in range(250):  # specks where OpenCV's order meets them first (the bottom rows)
        x, y = 5 + (i % 50) * 5, 200 + (i // 50) * 5
        ink[y : y + 2, x : x + 2] = 255
    ink[20:32, 20:32] = 255  # a marker's core at the top
    contours, _ = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    assert (20, 20, 12, 12) not in [cv2.boundingRect(c) for c in contours[:200]]
    kept = register._largest_first(contours, 200)
    assert len(kept) == 200 and (20, 20, 12, 12) in kept
    few = contours[:50]
    assert register._largest_first(few, 200) == [cv2.boundingRect(c) for c in few]
