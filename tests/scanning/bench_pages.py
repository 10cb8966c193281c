"""Pages drawn exactly as ``bench/scan.py`` draws its lists (66 names on A4, number 0; 11 on
A5, number 1: their spec, seed and index): a test regenerates a row a benchmark run measured.
Both take the lists from ``daihoi.scanning.synthetic.sample``; tests import no bench code."""

import numpy as np

from daihoi.scanning import synthetic
from daihoi.scanning.synthetic.sample import SIZES, list_spec


def bench_ballot(
    index: int, conditions=synthetic.HELD_OUT, *, encoded: bool = False, number: int = 0
):
    """(template, scan, truth) of ballot ``index`` of list ``number`` under ``conditions``;
    ``encoded``: through the scanner's JPEG, as ``bench/scan.py --long --store`` and
    ``scan_same`` keep it."""
    spec, size = list_spec(number), SIZES[number][2]
    template = synthetic.ballot_template(spec, size)
    blank = synthetic.ballot_image(spec, page_size=size)
    rng = np.random.default_rng([conditions.seed, number, index])
    if encoded:
        jpeg, truth = synthetic.synthetic_ballot(
            template, blank, rng, conditions=conditions, encoded=True
        )
        return template, synthetic.decode_scan(jpeg), truth
    scan, truth = synthetic.synthetic_ballot(template, blank, rng, conditions=conditions)
    return template, scan, truth


def assert_page_right(reading, truth):
    """Nothing on the page decided against the truth."""
    for row in reading.rows:
        if not row.uncertain:
            assert row.position not in truth.kinds, row.position
            assert row.mark is truth[row.position], row.position
