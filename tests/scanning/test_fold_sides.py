"""Clean names on a folded ballot whose sides lie apart: each side of the fold is read where it
lies (session 8), so the print displaced with one side is not taken for pen hidden on the
letters. Each page is drawn exactly as ``bench/scan.py`` draws the tuning set (its spec, seed,
index and JPEG), so the rows are those the benchmark measured."""

import numpy as np
import pytest

from daihoi.elections.ballot_paper import BallotSpec
from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page_with_evidence
from daihoi.scanning.omr.types import Mark

# bench/scan.py's 66-name A4 list (tests import no bench code, so it is spelt out here)
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
GIVEN = ("Thị Ánh Tuyết", "Văn Đức", "Thị Hương", "Quốc Cường", "Hữu Lộc", "Ngọc Ẩn", "Minh Ước")


def bench_page(set_name: str, index: int):
    spec = BallotSpec(
        organization="Ban Chấp hành Đảng bộ xã Đông Hòa",
        congress="Đại hội đại biểu Đảng bộ xã Đông Hòa lần thứ XV, nhiệm kỳ 2025–2030",
        title="Phiếu bầu Ban Chấp hành Đảng bộ xã Đông Hòa khóa XV, nhiệm kỳ 2025–2030",
        round=1,
        seats=55,
        candidates=tuple(f"{f} {g}" for f in FAMILIES for g in GIVEN)[:66],
        election_id=300,
        layout_id="bench-scan-0",
    )
    template = synthetic.ballot_template(spec, "A4")
    blank = synthetic.ballot_image(spec, page_size="A4")
    conditions = synthetic.SETS[set_name]
    rng = np.random.default_rng([conditions.seed, 0, index])
    jpeg, truth = synthetic.synthetic_ballot(
        template, blank, rng, conditions=conditions, encoded=True
    )
    return template, synthetic.decode_scan(jpeg), truth


def assert_page_right(reading, truth):
    """Nothing on the page decided against the truth."""
    for row in reading.rows:
        if not row.uncertain:
            assert row.position not in truth.kinds, row.position
            assert row.mark is truth[row.position], row.position


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
