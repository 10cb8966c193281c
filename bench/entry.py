"""Benchmark of the double entry: ten counting teams typing ballots at once through the API.

    .venv/bin/python bench/entry.py                      # a throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/entry.py
                                                         # a throwaway PostgreSQL database
                                                         # on that server (created, then dropped)

One election of 60 names for 50 seats (strike-through ballots), ten teams, each
with one ballot box of 200 seeded ballots and two operators. Ten workers, one
per team, each a thread with its own database connection and Django test
`Client`s logged in as its operators, go through the real JSON API: the first
operator types the 200 ballots and finalises, then the second types them again
and finalises, and the box reconciles. Every save is timed: 4,000 saves.
Throughput is saves over the wall time of the phase, logins and finalising included.

The baseline, measured in the same run: one worker alone entering an eleventh
box the same way; the ratio says what ten teams at once gain over one. At the
end the count is checked against the generated ballots.
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CANDIDATES, SEATS = 60, 50
SEED = 2025


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=10, help="teams typing at once")
    parser.add_argument("--ballots", type=int, default=200, help="ballots in each box")
    args = parser.parse_args(argv)
    # Measure as deployed: DEBUG off (no query log kept per request).
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-key")
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic
    from scratch import scratch_database

    with scratch_database("bench_entry") as (engine, _tmp):
        return run(engine, args.workers, args.ballots)


# ---- the congress, its election and its counting teams -------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Quốc", "Minh", "Thanh", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hùng", "Lan", "Long", "Mai"]


def set_up(boxes: int):
    """An election with its list approved, and per box a team: (batch id, [operator 1, 2])."""
    from daihoi.accounts.models import Role, User
    from daihoi.congresses.services import create_congress, update_attendance
    from daihoi.elections import entry, lists
    from daihoi.organizations.services import create_organization

    org = create_organization(
        None, code="T99", name="Đảng bộ tỉnh Thử Nghiệm", level="province", kind="province"
    )

    def user(username: str, role: str):
        # No password: the workers log in with force_login, and hashing would dominate set-up.
        return User.objects.create_user(username=username, organization=org, role=role)

    organiser = user("to_chuc", Role.STAFF)
    congress = create_congress(organiser, org, name="Đại hội thử tải", kind="delegates")
    update_attendance(organiser, congress, summoned=2400, present=2300)
    election = lists.create_election(
        organiser, congress, kind="committee", title="Bầu Ban Chấp hành", seats=SEATS
    )
    names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
    for name in random.Random(SEED).sample(names, CANDIDATES):
        lists.add_candidate(organiser, election, full_name=name)
    election = lists.approve_list(organiser, election)
    teams = []
    for n in range(1, boxes + 1):
        ops = [user(f"nhap{n}_{k}", Role.COUNTING) for k in (1, 2)]
        leader = user(f"to_truong{n}", Role.COUNTING)
        team = entry.create_team(organiser, congress, name=f"Tổ {n}", leader=leader, members=ops)
        teams.append((entry.create_batch(organiser, election, team=team, number=n).pk, ops))
    return election, teams


def make_box(rnd: random.Random, ballots: int) -> list[dict]:
    """Mostly valid ballots (10–14 names struck); now and then one keeping too many names,
    or one the team set aside as signed."""
    box = []
    for _ in range(ballots):
        roll = rnd.random()
        if roll < 0.02:
            box.append({"invalid": "signed_or_marked"})
            continue
        strikes = rnd.randint(3, 9) if roll < 0.06 else rnd.randint(10, 14)
        box.append({"struck": sorted(rnd.sample(range(1, CANDIDATES + 1), strikes))})
    return box


# ---- the workers ---------------------------------------------------------------------


def enter_box(batch_id: int, operators, box: list[dict]) -> list[float]:
    """Both independent entries of one box through the API; the latency of every save."""
    from django.test import Client

    latencies = []
    for operator in operators:
        client = Client()
        client.force_login(operator)
        started = client.post(f"/api/elections/batches/{batch_id}/entries")
        assert started.status_code == 200, started.content
        entry_id = started.json()["entry_id"]
        url = f"/api/elections/entries/{entry_id}/ballots"
        for ballot in box:
            t0 = time.perf_counter()
            saved = client.post(url, ballot, content_type="application/json")
            latencies.append(time.perf_counter() - t0)
            assert saved.status_code == 201, saved.content
        done = client.post(
            f"/api/elections/entries/{entry_id}/finalise",
            {"count": len(box)},
            content_type="application/json",
        )
        assert done.status_code == 200, done.content
    return latencies


def in_threads(jobs: list) -> tuple[float, list[float]]:
    """Run the jobs at once, one thread and one connection each: (wall seconds, latencies)."""
    from django.db import connection

    barrier = threading.Barrier(len(jobs) + 1)
    latencies: list[float] = []
    failures: list[BaseException] = []

    def run(job):
        try:
            barrier.wait()
            latencies.extend(job())  # list.extend is atomic under the GIL
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if failures:
        raise failures[0]
    return wall, latencies


def warm_up(election) -> None:
    """One request first, so the URL patterns and the API's schemas are built before timing."""
    from django.test import Client

    client = Client()
    client.force_login(election.congress.counting_teams.first().leader)
    assert client.get(f"/api/elections/{election.pk}").status_code == 200


def summary(wall: float, latencies: list[float]) -> str:
    q = statistics.quantiles(latencies, n=100)
    return (
        f"p50 {q[49] * 1000:.1f} ms, p95 {q[94] * 1000:.1f} ms, "
        f"{len(latencies) / wall:.0f} ballots/s"
    )


def run(engine: str, workers: int, ballots: int) -> int:
    from daihoi.elections import results
    from daihoi.elections.judging import judge

    election, teams = set_up(workers + 1)
    warm_up(election)
    rnd = random.Random(SEED)
    boxes = [make_box(rnd, ballots) for _ in teams]
    alone_id, alone_ops = teams[-1]

    wall, latencies = in_threads([lambda: enter_box(alone_id, alone_ops, boxes[-1])])
    alone_rate = len(latencies) / wall
    baseline = summary(wall, latencies)
    jobs = [
        (lambda b=batch_id, o=ops, box=box: enter_box(b, o, box))
        for (batch_id, ops), box in zip(teams[:-1], boxes[:-1], strict=True)
    ]
    wall, latencies = in_threads(jobs)
    print(
        f"entry [{engine}]: {len(latencies)} saves by {workers} workers: {summary(wall, latencies)}"
    )
    print(
        f"entry [{engine}]: baseline, one worker alone: {baseline}; "
        f"{workers} workers at once give {len(latencies) / wall / alone_rate:.1f}x its throughput"
    )

    typed = [b for box in boxes for b in box]
    valid = sum(judge(b, CANDIDATES, SEATS).valid for b in typed)
    state = results.progress(election)
    result = results.compute_result(election)
    counted = (state["complete"], result["collected"], result["valid"])
    if counted != (True, len(typed), valid):
        print(f"entry [{engine}]: count is wrong: {counted}", file=sys.stderr)
        return 1
    print(
        f"entry [{engine}]: check: {state['reconciled']} boxes reconciled, "
        f"{result['collected']} ballots counted ({valid} valid), as generated"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
