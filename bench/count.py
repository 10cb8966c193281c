"""Benchmark: tally and decide 2,000 strike-through ballots over 250 candidates.

Run: .venv/bin/python bench/count.py [--ballots N] [--candidates N] [--runs N]

A provincial-size list with surplus (250 names, 200 seats: a 25 % surplus, the
law allows 30 %). Each voter strikes a random subset so that they keep at
most the seats; a few ballots strike everybody or nobody (invalid). Seeded, so
every run counts the same box. The engine's tally and decision (on judged
ballots) are timed against a straightforward per-ballot, per-candidate Python
loop measured in the same run; a second line times judging every ballot
first, against judging followed by the per-ballot loop. All must agree on the
result. Exit status 1 above the 50 ms target or below the 10x goal (issue 17).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from daihoi.rules.ballots import judge_struck  # noqa: E402
from daihoi.rules.tally import decide, tally  # noqa: E402

TARGET_MS = 50.0
GOAL_RATIO = 10.0


def make_box(ballots: int, candidates: int, seats: int, seed: int = 2025) -> list[list[int]]:
    """Each ballot as the list of positions struck; popular names are struck less."""
    rng = random.Random(seed)
    positions = list(range(1, candidates + 1))
    box = []
    for number in range(ballots):
        if number % 500 == 0:  # now and then a ballot that strikes everybody, or nobody
            box.append(positions[:] if number % 1000 == 0 else [])
            continue
        strikes = rng.randint(candidates - seats, candidates - seats + 40)
        # Weights make the result realistic: some names clear half, some do not.
        chosen: set[int] = set()
        while len(chosen) < strikes:
            chosen.add(rng.choices(positions, weights=[1 + p % 7 for p in positions])[0])
        box.append(sorted(chosen))
    return box


def judge_box(box, candidates, seats):
    return [judge_struck(struck, candidates, seats) for struck in box]


def count_with_engine(verdicts, candidates, seats, base):
    counted = tally(verdicts, candidates)
    return counted.votes, decide(counted.votes, seats, base).elected


def count_with_loop(verdicts, candidates, seats, base):
    """The baseline: look at every candidate on every valid ballot."""
    votes = [0] * candidates
    for verdict in verdicts:
        if not verdict.valid:
            continue
        for position in range(1, candidates + 1):
            if position not in verdict.struck:
                votes[position - 1] += 1
    ranked = sorted(
        (p for p in range(1, candidates + 1) if votes[p - 1] * 2 > base),
        key=lambda p: (-votes[p - 1], p),
    )
    return tuple(votes), tuple(ranked[:seats])


def judge_and_count(box, candidates, seats, base):
    return count_with_engine(judge_box(box, candidates, seats), candidates, seats, base)


def judge_and_loop(box, candidates, seats, base):
    return count_with_loop(judge_box(box, candidates, seats), candidates, seats, base)


def best_ms(function, runs: int, *args) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return best * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--candidates", type=int, default=250)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args(argv)
    seats = args.candidates * 4 // 5
    base = args.ballots
    box = make_box(args.ballots, args.candidates, seats)
    verdicts = judge_box(box, args.candidates, seats)
    sizes = (args.candidates, seats, base)
    engine_ms, engine = best_ms(count_with_engine, args.runs, verdicts, *sizes)
    loop_ms, loop = best_ms(count_with_loop, args.runs, verdicts, *sizes)
    whole_ms, whole = best_ms(judge_and_count, args.runs, box, *sizes)
    plain_ms, plain = best_ms(judge_and_loop, args.runs, box, *sizes)
    if not engine == loop == whole == plain:
        print("count: engine and baseline disagree", file=sys.stderr)
        return 1
    ratio = loop_ms / engine_ms
    print(
        f"count: {args.ballots} ballots x {args.candidates} candidates: {engine_ms:.1f} ms "
        f"(baseline per-ballot loop {loop_ms:.1f} ms, ratio {ratio:.1f}x)"
    )
    print(
        f"count: with judging every ballot first: {whole_ms:.1f} ms "
        f"(baseline judging then the loop {plain_ms:.1f} ms, ratio {plain_ms / whole_ms:.1f}x)"
    )
    if engine_ms > TARGET_MS or ratio < GOAL_RATIO:
        print(
            f"count: goal missed ({TARGET_MS:.0f} ms, {GOAL_RATIO:.0f}x the loop)", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
