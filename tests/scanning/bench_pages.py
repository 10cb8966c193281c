"""Pages drawn exactly as ``bench/scan.py`` draws its 66-name A4 list (its spec, seed and
index): a test regenerates a row a benchmark run measured. Tests import no bench code, so
the list is spelt out here once."""

import numpy as np

from daihoi.elections.ballot_paper import BallotSpec
from daihoi.scanning import synthetic

FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
GIVEN = ("Thị Ánh Tuyết", "Văn Đức", "Thị Hương", "Quốc Cường", "Hữu Lộc", "Ngọc Ẩn", "Minh Ước")


def bench_spec() -> BallotSpec:
    return BallotSpec(
        organization="Ban Chấp hành Đảng bộ xã Đông Hòa",
        congress="Đại hội đại biểu Đảng bộ xã Đông Hòa lần thứ XV, nhiệm kỳ 2025–2030",
        title="Phiếu bầu Ban Chấp hành Đảng bộ xã Đông Hòa khóa XV, nhiệm kỳ 2025–2030",
        round=1,
        seats=55,
        candidates=tuple(f"{f} {g}" for f in FAMILIES for g in GIVEN)[:66],
        election_id=300,
        layout_id="bench-scan-0",
    )


def bench_ballot(index: int, conditions=synthetic.HELD_OUT, *, encoded: bool = False):
    """(template, scan, truth) of ballot ``index`` under ``conditions``; ``encoded``: through
    the scanner's JPEG, as ``bench/scan.py --long --store`` and ``scan_same`` keep it."""
    spec = bench_spec()
    template = synthetic.ballot_template(spec, "A4")
    blank = synthetic.ballot_image(spec, page_size="A4")
    rng = np.random.default_rng([conditions.seed, 0, index])
    if encoded:
        jpeg, truth = synthetic.synthetic_ballot(
            template, blank, rng, conditions=conditions, encoded=True
        )
        return template, synthetic.decode_scan(jpeg), truth
    scan, truth = synthetic.synthetic_ballot(template, blank, rng, conditions=conditions)
    return template, scan, truth
