"""Benchmark: a provincial candidate list of 62 names entered at once, on the demo province
(60,000 members), against the same 62 names added one at a time (the baseline, same run).

Run: .venv/bin/python bench/candidate_list.py [--small] [--names 62]
     (DATABASE_URL=postgres://…/daihoi_x for PostgreSQL: a scratch database beside it)

The clerk's path measured: the preview (each pasted line matched against the registry: some
typed without marks, some shared by two members, some outside it), then the save (every check
of a single addition, one transaction, the list renumbered, 62 audit entries). The baseline
is the single-addition service called 62 times, as the page did it name by name. Each figure
is wall time and this process's CPU time (on SQLite the database works in this process; on
PostgreSQL its server's time is outside it). Exits 1 when a goal below is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only")

from bench.scratch import scratch_database  # noqa: E402

# Goals: the save at least 3× faster than one addition at a time (a ratio, so both sides
# meet the same load), and preview + save within 5 s on a loaded machine.
GOAL_RATIO = 3.0
GOAL_S = 5.0


def clock(work):
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def pasted_text(province, count: int) -> str:
    """Lines as a clerk pastes them: numbered, half typed without marks, a few outside."""
    from daihoi.people.models import Member
    from daihoi.textnorm import fold

    names = Member.objects.filter(organization__path__startswith=province.path, active=True)
    members = []  # distinct names: a ballot cannot list two identical ones
    for name in names.order_by("code").values_list("full_name", flat=True)[: count * 30 : 3]:
        if name not in members:
            members.append(name)
    lines = []
    for i, name in enumerate(members[: count - 2], start=1):
        lines.append(f"{i}. {fold(name).title() if i % 2 else name}")
    lines += [f"{count - 1}. Người Ngoài Danh Sách", f"{count}. Khách Mời Thứ Hai"]
    return "\n".join(lines)


def election_for(congress, actor, title: str):
    from daihoi.congresses.services import update_attendance
    from daihoi.elections import lists

    if not congress.summoned:
        update_attendance(actor, congress, summoned=350, present=340)
    return lists.create_election(actor, congress, kind="committee", title=title, seats=55)


def rows_to_save(rows):
    from daihoi.elections.list_bulk import NewCandidate

    out = []
    for r in rows:
        chosen = r.chosen if r.chosen is not None else (r.members[0].pk if r.members else None)
        member = next((m for m in r.members if m.pk == chosen), None)
        out.append(NewCandidate(r.row, r.text, member=member))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="the 1,000-member demo")
    parser.add_argument("--names", type=int, default=62)
    args = parser.parse_args()
    with scratch_database("clerk_bench") as (engine, _tmp):
        from daihoi.accounts.models import User
        from daihoi.congresses.models import Congress
        from daihoi.demo.generator import build_demo
        from daihoi.elections import list_bulk, list_sources, lists
        from daihoi.reports.demo import build_demo_congresses

        started = time.perf_counter()
        build_demo(small=args.small)
        build_demo_congresses()
        print(f"[{engine}] demo province loaded in {time.perf_counter() - started:.0f} s")
        admin = User.objects.get(username="admin")
        congress = Congress.objects.filter(organization__level="province").first()
        text = pasted_text(congress.organization, args.names)

        one_by_one = election_for(congress, admin, "Bầu Ban Chấp hành (từng người)")
        baseline_rows = rows_to_save(
            list_sources.rows_from_text(list_sources.member_scope(one_by_one, admin), text)
        )

        def add_each():
            for r in baseline_rows:
                lists.add_candidate(admin, one_by_one, full_name=r.full_name, member=r.member)

        _none, base_wall, base_cpu = clock(add_each)

        at_once = election_for(congress, admin, "Bầu Ban Chấp hành (cả danh sách)")
        scope = list_sources.member_scope(at_once, admin)
        rows, preview_wall, preview_cpu = clock(lambda: list_sources.rows_from_text(scope, text))
        counts = {s: sum(r.status == s for r in rows) for s in ("exact", "several", "none")}
        new = rows_to_save(rows)
        _added, save_wall, save_cpu = clock(
            lambda: list_bulk.add_candidates(admin, at_once, new, source="paste")
        )
        assert at_once.candidates.count() == one_by_one.candidates.count() == len(rows)

        total = preview_wall + save_wall
        print(f"{len(rows)} names: {counts}")
        print(f"baseline, one at a time   wall {base_wall:6.2f} s  cpu {base_cpu:6.2f} s")
        print(f"preview (registry match)  wall {preview_wall:6.2f} s  cpu {preview_cpu:6.2f} s")
        print(f"save (all or nothing)     wall {save_wall:6.2f} s  cpu {save_cpu:6.2f} s")
        ratio = base_wall / save_wall if save_wall else float("inf")
        print(f"save vs one at a time: {ratio:.1f}× faster; preview + save {total:.2f} s")
        print(f"load average {os.getloadavg()[0]:.1f}")
        missed = []
        if ratio < GOAL_RATIO:
            missed.append(f"save only {ratio:.1f}× faster (goal {GOAL_RATIO:.0f}×)")
        if total > GOAL_S:
            missed.append(f"preview + save above {GOAL_S:.0f} s")
        for line in missed:
            print(f"← goal missed: {line}")
        return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
