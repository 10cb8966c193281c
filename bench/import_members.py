"""Benchmark of the Excel import: a province's 60,000 members, against saving row by row.

    .venv/bin/python bench/import_members.py            # a throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/import_members.py
                                                         # a throwaway PostgreSQL database
                                                         # on that server (created, then dropped)

It builds a seeded synthetic province (about 1,700 organisations, 60,000 members;
no real person's data), imports it with `import_workbook`, then measures the
naive way on a sample: per row, validate, look the organisation up and
`Member(...).save()` in its own transaction. The naive path does not even read
the file, so the ratio printed is, if anything, on the naive code's side.
"""

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "60000"))
NAIVE_SAMPLE = 3000
DISTRICTS, GRASSROOTS_PER_DISTRICT, CELLS_PER_GRASSROOTS = 12, 25, 7
SEED = 20250


def main() -> int:
    from scratch import scratch_database

    with scratch_database() as (engine, tmp):
        run(engine, tmp)
    return 0


def run(engine: str, tmp: Path) -> None:
    from daihoi.people.exporting import export_workbook
    from daihoi.people.importing import import_workbook

    organizations, members = synthetic_province(random.Random(SEED))
    path = tmp / "province.xlsx"
    path.write_bytes(_workbook(organizations, members))

    started = time.perf_counter()
    result = import_workbook(path, actor=None)
    elapsed = time.perf_counter() - started
    assert result.written and not result.errors, result.errors[:5]
    assert result.members_created == len(members), result

    naive_rate = naive_rate_per_second(members[:NAIVE_SAMPLE])
    rate = len(members) / elapsed
    print(
        f"import_members [{engine}]: {len(members)} members ({len(organizations)} organisations) "
        f"in {elapsed:.1f} s = {rate:.0f} members/s; naive save() per row: {naive_rate:.0f} "
        f"members/s; ratio {rate / naive_rate:.1f}x"
    )
    started = time.perf_counter()
    size = len(export_workbook())
    print(
        f"export_members [{engine}]: {len(members)} members in "
        f"{time.perf_counter() - started:.1f} s ({size / 1e6:.1f} MB)"
    )
    # Times are wall-clock: on a shared machine the load says how far to trust them.
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


def naive_rate_per_second(rows: list[tuple]) -> float:
    """What a first version would do: one lookup and one save() per row, each committed alone."""
    from django.db import transaction

    from daihoi.organizations.models import Organization
    from daihoi.people.excel_template import MEMBER_COLUMNS
    from daihoi.people.models import Member
    from daihoi.people.validation import validate_member

    fields = [c.field for c in MEMBER_COLUMNS]
    started = time.perf_counter()
    for row in rows:
        data, errors = validate_member(dict(zip(fields, row, strict=True)))
        assert not errors, errors
        organization = Organization.objects.get(code=data.pop("organization_code"))
        data["code"] = "N" + data["code"]  # beside the imported member, not on top of it
        with transaction.atomic():
            Member(**data, organization=organization).save()
    return len(rows) / (time.perf_counter() - started)


# ---- a synthetic province ------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE_MALE = ["Văn", "Đức", "Quốc", "Minh", "Hữu", "Công", "Thanh"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Nam", "Sơn", "Tuấn"]
GIVEN_FEMALE = ["Anh", "Chi", "Dung", "Hà", "Hoa", "Hương", "Lan", "Mai", "Nga", "Thảo"]
ETHNIC_NAMES = ["Kinh"] * 17 + ["Tày", "Thái", "HMông"]
EDUCATION = ["Đại học"] * 5 + ["Cao đẳng", "Sơ cấp, trung cấp nghề", "Thạc sĩ"]
THEORY = ["Sơ cấp"] * 6 + ["Trung cấp", "Trung cấp", "Cao cấp"]


def synthetic_province(rnd: random.Random) -> tuple[list[tuple], list[tuple]]:
    """Organisation rows and member rows in the template's column order."""
    orgs = [("T01", "Đảng bộ tỉnh Mẫu", "Đảng bộ tỉnh", "Tỉnh, thành phố", None, "Có", None)]
    units = []  # where members sit: cells, and grassroots organisations with no cells
    for d in range(1, DISTRICTS + 1):
        district = f"H{d:02d}"
        orgs.append((district, f"Đảng bộ huyện {d}", "Cấp trên cơ sở", "Huyện", "T01", "Có", None))
        for g in range(1, GRASSROOTS_PER_DISTRICT + 1):
            grassroots = f"{district}X{g:02d}"
            orgs.append((grassroots, f"Đảng bộ xã {d}-{g}", "Cơ sở", "Xã", district, "Có", None))
            if g % 3 == 0:  # a chi bộ cơ sở: members sit in it directly
                units.append(grassroots)
                continue
            for c in range(1, CELLS_PER_GRASSROOTS + 1):
                cell = f"{grassroots}C{c}"
                orgs.append(
                    (
                        cell,
                        f"Chi bộ thôn {c}",
                        "Chi bộ trực thuộc",
                        "Thôn, bản, ấp",
                        grassroots,
                        "Có",
                        None,
                    )
                )
                units.append(cell)
    members = [_member(rnd, n, units[n % len(units)]) for n in range(MEMBERS)]
    return orgs, members


def _member(rnd: random.Random, n: int, unit: str) -> tuple:
    female = rnd.random() < 0.4
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(365 * 52))
    admitted = born + dt.timedelta(days=365 * rnd.randint(19, 35) + rnd.randrange(300))
    admitted = min(admitted, dt.date(2024, 6, 1))
    probationary = rnd.random() < 0.04
    if probationary:
        admitted = dt.date.today() - dt.timedelta(days=30 + rnd.randrange(300))
    full = None if probationary else admitted + dt.timedelta(days=366 + rnd.randrange(60))
    return (
        f"DV{n:06d}",
        rnd.choice(FAMILY),
        rnd.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
        rnd.choice(GIVEN_FEMALE if female else GIVEN_MALE),
        "Nữ" if female else "Nam",
        born.year if rnd.random() < 0.03 else born,
        rnd.choice(ETHNIC_NAMES),
        "Không",
        f"Xã {rnd.randint(1, 300)}, tỉnh Mẫu",
        f"{rnd.randint(1, 96):03d}{rnd.randrange(10**9):09d}",
        admitted,
        full,
        "Dự bị" if probationary else "Chính thức",
        "12/12",
        rnd.choice(EDUCATION),
        rnd.choice(THEORY),
        unit,
    )


def _workbook(organizations: list[tuple], members: list[tuple]) -> bytes:
    from daihoi.people.excel_template import MEMBER_SHEET, ORGANIZATION_SHEET
    from daihoi.people.exporting import fill_template

    return fill_template(
        {
            ORGANIZATION_SHEET: (organizations, len(organizations)),
            MEMBER_SHEET: (members, len(members)),
        }
    )


if __name__ == "__main__":
    sys.exit(main())
