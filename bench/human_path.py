"""Benchmark of the hall's human-time path: scanner as entry 1, keyboard as entry 2, reconcile, minutes.

    .venv/bin/python bench/human_path.py            # SQLite, then PostgreSQL (both throwaway)
    .venv/bin/python bench/human_path.py --databases sqlite --ballots 100

348 ballots of a 70-name / 55-seat list (issue 17's hall) in four boxes, one
typist per box (the four operators), on a scratch database with production
settings (DEBUG off):

1. the voters' ballots are the project's synthetic scans of the printed A4 ballot
   (`daihoi.scanning.synthetic`: pens, strikes, scanner distortions; seeded);
2. entry 1 is the scanner: the scan services read the pages with every core
   (`daihoi scan`'s path), a person decides each row the reader left to them
   (here: as the voter meant it), and the scan is finalised against the paper count;
3. entry 2 is a typist through the JSON API (`POST …/ballots` per ballot, then
   `…/finalise`), typing what the voters meant;
4. the entries are compared (and differences, if any, decided by the leader as the
   scan read them), the result is published and the minutes PDF printed.

Printed: the server's share (every service call and request, timed), the time a
person spends (typing at 4 keystrokes/s; 5 s per row decided by a person), and
the scanner's reading time, which runs while the typists type. Goals (issue 17):
the server's share under 10 s, the reading done before the typing, the whole
path under 10 minutes of human time. Exit status 1 when one is missed. The
synthetic scans are made once per run and shared by both databases' runs.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scratch import database_cpu, private_tmp  # noqa: E402

KEYS_PER_SECOND = 4.0
SECONDS_PER_DECISION = 5.0
GOAL_SERVER_S = 10.0
GOAL_HUMAN_S = 600.0
BOXES = 4  # and four operators, one per box


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--ballots", type=int, default=348)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--scans", help=argparse.SUPPRESS)  # folder shared by the runs
    args = parser.parse_args(argv)
    if args.one:
        os.environ["DEBUG"] = "0"
        os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-key")
        from scratch import scratch_database

        with scratch_database("bench_path") as (engine, _tmp):
            return measure(engine, args.ballots, Path(args.scans))
    status = 0
    with tempfile.TemporaryDirectory(prefix="scans-", dir=private_tmp()) as scans:
        for engine in args.databases.split(","):
            url = args.postgres_url if engine == "postgresql" else ""
            child = [sys.executable, __file__, "--ballots", str(args.ballots), "--one", engine]
            child += ["--scans", scans]
            status = max(
                status,
                subprocess.call(
                    child, env={**os.environ, "TMPDIR": private_tmp(), "DATABASE_URL": url}
                ),
            )
    return status


def scans(spec, ballots: int, folder: Path):
    """The synthetic scans (one PDF per box of the four) and the voters' truths, made once."""
    import hashlib
    import pickle

    from daihoi.scanning import synthetic

    key = hashlib.sha256(f"{spec.qr_payload}|{ballots}".encode()).hexdigest()[:16]
    stored = folder / f"{key}.pickle"
    if stored.exists():
        return pickle.loads(stored.read_bytes())
    pairs = synthetic.synthetic_ballots(spec, ballots, seed=17, page_size="A4")
    boxes = []
    for k in range(BOXES):
        part = pairs[k::BOXES]
        pdf = synthetic.scanned_pdf([image for image, _ in part])
        boxes.append((pdf, [{p: str(m) for p, m in truth.items()} for _, truth in part]))
    stored.write_bytes(pickle.dumps(boxes))
    return boxes


