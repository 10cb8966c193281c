"""Writing outside the rows is flagged however light the pen; a shadow along the sheet's edge
or a crease's remnant in a margin is not writing (issue 18, another scanner's pages)."""

import numpy as np
import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr.creases import Crease
from daihoi.scanning.omr.outside import _inside_band
from daihoi.scanning.omr.reader import read_page
from daihoi.scanning.synthetic.scanner import Scanner
from tests.scanning.bench_pages import bench_ballot
from tests.scanning.test_omr_reader import paper


def written(seed: int, pen_grey: int | None):
    """A clean 20-name ballot and the same with writing outside the rows, its strokes
    lightened to ``pen_grey`` (None: the pen as drawn)."""
    template, blank = paper(20, 15)
    rng = np.random.default_rng(seed)
    clean = synthetic.draw_marks(blank, template, synthetic.random_marks(template, rng), rng)
    page = clean.copy()
    assert synthetic.draw_writing(page, template, rng)
    if pen_grey is not None:
        page = np.where(page < clean, np.maximum(page, pen_grey), page).astype(np.uint8)
    return template, clean, page, rng


@pytest.mark.parametrize(("seed", "pen_grey"), [(1, None), (2, 150), (3, 175)])
def test_writing_in_a_light_pen_is_flagged(seed, pen_grey):
    template, clean, page, rng = written(seed, pen_grey)
    assert "writing_outside" in read_page(synthetic.simulate_scan(page, rng), template).flags
    assert "writing_outside" not in read_page(synthetic.simulate_scan(clean, rng), template).flags


@pytest.mark.parametrize("seed", [4, 5])
def test_a_deep_shadow_along_an_edge_is_not_writing(seed):
    template, clean, _, rng = written(seed, None)
    lid = Scanner(shadow=(0.4, 0.4))
    scan = synthetic.simulate_scan(clean, rng, scanner=lid)
    assert "writing_outside" not in read_page(scan, template).flags


@pytest.mark.parametrize("index", [5, 6, 34, 57])
def test_another_scanners_creases_and_shadows_are_not_writing_and_writing_is(index):
    # A4 66-name pages through the other scanner: 5, 6 and 57 were flagged for a crease's
    # remnant or a shadow the paper's tone did not follow; 34 carries writing
    from tests.scanning.reader_golden import _spec

    template = synthetic.ballot_template(_spec(0), "A4")
    blank = synthetic.ballot_image(_spec(0), page_size="A4")
    other = synthetic.OTHER_SCANNER
    rng = np.random.default_rng([other.seed, 0, index])
    scan, truth = synthetic.synthetic_ballot(template, blank, rng, conditions=other)
    assert ("writing_outside" in read_page(scan, template).flags) == truth.writing_outside


def test_a_crease_remnant_inside_the_found_crease_band_is_not_writing():
    # held-out A5 page 10 of bench/scan_same.py: a crease found across the instructions left a
    # remnant where it crosses the edges of their letters, inside the band it was cleared over
    template, scan, truth = bench_ballot(10, encoded=True, number=1)
    assert not truth.writing_outside
    assert "writing_outside" not in read_page(scan, template).flags


def test_a_mark_taller_than_the_crease_band_stays_writing():
    crease = Crease(True, at=500.0, slope=0.01, half=6)
    assert _inside_band((100, 497, 80, 8), crease)  # the line at 501–501.8, band ± 6 (+ 2)
    assert not _inside_band((100, 480, 80, 24), crease)  # a word's height crosses the band
    assert not _inside_band((100, 520, 80, 8), crease)  # beside it
    down = Crease(False, at=300.0, slope=0.0, half=4)
    assert _inside_band((298, 100, 6, 90), down) and not _inside_band((290, 100, 30, 90), down)
