"""The ballot lists the scanning benchmark draws (``bench/scan.py``: 66 names on A4, list 0;
11 names on A5, list 1), defined once here so that a test redraws exactly a page a benchmark
run measured (``tests/scanning/bench_pages.py``) and the readings' sample shares the ballot's
wording (``tests/scanning/reader_golden.py``)."""

from __future__ import annotations

from daihoi.elections.ballot_paper import BallotSpec

SIZES = ((66, 55, "A4"), (11, 9, "A5"))  # names, seats, paper of list 0 and list 1
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
GIVEN = ("Thị Ánh Tuyết", "Văn Đức", "Thị Hương", "Quốc Cường", "Hữu Lộc", "Ngọc Ẩn", "Minh Ước")


def names(count: int) -> tuple[str, ...]:
    """The first ``count`` candidates, family by family."""
    return tuple(f"{f} {g}" for f in FAMILIES for g in GIVEN)[:count]


def list_spec(number: int, candidates=None, layout_id: str | None = None) -> BallotSpec:
    """List ``number``'s ballot: its candidates (default ``names``) and layout id (default
    the benchmark's, which the printed code carries)."""
    count, seats, _ = SIZES[number]
    return BallotSpec(
        organization="Ban Chấp hành Đảng bộ xã Đông Hòa",
        congress="Đại hội đại biểu Đảng bộ xã Đông Hòa lần thứ XV, nhiệm kỳ 2025–2030",
        title="Phiếu bầu Ban Chấp hành Đảng bộ xã Đông Hòa khóa XV, nhiệm kỳ 2025–2030",
        round=1,
        seats=seats,
        candidates=tuple(candidates) if candidates is not None else names(count),
        election_id=300 + number,
        layout_id=layout_id or f"bench-scan-{number}",
    )
