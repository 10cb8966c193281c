"""Two readers' speed side by side: CPU milliseconds per ballot of this tree's reader and of
another tree's (the code before a change), measured in turns in the same run.

Run (the other tree: e.g. ``git worktree add /tmp/before main``, or ``git archive`` of it):

    .venv/bin/python bench/scan_ab.py --before /tmp/before [--rounds 6] [--pages 40]

The machine is shared, so wall time says little and even CPU time drifts with the load:
each tree runs in its own process (one core, OpenCV on one thread) and they take turns,
round after round, on the same pages; the figures are the median over the rounds of CPU ms
per ballot. Measured per list (66 names on A4, 11 names on A5):

* reading only: ``read_page`` on decoded pages (the synthetic tuning set, kept as PNG in
  ``--cache``, shared with ``bench/scan_same.py``);
* end to end (``--end-to-end N`` pages, 0: skip): the scanner's PDF of N pages through
  ``services.create_scan`` and ``services.process_scan`` into each process's scratch
  database (SQLite unless DATABASE_URL names PostgreSQL), after one warm-up scan.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent


def serve(tree: str, mode: str, number: int, pages: int, cache: str) -> None:
    """In a child process: set up, say "ready", then time one pass per line read from stdin."""
    sys.path[:0] = [str(Path(tree) / "bench"), tree]
    import cv2

    cv2.setNumThreads(1)
    once = _reading(number, pages, cache) if mode == "read" else _end_to_end(number, pages)
    once()  # warm-up: templates, references, caches
    print("ready", flush=True)
    for _ in sys.stdin:
        start = time.process_time()
        once()
        print(json.dumps(1000 * (time.process_time() - start) / pages), flush=True)


def _reading(number: int, pages: int, cache: str):
    import cv2
    from scan import generate, paper

    from daihoi.scanning.omr.reader import read_page

    template = paper(number)[0]
    scans = []
    for i in range(pages):  # the PNGs bench/scan_same.py keeps, made here when missing
        path = Path(cache) / f"tuning-{number}-{i}.png"
        if not path.exists():
            cv2.imwrite(str(path), generate(("tuning", number, i))[1])
        scans.append(cv2.imread(str(path), cv2.IMREAD_UNCHANGED))

    def once():
        for scan in scans:
            read_page(scan, template)

    return once


_KEEP: list = []


def _end_to_end(number: int, pages: int):
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-key")
    warnings.filterwarnings("ignore", message="No directory at")
    from scratch import scratch_database

    database = scratch_database("bench_scan_ab")
    database.__enter__()  # left to the process's exit: the parent kills it when done
    _KEEP.append(database)  # (a context manager let go of would drop the database now)
    from scan import _election, generate, paper

    from daihoi.elections.lists import ballot_spec
    from daihoi.scanning import services, synthetic

    batch, leader = _election(number)
    paper(number, ballot_spec(batch.election))
    files = [
        (
            "hop.pdf",
            synthetic.scanned_pdf([generate(("tuning", number, i))[1] for i in range(pages)]),
        )
    ]

    def once():
        scan = services.create_scan(leader, batch, files)
        services.process_scan(scan, files)
        services.discard_scan(leader, scan, "đo tốc độ")

    return once


def compare(trees: dict[str, str], mode: str, number: int, pages: int, rounds: int, cache):
    """Median CPU ms per ballot of each tree, taking turns."""
    children = {
        label: subprocess.Popen(
            [sys.executable, __file__, "--serve", tree, mode, str(number), str(pages), str(cache)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for label, tree in trees.items()
    }
    try:
        for child in children.values():
            if child.stdout.readline().strip() != "ready":
                raise SystemExit("a child process failed to start")
        seen: dict[str, list[float]] = {label: [] for label in children}
        for k in range(rounds):
            order = list(children) if k % 2 == 0 else list(children)[::-1]
            for label in order:
                children[label].stdin.write("go\n")
                children[label].stdin.flush()
                seen[label].append(json.loads(children[label].stdout.readline()))
        return {label: statistics.median(values) for label, values in seen.items()}, seen
    finally:
        for child in children.values():
            child.kill()
            child.wait()


def main() -> int:
    if sys.argv[1:2] == ["--serve"]:
        tree, mode, number, pages, cache = sys.argv[2:7]
        serve(tree, mode, int(number), int(pages), cache)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", required=True, help="the other tree's root")
    parser.add_argument("--after", default=str(HERE.parent), help="default: this tree")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--pages", type=int, default=40, help="pages read per round")
    parser.add_argument("--end-to-end", type=int, default=24, help="pages per scan, 0: skip")
    parser.add_argument("--lists", default="0,1", help="0: 66 names A4, 1: 11 names A5")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/daihoi-scan-same"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    trees = {"before": str(Path(args.before).resolve()), "after": args.after}
    labels = ("66 names, A4", "11 names, A5")
    modes = [("read", args.pages, "reading only")]
    if args.end_to_end:
        modes.append(("e2e", args.end_to_end, "end to end"))
    for number in map(int, args.lists.split(",")):
        for mode, pages, what in modes:
            medians, seen = compare(trees, mode, number, pages, args.rounds, args.cache)
            before, after = medians["before"], medians["after"]
            # Each round's two figures were taken under the same load: their ratio is steadier.
            ratio = statistics.median(
                b / a for b, a in zip(seen["before"], seen["after"], strict=True)
            )
            print(
                f"{labels[number]}, {what}: before {before:.1f} ms CPU per ballot "
                f"({1000 / before:.1f}/s), after {after:.1f} ({1000 / after:.1f}/s); "
                f"before/after per round, median {ratio:.2f}x "
                f"(load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
            print(
                "  rounds, ms: "
                + "; ".join(
                    f"{b:.0f}/{a:.0f}" for b, a in zip(seen["before"], seen["after"], strict=True)
                ),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