class Clock:
    """Adds up the server's share: every call made through `run`, in wall time and in CPU
    time (which, unlike wall time, other users' load barely moves): this process's, and
    on PostgreSQL the CPU of the database backend serving it."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def run(self, step: str, function, *args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time() + database_cpu()
        answer = function(*args, **kwargs)
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - start
        used = time.process_time() + database_cpu() - cpu
        self.cpu[step] = self.cpu.get(step, 0.0) + used
        self.calls[step] = self.calls.get(step, 0) + 1
        return answer


def set_up(names: int = 70, seats: int = 55):
    from daihoi.accounts.models import Role, User
    from daihoi.accounts.services import set_full_name
    from daihoi.congresses.services import create_congress, update_attendance
    from daihoi.elections import entry, lists
    from daihoi.organizations.services import create_organization

    org = create_organization(
        None, code="T97", name="Đảng bộ tỉnh Đường Đi", level="province", kind="province"
    )
    people = []
    logins = [("to_chuc", "Nguyễn Văn Tổ"), ("truong_ban", "Trần Thị Trưởng")]
    logins += [("may_quet", "Lê Văn Quét")]
    logins += [(f"go_phim{k}", f"Phạm Thị Gõ {'ABCD'[k]}") for k in range(BOXES)]
    for login, full in logins:
        role = Role.STAFF if login == "to_chuc" else Role.COUNTING
        user = User.objects.create_user(username=login, organization=org, role=role)
        people.append(set_full_name(None, user, full))
    organiser, leader, scanner, *typists = people
    congress = create_congress(organiser, org, name="Đại hội thử đường đi", kind="delegates")
    update_attendance(organiser, congress, summoned=350, present=348)
    election = lists.create_election(
        organiser, congress, kind="committee", title="Bầu Ban Chấp hành khóa mới", seats=seats
    )
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"]
    given = ["An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Lâm", "Minh", "Nga", "Phúc"]
    for k in range(names):
        lists.add_candidate(organiser, election, full_name=f"{family[k % 7]} Văn {given[k // 7]}")
    election = lists.approve_list(organiser, election)
    team = entry.create_team(
        organiser, congress, name="Tổ 1", leader=leader, members=[scanner, *typists]
    )
    batches = [
        entry.create_batch(organiser, election, team=team, number=k + 1) for k in range(BOXES)
    ]
    return organiser, leader, scanner, typists, election, batches


def typed_line(content: dict) -> str:
    """What the typist types for a ballot: the struck numbers, then Enter."""
    return " ".join(str(p) for p in content.get("struck", [])) + "\n"


def measure(engine: str, ballots: int, folder: Path) -> int:
    from django.db import connection
    from django.test import Client

    from daihoi.elections import results
    from daihoi.elections.lists import ballot_spec

    organiser, leader, scanner, typists, election, batches = set_up()
    # One database connection for the whole run, so that its backend's CPU is all counted.
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = None
    tag = f"path [{engine}]"
    started = time.perf_counter()
    boxes = scans(ballot_spec(election), ballots, folder)
    print(f"{tag}: {ballots} synthetic scans ready in {time.perf_counter() - started:.0f} s")
    clock, reading, decided, differences, typing = Clock(), 0.0, 0, 0, []
    warm = Client()
    warm.force_login(organiser)
    warm.get(f"/api/elections/{election.pk}")  # URL patterns and API schemas built once
    for batch, typist, (pdf, truths) in zip(batches, typists, boxes, strict=True):
        read, queued = scan_box(clock, scanner, batch, pdf, truths)
        reading, decided = reading + read, decided + queued
        typed = type_box(clock, typist, batch, truths)
        typing.append(sum(len(typed_line(c)) for c in typed) / KEYS_PER_SECOND)
        differences += decide_differences(clock, leader, batch)
    clock.run("publish", results.publish_result, organiser, election)
    pdf_answer = clock.run("minutes PDF", warm.get, f"/elections/{election.pk}/minutes.pdf")
    assert pdf_answer.status_code == 200 and pdf_answer.content.startswith(b"%PDF")
    counted = results.compute_result(election)["collected"]
    assert counted == ballots, counted
    return report(tag, clock, reading, typing, decided, differences)


def scan_box(clock: Clock, scanner, batch, pdf: bytes, truths) -> tuple[float, int]:
    """Entry 1 of a box: read with every core, a person decides the unsure rows, finalise."""
    from daihoi.scanning import adjudication, services
    from daihoi.scanning.models import ScanBatch

    scan = clock.run("scan: upload", services.create_scan, scanner, batch, [("hom.pdf", pdf)])
    start = time.perf_counter()
    scan = services.process_scan(scan, [("hom.pdf", pdf)], workers=os.cpu_count() or 1)
    reading = time.perf_counter() - start
    queue = clock.run("scan: review queue", adjudication.queue, scan)
    for item in queue:
        value = "ok" if item.position == 0 else truths[item.page.number - 1][item.position]
        clock.run("scan: decisions", adjudication.decide, scanner, item.page, item.position, value)
    scan = ScanBatch.objects.get(pk=scan.pk)
    clock.run("scan: finalise", services.finalise_scan, scanner, scan, len(truths))
    return reading, len(queue)


def type_box(clock: Clock, typist, batch, truths) -> list[dict]:
    """Entry 2 of a box through the JSON API, typing what the voters meant."""
    from django.test import Client

    client = Client()
    client.force_login(typist)
    api = "/api/elections"
    started = clock.run("typist: start", client.post, f"{api}/batches/{batch.pk}/entries")
    url = f"{api}/entries/{started.json()['entry_id']}/ballots"
    typed = [{"struck": sorted(int(p) for p, m in t.items() if m == "struck")} for t in truths]
    for content in typed:
        saved = clock.run("typist: ballots", client.post, url, content, "application/json")
        assert saved.status_code == 201, saved.content
    done = clock.run(
        "typist: finalise + compare",
        client.post,
        url.replace("/ballots", "/finalise"),
        {"count": len(typed)},
        "application/json",
    )
    assert done.status_code == 200, done.content
    return typed


def decide_differences(clock: Clock, leader, batch) -> int:
    """The leader decides each differing ballot as the scan read it (after a person's check)."""
    from daihoi.elections import entry

    batch.refresh_from_db()
    if batch.status != "different":
        return 0
    finalised, comparison = entry.batch_comparison(batch)
    scan_slot = next(e.slot for e in finalised if e.source == "scan")
    choices = {d.seq: scan_slot for d in comparison.differences}
    clock.run("leader: decisions", entry.resolve_differences, leader, batch, choices, "Phiếu gốc")
    return len(choices)


def report(tag, clock: Clock, reading: float, typing: list[float], decided, differences) -> int:
    server = sum(clock.seconds.values())
    typists = max(typing)  # the four type at once; the slowest box decides
    person = (decided + differences) * SECONDS_PER_DECISION
    human = max(typists, reading) + person
    print(f"{tag}: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for step, seconds in clock.seconds.items():
        calls = clock.calls[step]
        print(
            f"{tag}:   {step}: {seconds:.2f} s wall, {clock.cpu[step]:.2f} s CPU "
            f"({calls} × {1000 * seconds / calls:.1f} ms)"
        )
    print(
        f"{tag}: server's share {server:.1f} s wall, {sum(clock.cpu.values()):.1f} s CPU "
        f"(goal < {GOAL_SERVER_S:g} s); scanner reading "
        f"{reading:.1f} s on {os.cpu_count()} cores, alongside {typists:.0f} s of typing "
        f"({len(typing)} typists at {KEYS_PER_SECOND:g} keys/s)"
    )
    print(
        f"{tag}: a person: {decided} rows decided after the reader, {differences} differences "
        f"for the leader; human time {human / 60:.1f} min, with the server "
        f"{(human + server) / 60:.1f} min (goal < {GOAL_HUMAN_S / 60:g} min); baseline, every "
        f"box typed twice by hand, two typists per box: {2 * typists / 60:.1f} min"
    )
    missed = []
    if server >= GOAL_SERVER_S:
        missed.append(f"server's share {server:.1f} s")
    if reading > typists:
        missed.append(f"reading {reading:.0f} s outlasts the typing {typists:.0f} s")
    if human + server >= GOAL_HUMAN_S:
        missed.append(f"{(human + server) / 60:.1f} min in all")
    for what in missed:
        print(f"{tag}: GOAL MISSED: {what}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
