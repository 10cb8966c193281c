"""Does a change to the reader read every page as before? Readings of synthetic pages, written
to a file, then compared with another reader's (a speed-up must not move a decision).

Run on the reader before the change, then on the reader after it:

    .venv/bin/python bench/scan_same.py --out /tmp/before.json
    .venv/bin/python bench/scan_same.py --out /tmp/after.json --against /tmp/before.json

The pages: the first ``--a4`` ballots of the 66-name A4 list and ``--a5`` of the 11-name A5
list of each synthetic set (tuning and held-out), drawn exactly as ``bench/scan.py`` draws them
(320 pages by default). Generating them costs more than reading them, so the scans and their
truth are kept in ``--cache`` (PNG and pickle) and reused by the next run. ``--offset N``
takes the ballots from index N (a held-out range no change was tuned on), ``--sets`` one
set only; every run prints, per set, the wrong automatic decisions and the rows to a person
by reason against the truth.

Written per page: status, message, flags and, per row, the mark, confidence, whether a person
decides, the reason, the crop and the measures behind the reading (coverage, stray pen, box
shares, zones, creased, hidden ink). With ``--against``: every page and row that differs is
printed with what the generator drew there, and each side's wrong automatic decisions and
rows to a person are counted against the truth. Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
from scan import LISTS, generate, paper  # noqa: E402

from daihoi.scanning.omr.reader import read_page_with_evidence  # noqa: E402

SETS = ("tuning", "held-out")


def pages(a4: int, a5: int, offset: int = 0, sets=SETS) -> list[tuple[str, int, int]]:
    """(set, list number, index) of every page compared, indices from ``offset``."""
    return [
        (s, n, i)
        for s in sets
        for n, count in enumerate((a4, a5))
        for i in range(offset, offset + count)
    ]


def cached(job, cache: Path):
    """(scan, truth) of one page, generated once and kept in ``cache``."""
    set_name, number, index = job
    stem = cache / f"{set_name}-{number}-{index}"
    if not stem.with_suffix(".pickle").exists():
        _, scan, truth = generate(job)
        cv2.imwrite(str(stem.with_suffix(".png")), scan)
        stem.with_suffix(".pickle").write_bytes(pickle.dumps(truth))
    scan = cv2.imread(str(stem.with_suffix(".png")), cv2.IMREAD_UNCHANGED)
    return scan, pickle.loads(stem.with_suffix(".pickle").read_bytes())


def plain(reading, evidence) -> dict:
    """What is compared of one page: everything the reader decided, and why."""
    rows = []
    for row, found in zip(reading.rows, evidence, strict=True):
        z = found.zones
        rows.append(
            {
                "position": row.position,
                "mark": str(row.mark),
                "confidence": float(row.confidence),
                "uncertain": bool(row.uncertain),
                "reason": row.reason,
                "crop": [int(v) for v in row.crop],
                "measures": [
                    float(v)
                    for v in (
                        found.coverage,
                        found.stray_mm2,
                        found.agree,
                        found.disagree,
                        z.through,
                        z.below,
                        z.above,
                        z.line,
                        z.any,
                        z.both,
                        found.creased,
                        found.hidden,
                    )
                ],
            }
        )
    return {
        "status": str(reading.status),
        "message": reading.message,
        "flags": list(reading.flags),
        "rows": rows,
    }


def read_all(jobs, cache: Path) -> tuple[dict, dict, dict]:
    """(key → plain reading, key → truth, list number → [CPU seconds, pages])."""
    cv2.setNumThreads(1)
    templates = {n: paper(n)[0] for n in range(len(LISTS))}
    for n, template in templates.items():  # build each reference outside the timing
        read_page_with_evidence(paper(n)[1], template)
    out, truths, cpu = {}, {}, {n: [0.0, 0] for n in templates}
    for job in jobs:
        scan, truth = cached(job, cache)
        start = time.process_time()
        reading, evidence = read_page_with_evidence(scan, templates[job[1]])
        cpu[job[1]][0] += time.process_time() - start
        cpu[job[1]][1] += 1
        key = "/".join(map(str, job))
        out[key], truths[key] = plain(reading, evidence), truth
    return out, truths, cpu


def judge(reading: dict, truth) -> Counter:
    """Wrong automatic decisions and rows to a person on one page, against the truth."""
    seen = Counter()
    for row in reading["rows"]:
        kind = truth.kinds.get(row["position"])
        if row["uncertain"]:
            seen["to a person"] += 1
        elif kind is not None or row["mark"] != str(truth[row["position"]]):
            seen["wrong"] += 1
    return seen


def summary(readings: dict, truths: dict) -> None:
    """Per set: rows, wrong automatic decisions, rows to a person by reason (a row whose
    truth is a mark that is not a strike counted apart: a person must decide it)."""
    for set_name in SETS:
        seen, reasons, rows = Counter(), Counter(), 0
        for key, reading in readings.items():
            if not key.startswith(set_name + "/"):
                continue
            seen += judge(reading, truths[key])
            rows += len(reading["rows"])
            for row in reading["rows"]:
                if row["uncertain"]:
                    drawn = " (drawn)" if row["position"] in truths[key].kinds else ""
                    reasons[row["reason"] + drawn] += 1
        if rows:
            share = 100 * seen["to a person"] / rows
            by = ", ".join(f"{k} {v}" for k, v in reasons.most_common())
            print(f"{set_name}: {rows} rows, {seen['wrong']} wrong automatic, ", end="")
            print(f"{seen['to a person']} to a person ({share:.2f} %: {by})")


def compare(before: dict, after: dict, truths: dict) -> int:
    """Print what differs between two readings of the same pages; the number of pages that do."""
    changed = 0
    totals = {"before": Counter(), "after": Counter()}
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key], after[key]
        totals["before"] += judge(old, truths[key])
        totals["after"] += judge(new, truths[key])
        if old == new:
            continue
        changed += 1
        page = {k: old[k] for k in ("status", "message", "flags")}
        if page != {k: new[k] for k in page}:
            print(f"{key}: page {page} → { ({k: new[k] for k in page}) }")
        truth = truths[key]
        for o, n in zip(old["rows"], new["rows"], strict=False):
            if o != n:
                drawn = truth.kinds.get(o["position"]) or str(truth[o["position"]])
                print(f"{key} row {o['position']} (drawn: {drawn}):\n  before {o}\n  after  {n}")
    missing = sorted(before.keys() ^ after.keys())
    if missing:
        print(f"pages in one file only: {missing}")
    rows = sum(len(r["rows"]) for r in after.values())
    for side, seen in totals.items():
        print(f"{side}: {seen['wrong']} wrong automatic, {seen['to a person']} to a person")
    print(f"{len(after)} pages, {rows} rows compared; pages that differ: {changed}")
    return changed + len(missing)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="readings written here (JSON)")
    parser.add_argument("--against", type=Path, help="readings of the reader before (JSON)")
    parser.add_argument("--a4", type=int, default=100, help="A4 66-name ballots per set")
    parser.add_argument("--a5", type=int, default=60, help="A5 11-name ballots per set")
    parser.add_argument("--offset", type=int, default=0, help="first ballot index of each list")
    parser.add_argument("--sets", choices=(*SETS, "both"), default="both")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/daihoi-scan-same"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    sets = SETS if args.sets == "both" else (args.sets,)
    jobs = pages(args.a4, args.a5, args.offset, sets)
    readings, truths, cpu = read_all(jobs, args.cache)
    args.out.write_text(json.dumps(readings, ensure_ascii=False) + "\n", "utf-8")
    for n, (seconds, count) in cpu.items():
        if count:
            print(f"{LISTS[n][0]}: {1000 * seconds / count:.1f} ms CPU per page read ({count})")
    summary(readings, truths)
    if args.against is None:
        return 0
    before = json.loads(args.against.read_text("utf-8"))
    return 1 if compare(before, readings, truths) else 0


if __name__ == "__main__":
    sys.exit(main())
