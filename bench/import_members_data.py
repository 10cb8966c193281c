"""A seeded synthetic province for the import benchmark (no real person's data), streamed.

Organisations: a province, districts, communes (a third of them chi bộ cơ sở), cells.
Members are generated one at a time, so a national-size file never sits in memory.
Citizen ID numbers follow the rule the import checks (digits 4–6: century and gender,
year of birth; Thông tư 59/2021/TT-BCA, Điều 7) and, like party card numbers, are unique.
"""

import csv
import datetime as dt
import itertools
import random
from pathlib import Path

DISTRICTS, GRASSROOTS_PER_DISTRICT, CELLS_PER_GRASSROOTS = 12, 25, 7
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE_MALE = ["Văn", "Đức", "Quốc", "Minh", "Hữu", "Công", "Thanh"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Nam", "Sơn", "Tuấn"]
GIVEN_FEMALE = ["Anh", "Chi", "Dung", "Hà", "Hoa", "Hương", "Lan", "Mai", "Nga", "Thảo"]
ETHNIC_NAMES = ["Kinh"] * 17 + ["Tày", "Thái", "HMông"]
EDUCATION = ["Đại học"] * 5 + ["Cao đẳng", "Sơ cấp, trung cấp nghề", "Thạc sĩ"]
THEORY = ["Sơ cấp"] * 6 + ["Trung cấp", "Trung cấp", "Cao cấp"]


def organizations(scale: int) -> tuple[list[tuple], list[str]]:
    """Organisation rows (template order) and the units members sit in; `scale` districts
    per 60,000 members, so the tree grows with the registry as a nation's does."""
    orgs = [("T01", "Đảng bộ tỉnh Mẫu", "Đảng bộ tỉnh", "Tỉnh, thành phố", None, "Có", None)]
    units = []
    for d in range(1, DISTRICTS * scale + 1):
        district = f"H{d:03d}"
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
                    (cell, f"Chi bộ thôn {c}", "Chi bộ trực thuộc", "Thôn, bản, ấp", grassroots)
                    + ("Có", None)
                )
                units.append(cell)
    return orgs, units


def members(rnd: random.Random, count: int, units: list[str]):
    for n in range(count):
        yield member(rnd, n, units[n % len(units)])


def member(rnd: random.Random, n: int, unit: str) -> tuple:
    female = rnd.random() < 0.4
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(365 * 52))
    admitted = born + dt.timedelta(days=365 * rnd.randint(19, 35) + rnd.randrange(300))
    admitted = min(admitted, dt.date(2024, 6, 1))
    probationary = rnd.random() < 0.04
    if probationary:
        admitted = dt.date.today() - dt.timedelta(days=30 + rnd.randrange(300))
    full = None if probationary else admitted + dt.timedelta(days=366 + rnd.randrange(60))
    century_gender = 2 * ((born.year - 1900) // 100) + (1 if female else 0)
    # Unique below 96 M: the serial is n's last six digits and, for each serial, the place
    # code steps through all 96 as the millions grow (1,000,001 is prime to 96).
    place = 1 + (n // 10**6 + n) % 96
    citizen = f"{place:03d}{century_gender}{born.year % 100:02d}{n % 10**6:06d}"
    return (
        f"DV{n:07d}",
        rnd.choice(FAMILY),
        rnd.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
        rnd.choice(GIVEN_FEMALE if female else GIVEN_MALE),
        "Nữ" if female else "Nam",
        born.year if rnd.random() < 0.03 else born,
        rnd.choice(ETHNIC_NAMES),
        "Không",
        f"Xã {rnd.randint(1, 300)}, tỉnh Mẫu",
        citizen if n < 96 * 10**6 else "",
        admitted,
        full,
        "Dự bị" if probationary else "Chính thức",
        "12/12",
        rnd.choice(EDUCATION),
        rnd.choice(THEORY),
        unit,
        f"{n:08d}",
    )


def write_file(
    tmp: Path, count: int, rnd: random.Random, as_csv: bool, files: int = 1
) -> list[Path]:
    """The province as .xlsx files (organisations and members in the first), or
    organizations.xlsx + member CSVs; members split into `files` files of consecutive rows
    (an Excel sheet holds 1,048,576 rows, so a nation comes in several)."""
    from daihoi.people.excel_template import MEMBER_SHEET, ORGANIZATION_SHEET
    from daihoi.people.exporting import fill_template

    orgs, units = organizations(max(1, count // 60_000))
    generated = members(rnd, count, units)
    sizes = [count // files + (1 if n < count % files else 0) for n in range(files)]
    if not as_csv and max(sizes) > 1_000_000:
        raise SystemExit("more members per file than one sheet holds: use --csv or more --files")
    tree = tmp / f"province-{count}-organizations.xlsx"
    if as_csv or files > 1:
        sheets = {ORGANIZATION_SHEET: (orgs, len(orgs)), MEMBER_SHEET: ([], 0)}
        tree.write_bytes(fill_template(sheets))
        paths = [tree]
    else:
        paths = []
    for n, size in enumerate(sizes):
        part = itertools.islice(generated, size)
        if as_csv:
            path = tmp / f"province-{count}-members-{n + 1}.csv"
            _write_csv(path, part)
        else:
            path = tmp / f"province-{count}-members-{n + 1}.xlsx"
            sheets = {MEMBER_SHEET: (part, size)}
            if not paths:
                sheets = {ORGANIZATION_SHEET: (orgs, len(orgs)), **sheets}
            path.write_bytes(fill_template(sheets))
        paths.append(path)
    return paths


def _write_csv(path: Path, rows) -> None:
    from daihoi.people.excel_template import MEMBER_COLUMNS

    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([c.header for c in MEMBER_COLUMNS])
        for row in rows:
            writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in row])
