"""Benchmark of the hall package's round trip against the counting it carries, same run.

    .venv/bin/python bench/hall_package.py          # SQLite (DATABASE_URL=postgres://… for PostgreSQL)

One election as the provincial IT centre counted it (70 names, 55 seats, 348
ballots in two boxes, each typed twice through the services, published). The hall
is simulated in the same scratch database (the package loaded as a second copy of
the congress). A tiny round (one box of two ballots) runs first and is not
measured: it pays Django's first-call costs. Phases: export (server), import (hall), counting (hall: the
baseline), return (hall), upload check (server: what the upload request still does
since session 6, not counted in the ratio), import-return (server: the merge job). Printed: wall and CPU seconds of
this process for each, and the ratio of the four package steps together to the
counting. Goal: the package's whole overhead costs less than typing the ballots
(ratio < 1); exit status 1 otherwise.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NAMES, SEATS, BOXES, PER_BOX = 70, 55, 2, 174


class Timer:
    def __init__(self):
        self.rows = []

    def __call__(self, label, fn, *args):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn(*args)
        self.rows.append((label, time.perf_counter() - wall, time.process_time() - cpu))
        return result


def setup(tag: str):
    from daihoi.accounts.models import Role, User
    from daihoi.congresses.services import create_congress, update_attendance
    from daihoi.elections import entry, lists
    from daihoi.organizations.services import create_organization

    mk = create_organization
    province = mk(None, code=f"T{tag}", name=f"Tỉnh {tag}", level="province", kind="province")
    organiser = User.objects.create_user(f"to_chuc{tag}", password="x", organization=province)
    organiser.role = Role.STAFF
    organiser.save()
    congress = create_congress(organiser, province, name="Đại hội tỉnh A", kind="delegates")
    update_attendance(organiser, congress, summoned=350, present=350)
    election = lists.create_election(
        organiser, congress, kind="committee", title="Bầu Ban Chấp hành", seats=SEATS
    )
    for i in range(NAMES):
        lists.add_candidate(organiser, election, full_name=f"Nguyễn Văn Người{i:03d}")
    lists.approve_list(organiser, election)
    users = [User.objects.create_user(u + tag, password="x", organization=province) for u in "abc"]
    entry.create_team(None, congress, name="Tổ 1", leader=users[0], members=users[1:])
    return organiser, congress


def count_on_hall(copy, organiser, boxes=BOXES, per_box=PER_BOX):
    from daihoi.elections import entry, results
    from daihoi.elections.models import Election
    from daihoi.elections.services_extra import set_ballots_issued

    election = Election.objects.get(congress=copy)
    team = copy.counting_teams.get()
    ops = list(team.members.exclude(pk=team.leader_id).order_by("username"))[:2]
    rng = random.Random(20)
    for number in range(1, boxes + 1):
        box = entry.create_batch(team.leader, election, team=team, number=number)
        ballots = [sorted(rng.sample(range(1, NAMES + 1), NAMES - SEATS)) for _ in range(per_box)]
        for op in ops:
            typed = entry.start_entry(op, box)
            for struck in ballots:
                entry.save_ballot(op, typed, {"struck": struck})
            entry.finalise_entry(op, typed)
    set_ballots_issued(organiser, election, boxes * per_box)
    results.publish_result(organiser, election)


def main() -> int:
    from scratch import scratch_database

    with scratch_database("hall_pkg") as (engine, _tmp):
        from daihoi.audit.verify import verify_chain
        from daihoi.hall import keys
        from daihoi.hall.export import export_package
        from daihoi.hall.giveback import build_return
        from daihoi.hall.load import import_package
        from daihoi.hall.merge import check_envelope, import_return

        # A tiny first round (one box of 2 ballots) warms Django up; the second is measured.
        for tag, size in (("01", (1, 2)), ("02", (BOXES, PER_BOX))):
            organiser, congress = setup(tag)
            t = Timer()
            package, content, key = t("export", export_package, organiser, congress)
            copy = t("import", import_package, content, keys.parse(keys.show(key))).congress
            t("counting (baseline)", count_on_hall, copy, organiser, *size)
            returned = t("return", build_return, copy)
            t("upload check", check_envelope, returned, congress)
            merged = t("import-return", import_return, organiser, returned)
            assert merged.created and verify_chain().ok
        for label, wall, cpu in t.rows:
            print(f"hall_package [{engine}] {label:20s} wall {wall:6.2f} s  cpu {cpu:6.2f} s")
        steps = [r for r in t.rows if r[0] not in ("counting (baseline)", "upload check")]
        base = next(r for r in t.rows if r[0] == "counting (baseline)")
        check, merge = (
            next(r for r in t.rows if r[0] == n) for n in ("upload check", "import-return")
        )
        print(
            f"hall_package [{engine}]: the upload request now checks in {check[2] * 1000:.1f} ms CPU "
            f"instead of merging in {merge[2] * 1000:.0f} ms CPU (the merge is a job)"
        )
        ratio_cpu = sum(r[2] for r in steps) / base[2]
        ratio_wall = sum(r[1] for r in steps) / base[1]
        print(
            f"hall_package [{engine}]: {BOXES * PER_BOX} ballots x2, {NAMES} names; "
            f"package steps / counting = {ratio_cpu:.2f} (cpu), {ratio_wall:.2f} (wall); "
            f"files {len(content) // 1024} KB out, {len(returned) // 1024} KB back; goal < 1"
        )
        return 0 if ratio_cpu < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
