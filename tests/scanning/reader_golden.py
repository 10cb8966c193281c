"""The reader's readings of a fixed sample of synthetic pages, kept to catch a speed-up that
changes a decision.

The sample: the first ``PER_KIND`` ballots of each synthetic set (tuning, held-out) for
each list size (66 names on A4, 11 on A5), drawn exactly as ``bench/scan.py`` draws them.
``data/reader_golden.json`` holds what the reader made of each: the page's status and
flags, and per row the mark, the confidence, whether a person decides and why.

A change meant to alter readings (the reader's accuracy work) rewrites the file on
purpose, and the diff shows which rows changed:

    .venv/bin/python -m tests.scanning.reader_golden --write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2
import numpy as np

from daihoi.elections.ballot_paper import BallotSpec
from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page
from daihoi.scanning.synthetic.sample import list_spec

GOLDEN = Path(__file__).parent / "data" / "reader_golden.json"
PER_KIND = 3
# (names, seats, page size), as in bench/scan.py
LISTS = ((66, 55, "A4"), (11, 9, "A5"))
_PEOPLE = [
    f"{family} {given}"
    for family in ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng")
    for given in (
        "Thị Ánh Tuyết",
        "Văn Đức",
        "Thị Hương",
        "Quốc Cường",
        "Hữu Lộc",
        "Minh Ước",
        "Ngọc Ẩn",
    )
]


def _spec(number: int) -> BallotSpec:
    return list_spec(number, _PEOPLE[: LISTS[number][0]], f"golden-{number}")


def readings() -> dict[str, dict]:
    """Key "set/size/index" → what the reader made of that page (see the module docstring)."""
    cv2.setNumThreads(1)
    out = {}
    for number, (_, _, size) in enumerate(LISTS):
        template = synthetic.ballot_template(_spec(number), size)
        blank = synthetic.ballot_image(_spec(number), page_size=size)
        for conditions in (
            synthetic.TUNING,
            synthetic.HELD_OUT,
        ):  # the sets it is tuned and checked on
            name = conditions.name
            for index in range(PER_KIND):
                rng = np.random.default_rng([conditions.seed, number, index])
                scan, _ = synthetic.synthetic_ballot(template, blank, rng, conditions=conditions)
                out[f"{name}/{size}/{index}"] = _plain(read_page(scan, template))
    return out


def _plain(reading) -> dict:
    return {
        "status": str(reading.status),
        "flags": list(reading.flags),
        "rows": [
            [r.position, str(r.mark), float(r.confidence), bool(r.uncertain), r.reason]
            for r in reading.rows
        ],
    }


def stored() -> dict[str, dict]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.scanning.reader_golden --write")
    GOLDEN.write_text(json.dumps(readings(), indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {GOLDEN}")
