"""Dots and short strokes drawn on the printed letters that hidden.py measured below its cuts
and the reader decided kept (session 8, tuning stress run: the 66-name A4 list of
bench/scan.py, a mark that is not a strike on 30 % of the rows). letters.py fits the print
at full resolution where hidden.py found a little ink: each goes to a person now, and
nothing else on its page is decided against the truth."""

from dataclasses import replace

import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page
from tests.scanning.bench_pages import bench_ballot

STRESS = replace(synthetic.TUNING, other_mark_rate=0.3)


@pytest.mark.parametrize(
    ("index", "position", "drawn"),
    [
        (9, 45, "dot"),  # in the "a" of Phan: hidden.py 0.095 (round) / 0.095 (along)
        (21, 34, "dot"),  # on Hoàng: 0.038 / 0.024
        (93, 55, "dot"),  # 0.069 / 0.048
        (26, 1, "short"),  # through the "ế" of Tuyết: 0.099 / 0.106
    ],
)
def test_a_dot_on_the_letters_hidden_py_missed_goes_to_a_person(index, position, drawn):
    template, scan, truth = bench_ballot(index, STRESS)
    assert truth.kinds.get(position) == drawn
    reading = read_page(scan, template)
    row = reading.rows[position - 1]
    assert row.uncertain and row.reason == "dot", (row.mark, row.confidence, row.reason)
    for other in reading.rows:  # and nothing else on the page decided against the truth
        if not other.uncertain:
            assert other.position not in truth.kinds, other.position
            assert other.mark is truth[other.position], other.position
