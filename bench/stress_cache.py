"""Fill a ``bench/scan_same.py`` cache with stress pages: the set's conditions with a mark
that is not a strike on 30 % of the rows (``other_mark_rate=0.3``), seeds as
``bench/scan.py`` draws them (``[conditions.seed, list number, index]``). ``scan_same.py``
then reads them from that cache like any other page (``--cache`` the same folder, ``--sets``
and ``--offset`` as given here):

    .venv/bin/python bench/stress_cache.py --cache /tmp/stress --sets tuning --a4 100
    .venv/bin/python bench/scan_same.py --cache /tmp/stress --sets tuning --a4 100 --a5 0 ...

Keep stress pages in their own cache: their names are the plain pages' names.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from scan import paper  # noqa: E402

from daihoi.scanning import synthetic  # noqa: E402

RATE = 0.3  # rows with a mark that is not a strike (docs/scanning.md's stress runs)


def fill(cache: Path, set_name: str, number: int, index: int) -> None:
    stem = cache / f"{set_name}-{number}-{index}"
    if stem.with_suffix(".pickle").exists():
        return
    conditions = replace(synthetic.SETS[set_name], other_mark_rate=RATE)
    template, blank = paper(number)
    rng = np.random.default_rng([conditions.seed, number, index])
    jpeg, truth = synthetic.synthetic_ballot(
        template, blank, rng, conditions=conditions, encoded=True
    )
    cv2.imwrite(str(stem.with_suffix(".png")), synthetic.decode_scan(jpeg))
    stem.with_suffix(".pickle").write_bytes(pickle.dumps(truth))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--sets", choices=("tuning", "held-out"), required=True)
    parser.add_argument("--a4", type=int, default=60)
    parser.add_argument("--a5", type=int, default=0)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    cv2.setNumThreads(1)
    for number, count in enumerate((args.a4, args.a5)):
        for index in range(args.offset, args.offset + count):
            fill(args.cache, args.sets, number, index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
