"""Benchmark of the ballot digests: sealing a box at reconciliation and checking it again.

    .venv/bin/python bench/audit_seal.py [--ballots 350] [--entries 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/audit_seal.py

One box of the provincial size from DOMAIN (348 ballots × 55 seats, typed on three
computers), its rows written directly (the per-ballot save path is not measured
here and the digest adds nothing to it). Timed, best of five: `seal_batch` (hash
every leaf, record the root in the chain) and `check_batch` (what `daihoi audit
verify` does per box). Baseline, in the same run: rewriting the box's counted
ballots (delete + bulk insert), the work reconciliation does anyway.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch import scratch_database  # noqa: E402

SEATS, CANDIDATES = 55, 60


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def build(ballots: int, entries: int):
    from django.db import transaction

    from daihoi.accounts.models import Role, User
    from daihoi.congresses.services import create_congress, update_attendance
    from daihoi.elections import entry, lists
    from daihoi.elections.models import BatchEntry, CountedBallot, EnteredBallot
    from daihoi.organizations.services import create_organization

    org = create_organization(
        None, code="T", name="Đảng bộ tỉnh", level="province", kind="province"
    )
    users = [
        User.objects.create_user(f"u{i}", password="x", organization=org, role=Role.COUNTING)
        for i in range(entries + 1)
    ]
    congress = create_congress(users[0], org, name="Đại hội", kind="delegates")
    update_attendance(users[0], congress, summoned=400, present=ballots)
    election = lists.create_election(None, congress, kind="committee", title="Bầu BCH", seats=SEATS)
    for i in range(CANDIDATES):
        lists.add_candidate(None, election, full_name=f"Nguyễn Văn Số{i:02d}")
    election = lists.approve_list(None, election)
    team = entry.create_team(None, congress, name="Tổ 1", leader=users[0], members=users[1:])
    batch = entry.create_batch(None, election, team=team, number=1)
    rng = random.Random(2010)
    papers = [
        {"struck": sorted(rng.sample(range(1, CANDIDATES + 1), CANDIDATES - SEATS))}
        for _ in range(ballots)
    ]
    with transaction.atomic():
        for slot, user in enumerate(users[1:], 1):
            e = BatchEntry.objects.create(batch=batch, operator=user, slot=slot, status="finalised")
            EnteredBallot.objects.bulk_create(
                EnteredBallot(entry=e, seq=i, content=c, valid=True)
                for i, c in enumerate(papers, 1)
            )
        CountedBallot.objects.bulk_create(
            CountedBallot(batch=batch, seq=i, content=c, valid=True)
            for i, c in enumerate(papers, 1)
        )
    return batch, papers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=348)
    parser.add_argument("--entries", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ["DAIHOI_AUDIT_KEY_FILE"] = str(Path(tempfile.mkdtemp()) / "audit.key")
    with scratch_database("audit_seal") as (engine, _tmp):
        from django.db import transaction

        from daihoi.elections.ballot_digest import check_batch, seal_batch
        from daihoi.elections.models import CountedBallot

        batch, papers = build(args.ballots, args.entries)

        def rewrite():
            with transaction.atomic():
                CountedBallot.objects.filter(batch=batch).delete()
                CountedBallot.objects.bulk_create(
                    CountedBallot(batch=batch, seq=i, content=c, valid=True)
                    for i, c in enumerate(papers, 1)
                )

        def seal():
            with transaction.atomic():
                seal_batch(None, batch, "reconcile")

        baseline = best(rewrite)
        sealed = best(seal)
        checked = best(lambda: check_batch(batch))
        assert check_batch(batch) is None
        rows = args.ballots * (args.entries + 1)
        print(f"{engine}: one box, {args.ballots} ballots × {args.entries} entries ({rows} rows)")
        print(f"  baseline, rewrite the counted ballots: {baseline * 1000:7.1f} ms")
        print(
            f"  seal the box (leaves + chain entry):   {sealed * 1000:7.1f} ms  ({sealed / baseline:.2f}× baseline)"
        )
        print(
            f"  check the box (audit verify):          {checked * 1000:7.1f} ms  ({checked / baseline:.2f}× baseline)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
