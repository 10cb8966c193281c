"""Pages drawn exactly as ``bench/scan.py`` draws its lists (66 names on A4, number 0; 11 on
A5, number 1: their spec, seed and index): a test regenerates a row a benchmark run measured. Tests import no bench code, so
the list is spelt out here once."""

import numpy as np

from daihoi.elections.ballot_paper import BallotSpec
from daihoi.scanning import synthetic

FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
GIVEN = ("Thị Ánh Tuyết", "Văn Đức", "Thị Hương", "Quốc Cường", "Hữu Lộc", "Ngọc Ẩn", "Minh Ước")


SIZES = ((66, 55, "A4"), (11, 9, "A5"))  # names, seats, paper of each list


def bench_spec(number: int = 0) -> BallotSpec:
    count, seats, _ = SIZES[number]
    return BallotSpec(
        organization="Ban Chấp hành Đảng bộ xã Đông Hòa",
        congress="Đại hội đại biểu Đảng bộ xã Đông Hòa lần thứ XV, nhiệm kỳ 2025–2030",
        title="Phiếu bầu Ban Chấp hành Đảng bộ xã Đông Hòa khóa XV, nhiệm kỳ 2025–2030",
        round=1,
        seats=seats,
        candidates=tuple(f"{f} {g}" for f in FAMILIES for g in GIVEN)[:count],
        election_id=300 + number,
        layout_id=f"bench-scan-{number}",
    )


def bench_ballot(
    index: int, conditions=synthetic.HELD_OUT, *, encoded: bool = False, number: int = 0
):
    """(template, scan, truth) of ballot ``index`` of list ``number`` under ``conditions``;
    ``encoded``: through the scanner's JPEG, as ``bench/scan.py --long --store`` and
    ``scan_same`` keep it."""
    spec, size = bench_spec(number), SIZES[number][2]
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
