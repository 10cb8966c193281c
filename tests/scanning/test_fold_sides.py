"""Clean names on a folded ballot whose sides lie apart: each side of the fold is read where it
lies (session 8), so the print displaced with one side is not taken for pen hidden on the
letters. Each page is drawn exactly as ``bench/scan.py`` draws the tuning set (its spec, seed,
index and JPEG), so the rows are those the benchmark measured."""

import pytest

from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page, read_page_with_evidence
from daihoi.scanning.omr.types import Mark
from tests.scanning.bench_pages import assert_page_right, bench_ballot


def bench_page(set_name: str, index: int):
    return bench_ballot(index, synthetic.SETS[set_name], encoded=True)


@pytest.mark.parametrize(
    ("index", "position"),
    [
        (98, 1),  # hidden ink 0.146 with the row at its mean shift, the rules 2 px apart
        (69, 45),  # 0.114
    ],
)
def test_a_clean_name_on_a_displaced_fold_is_kept(index, position):
    template, scan, truth = bench_page("tuning", index)
    assert truth[position] is Mark.KEPT and position not in truth.kinds
    reading, evidence = read_page_with_evidence(scan, template)
    row = reading.rows[position - 1]
    assert evidence[position - 1].creased
    assert not row.uncertain and row.mark is Mark.KEPT, (row.confidence, row.reason)
    assert_page_right(reading, truth)


@pytest.mark.parametrize(("ink", "down"), [(52, 3), (52, -3), (150, 2), (190, 3), (190, 2)])
def test_a_light_strike_along_a_displaced_fold_still_goes_to_a_person(ink, down):
    """The sides placed by their rules drop no scan row but those the displacement doubled:
    a light strike drawn along the crease, the part below it lying ``down`` px off, is still
    seen as ink on the letters (test_real_paper's strike along a crease, on a displaced fold).
    The faint ones (ink 150-190) are cleared whole with the crease: only the hidden-ink check,
    the sides placed by their rules, sees them (0.13-0.17 along the line, cut 0.12)."""
    from tests.scanning.test_real_paper import strike_along_a_crease

    template, scan = strike_along_a_crease(ink, ink + down, down)
    reading = read_page(scan, template)
    third = reading.rows[2]
    assert third.uncertain or third.mark is Mark.STRUCK, third
