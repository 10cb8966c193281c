"""Issue 18: a crease is found along its own path and cleared where it lies, also when it is
wide, tilted and bent a few pixels by a crumpled sheet (held-out ballot 3006: a crease down the
page fitted 0.006 off its slope stayed as ink through a column of names)."""

import math

import numpy as np
import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr import creases
from daihoi.scanning.synthetic import paper as sheet

S = 200 / 25.4


def creased(slope: float, bend_px: float, seed: int):
    """A blank grey A4 sheet at 200 dpi with one wide crease down it (x ≈ 850 at the top),
    tilted by ``slope`` and bowed by ``bend_px`` at its middle; (page, x of its centre per y)."""
    from dataclasses import replace

    rng = np.random.default_rng(seed)
    h, w = 2339, 1654
    turned = np.full((w, h), 230, np.uint8)  # drawn across the turned page, as the generator does
    conditions = replace(synthetic.HELD_OUT, crease_dark=(45, 45), crease_width=(0.5, 0.5))
    sheet._crease(turned, rng, 850.0, slope, conditions, S)
    page = np.ascontiguousarray(turned.T)
    ys = np.arange(h)
    bow = np.rint(bend_px * np.sin(math.pi * ys / h)).astype(int)
    for y in np.flatnonzero(bow):  # a crumpled sheet bends the crease a little
        page[y] = np.roll(page[y], -bow[y])
    return page, 850.0 + slope * ys - bow


@pytest.mark.parametrize(("slope", "bend_px", "seed"), [(-0.008, 3, 1), (0.009, 4, 2)])
def test_a_wide_bent_crease_is_fitted_on_its_path_and_cleared(slope, bend_px, seed):
    page, path = creased(slope, bend_px, seed)
    found = [c for c in creases.find_creases(page) if not c.across]
    assert len(found) == 1
    crease = found[0]
    ys = np.arange(page.shape[0])
    assert np.abs(crease.position(ys) - path).max() <= crease.half
    level = np.full_like(page, 230)
    dark = np.where(level.astype(np.int16) - page >= 12, 255, 0).astype(np.uint8)
    assert np.count_nonzero(dark[:, 800:900].any(axis=1)) > 0.5 * page.shape[0]  # it is ink
    left = creases.clear(dark, [crease], page, level)[100:-100]  # the page's ends hold no names
    assert np.count_nonzero(left[:, 800:900].any(axis=1)) < 0.02 * page.shape[0]
