"""Benchmark of the counting hall's other waits: reconcile, decisions, results, minutes, workbook.

    .venv/bin/python bench/hall.py                  # SQLite, then PostgreSQL (both throwaway)
    .venv/bin/python bench/hall.py --databases sqlite

Production settings (DEBUG off), a scratch database per engine, the user's whole
request through Django's handler (middleware, session, view, SQL, template or
renderer). Two elections are counted through the services first:

- 62 names / 50 seats, three boxes of 200 ballots typed twice with 4 differences
  each: the leader's reconcile page and decision (a POST that writes the box);
- 70 names / 55 seats, one box of 348 ballots typed twice alike, published, a
  committee of 9 with full names: the results page, the minutes (PDF, DOCX) laid
  out the first time and served stored afterwards, the results workbook.

Baseline, in the same run: the floor of any signed-in request here, the API's
`GET /api/elections/{id}` (one election and its list as JSON). Goals (issue 17):
reconcile page and decision < 200 ms, results page < 200 ms, minutes PDF and DOCX
< 1 s (first layout), workbook < 500 ms. Exit status 1 when one is missed.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scratch import database_cpu, private_tmp  # noqa: E402

GOALS_MS = {
    "reconcile page": 200,
    "leader's decision": 200,
    "results page": 200,
    "minutes PDF": 1000,
    "minutes DOCX": 1000,
    "results XLSX": 500,
}
COMMITTEE = [
    "Nguyễn Văn Ấn",
    "Trần Thị Bình",
    "Lê Quốc Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Giang",
    "Vũ Thị Hà",
    "Đặng Minh Hùng",
    "Bùi Thị Lan",
    "Đỗ Văn Long",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        os.environ["DEBUG"] = "0"
        os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-key")
        from scratch import scratch_database

        with scratch_database("bench_hall") as (engine, _tmp):
            return measure(engine, args.runs)
    status = 0
    for engine in args.databases.split(","):
        env = {
            **os.environ,
            "TMPDIR": private_tmp(),
            "DATABASE_URL": args.postgres_url if engine == "postgresql" else "",
        }
        child = [sys.executable, __file__, "--runs", str(args.runs), "--one", engine]
        status = max(status, subprocess.call(child, env=env))
    return status


def type_box(entry, batch, operators, box: list[dict], changed: dict[int, dict]) -> None:
    """Both entries of a box through the service; the second reads `changed` differently."""
    for slot, op in enumerate(operators):
        typed = entry.start_entry(op, batch)
        for seq, ballot in enumerate(box, start=1):
            entry.save_ballot(op, typed, changed.get(seq, ballot) if slot else ballot)
        entry.finalise_entry(op, typed)


def ballots(rng: random.Random, count: int, names: int, seats: int) -> list[dict]:
    surplus = names - seats
    return [{"struck": sorted(rng.sample(range(1, names + 1), surplus))} for _ in range(count)]


def set_up():
    from daihoi.accounts.models import Role, User
    from daihoi.accounts.services import set_full_name
    from daihoi.congresses.services import create_congress, update_attendance
    from daihoi.elections import entry, lists, results
    from daihoi.organizations.services import create_organization

    org = create_organization(
        None, code="T98", name="Đảng bộ tỉnh Hội Trường", level="province", kind="province"
    )

    def user(name: str, role: str = Role.COUNTING):
        return User.objects.create_user(username=name, organization=org, role=role)

    organiser = user("to_chuc", Role.STAFF)
    congress = create_congress(organiser, org, name="Đại hội thử hội trường", kind="delegates")
    update_attendance(organiser, congress, summoned=350, present=348)
    people = [user(f"kp{k}") for k in range(len(COMMITTEE))]
    for person, name in zip(people, COMMITTEE, strict=True):
        set_full_name(None, person, name)
    leader, ops = people[0], people[1:3]
    team = entry.create_team(organiser, congress, name="Tổ 1", leader=leader, members=people[1:])
    rng = random.Random(2025)

    def election(title: str, names: int, seats: int):
        made = lists.create_election(
            organiser, congress, kind="committee", title=title, seats=seats
        )
        for k in range(names):
            lists.add_candidate(organiser, made, full_name=f"Ứng Viên Số {k + 1:02d}")
        return lists.approve_list(organiser, made)

    to_reconcile = election("Bầu Ban Chấp hành (đối chiếu)", 62, 50)
    differing = []
    for number in (1, 2, 3):
        batch = entry.create_batch(organiser, to_reconcile, team=team, number=number)
        box = ballots(rng, 200, 62, 50)
        changed = {seq: {"struck": box[seq - 1]["struck"][1:]} for seq in (7, 55, 120, 199)}
        type_box(entry, batch, ops, box, changed)
        differing.append(batch)
    counted = election("Bầu Ban Chấp hành khóa mới", 70, 55)
    batch = entry.create_batch(organiser, counted, team=team, number=1)
    type_box(entry, batch, ops, ballots(rng, 348, 70, 55), {})
    results.publish_result(organiser, counted)
    return organiser, leader, differing, counted


def timed(function, runs: int) -> tuple[float, float, object]:
    """Median milliseconds over `runs` calls, wall and CPU (this process's and, on
    PostgreSQL, its backend's: other users' load barely moves it), and the last answer."""
    samples, cpus, answer = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time() + database_cpu()
        answer = function()
        samples.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() + database_cpu() - cpu) * 1000)
    return statistics.median(samples), statistics.median(cpus), answer


def measure(engine: str, runs: int) -> int:
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)  # as deployed (README)
    organiser, leader, differing, counted = set_up()
    connection.close()  # one connection from here on, so its backend's CPU is all counted
    connection.settings_dict["CONN_MAX_AGE"] = None
    tag = f"hall [{engine}]"
    staff, head = Client(), Client()
    staff.force_login(organiser)
    head.force_login(leader)
    base = f"/elections/{counted.pk}"
    figures: dict[str, float] = {}
    cpu: dict[str, float] = {}
    floor, floor_cpu, _ = timed(lambda: staff.get(f"/api/elections/{counted.pk}"), runs)

    def page(client, url: str, name: str) -> None:
        figures[name], cpu[name], answer = timed(lambda: client.get(url), runs)
        assert answer.status_code == 200, (url, answer.status_code)

    page(head, f"/elections/batches/{differing[0].pk}/reconcile/", "reconcile page")
    decisions, decisions_cpu = [], []
    for batch in differing:
        form = {f"ballot-{seq}": "1" for seq in (7, 55, 120, 199)}
        form["reason"] = "Đối chiếu phiếu gốc"
        ms, used, answer = timed(
            lambda b=batch, f=form: head.post(f"/elections/batches/{b.pk}/reconcile/resolve/", f), 1
        )
        assert answer.status_code == 302, answer.status_code
        decisions.append(ms)
        decisions_cpu.append(used)
    figures["leader's decision"] = statistics.median(decisions)
    cpu["leader's decision"] = statistics.median(decisions_cpu)
    page(staff, f"{base}/results/", "results page")
    stored = {}
    for name, url in (
        ("minutes PDF", f"{base}/minutes.pdf"),
        ("minutes DOCX", f"{base}/minutes.docx"),
        ("results XLSX", f"{base}/result.xlsx"),
    ):
        cache.clear()
        figures[name], cpu[name], answer = timed(lambda u=url: staff.get(u), 1)  # laid out now
        assert answer.status_code == 200, (url, answer.status_code)
        stored[name], _, _ = timed(lambda u=url: staff.get(u), runs)
    print(f"{tag}: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{tag}: baseline, GET /api/elections/{{id}}: {floor:.0f} ms ({floor_cpu:.0f} ms CPU)")
    missed = []
    for name, ms in figures.items():
        extra = f" (served stored: {stored[name]:.0f} ms)" if name in stored else ""
        goal = GOALS_MS[name]
        print(
            f"{tag}: {name}: {ms:.0f} ms ({cpu[name]:.0f} ms CPU){extra}, {ms / floor:.1f}x "
            f"baseline; goal < {goal} ms"
        )
        if ms >= goal:
            missed.append(name)
    for name in missed:
        print(f"{tag}: GOAL MISSED: {name}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
