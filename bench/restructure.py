"""Benchmark of restructuring: a merge of 20,000 members, against a row-by-row merge,
and the tree of the demo province on a past day.

    .venv/bin/python bench/restructure.py            # a throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/restructure.py
                                                     # a throwaway PostgreSQL database
                                                     # on that server (created, then dropped)

1. Two identical districts, each with four chi bộ/đảng bộ cơ sở of 5,000 members
   (2,500 in five cells, 2,500 sitting directly in the unit): 20,000 members per
   district. One district's four units are merged into a new one by the service
   (organizations.restructure.merge_into_new: set-based SQL); the other's by the
   naive way, one row at a time (each member, each of its history rows, each cell
   and its versions saved on its own, in one transaction — kinder to the naive
   code than a transaction per row). Both end with the same rows; the ratio is
   printed.
2. The demo province (60,000 members), rearranged to its 2025 shape, then its
   tree (children with member and unit counts, and the province's total) on
   30/06/2025, on 15/01/2025 and today: the median of five runs each.
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

UNITS, CELLS, PER_CELL, DIRECT = 4, 5, 500, 2500
ON = dt.date(2025, 7, 1)


def main() -> int:
    from scratch import scratch_database

    with scratch_database() as (engine, _tmp):
        from django.test.utils import override_settings

        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            run(engine)
    return 0


def run(engine: str) -> None:
    from daihoi.demo.generator import build_demo
    from daihoi.demo.reshape2025 import reshape_2025

    started = time.perf_counter()
    build_demo(2025)
    built = time.perf_counter() - started
    started = time.perf_counter()
    counts = reshape_2025(2025)
    reshaped = time.perf_counter() - started
    print(
        f"demo [{engine}]: 60,000-member province built in {built:.0f} s; 2025 shape by "
        f"{counts['decisions']} decisions in {reshaped:.1f} s"
    )
    as_of_tree(engine)
    merge(engine)
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


# ---- 1. the merge ----------------------------------------------------------------------


def district(tag: str):
    """A district with UNITS grassroots of CELLS cells; members in bulk, with history."""
    from daihoi.demo.bulk import insert_instances
    from daihoi.organizations.history import analyze, backfill_versions
    from daihoi.organizations.models import Organization
    from daihoi.organizations.services import create_organization
    from daihoi.people.history import backfill_assignments
    from daihoi.people.models import Member

    root = Organization.objects.filter(code="B").first() or create_organization(
        None, code="B", name="Đảng bộ tỉnh Thử", level="province", kind="province"
    )
    top = create_organization(
        None,
        code=f"B{tag}",
        name=f"Đảng bộ huyện {tag}",
        level="district",
        kind="rural_district",
        parent=root,
    )
    units, members, n = [], [], 0
    for u in range(UNITS):
        unit = create_organization(
            None,
            code=f"B{tag}{u}",
            name=f"Đảng bộ xã {tag}{u}",
            level="grassroots",
            kind="commune",
            parent=top,
        )
        units.append(unit)
        holders = [unit] * DIRECT
        for c in range(CELLS):
            cell = create_organization(
                None,
                code=f"B{tag}{u}C{c}",
                name=f"Chi bộ {c}",
                level="cell",
                kind="village",
                parent=unit,
            )
            holders += [cell] * PER_CELL
        for holder in holders:
            n += 1
            member = Member(
                code=f"B{tag}{n:06d}",
                family_name="Nguyễn",
                middle_name="Văn",
                given_name=f"Thử {n}",
                gender="male",
                birth_date=dt.date(1980, 1, 1),
                admitted_on=dt.date(2005, 5, 19),
                organization=holder,
            )
            member.fill_derived_names()
            members.append(member)
    insert_instances(members)
    backfill_versions()
    backfill_assignments()
    analyze()  # as after any bulk load (PostgreSQL); both ways below profit alike
    return top, units


def merge(engine: str) -> None:
    from daihoi.organizations import restructure
    from daihoi.organizations.restructure import Decision

    fast_top, fast_units = district("F")
    slow_top, slow_units = district("S")
    decision = Decision("1-QĐ/HU", ON)
    started = time.perf_counter()
    restructure.merge_into_new(
        None, fast_units, code="BFN", name="Đảng bộ xã Mới F", decision=decision
    )
    fast = time.perf_counter() - started
    started = time.perf_counter()
    naive_merge(slow_top, slow_units)
    slow = time.perf_counter() - started
    check_same(fast_top, slow_top)
    total = UNITS * (CELLS * PER_CELL + DIRECT)
    print(
        f"restructure [{engine}]: merge of {UNITS} organisations with {total:,} members "
        f"({UNITS * DIRECT:,} moving directly, {UNITS * CELLS} cells re-hung, all history "
        f"written): {fast:.2f} s; naive row by row: {slow:.1f} s; ratio {slow / fast:.0f}x"
    )


def naive_merge(top, units) -> None:
    """What a first version would do: a save() per organisation, member and history row."""
    from django.db import transaction

    from daihoi.organizations.models import Organization, OrganizationVersion, path_segment
    from daihoi.people.models import Member, MemberAssignment

    with transaction.atomic():
        new = Organization.objects.create(
            code="BSN",
            name="Đảng bộ xã Mới S",
            level="grassroots",
            kind="commune",
            parent=top,
            founded_on=ON,
            path="pending",
        )
        new.path, new.depth = top.path + path_segment(new.pk), top.depth + 1
        new.save()
        OrganizationVersion.objects.create(
            organization=new,
            valid_from=ON,
            parent=top,
            path=new.path,
            depth=new.depth,
            name=new.name,
            level=new.level,
            kind=new.kind,
        )
        for unit in units:
            for cell in Organization.objects.filter(parent=unit):
                cell.parent, cell.path = new, new.path + path_segment(cell.pk)
                cell.depth = new.depth + 1
                cell.save()
                _naive_version(cell, ON)
            for member in Member.objects.filter(organization=unit, active=True):
                member.organization = new
                member.save()
                row = MemberAssignment.objects.get(member=member, valid_to__isnull=True)
                row.valid_to = ON
                row.save()
                MemberAssignment.objects.create(member=member, organization=new, valid_from=ON)
            unit.active, unit.dissolved_on = False, ON
            unit.save()
            _naive_version(unit, ON)


def _naive_version(org, on) -> None:
    from daihoi.organizations.models import OrganizationVersion

    version = OrganizationVersion.objects.get(organization=org, valid_to__isnull=True)
    version.valid_to = on
    version.save()
    OrganizationVersion.objects.create(
        organization=org,
        valid_from=on,
        parent=org.parent,
        path=org.path,
        depth=org.depth,
        name=org.name,
        level=org.level,
        kind=org.kind,
        active=org.active,
    )


def check_same(fast_top, slow_top) -> None:
    """Both ways end with the same shape: one active unit holding everybody, history closed."""
    from daihoi.organizations import selectors
    from daihoi.people.models import MemberAssignment

    for top in (fast_top, slow_top):
        children = [c for c in selectors.children_with_counts(top) if c.active]
        assert len(children) == 1 and children[0].member_total == UNITS * (
            CELLS * PER_CELL + DIRECT
        )
        moved = MemberAssignment.objects.filter(
            valid_to=ON, organization__path__startswith=top.path
        ).count()
        assert moved == UNITS * DIRECT, moved


# ---- 2. the tree on a past day ---------------------------------------------------------


def as_of_tree(engine: str) -> None:
    from daihoi.organizations import selectors
    from daihoi.organizations.models import Organization

    province = Organization.objects.get(code="99")
    timings = {}
    for label, day in (
        ("30/06/2025", dt.date(2025, 6, 30)),
        ("15/01/2025", dt.date(2025, 1, 15)),
        ("today", None),
    ):
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            children = selectors.children_with_counts(province, as_of=day)
            total = selectors.member_count(province, as_of=day)
            runs.append(time.perf_counter() - started)
        timings[label] = (statistics.median(runs), len(children), total)
    line = "; ".join(
        f"{label}: {t * 1000:.0f} ms ({n} children, {total:,} members)"
        for label, (t, n, total) in timings.items()
    )
    print(f"as_of tree [{engine}]: demo province, children with counts + total — {line}")


if __name__ == "__main__":
    sys.exit(main())
