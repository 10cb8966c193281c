"""The terms 2020-2025 and 2025-2030 for every organisation level.

Frozen data (a migration must not change with later code):
- Five-year terms: Điều lệ Đảng; a cell under a grassroots committee meets twice
  in five years (Điều lệ Đảng, Điều 24.3), piloted as once in five years by
  QĐ 294-QĐ/TW 2025 — its row keeps the five-year cycle that the tracking of a
  term counts, with that note.
- Rules: 2020-2025 under QĐ 244-QĐ/TW 2014; 2025-2030 under QĐ 190-QĐ/TW 2024,
  which replaced it on 10/10/2024.
- Start: the month each level's congresses begin, the month from which ages are
  counted — CT 45-CT/TW 2025: grassroots 4/2025, the level above 6/2025,
  province 9/2025; for 2020 the same months (district and province from the
  published 2020 cut-offs, grassroots assumed, see rules/standards.py). Cells:
  March, nominal (cells meet before their grassroots organisation). A term ends the day before the next one starts; the
  2025-2030 term ends five years after its start (nominal until the next
  directive). Every row can be corrected on the terms page (audited).
"""

import datetime as dt

from django.db import migrations

D = dt.date

CELL_NOTE = (
    "Chi bộ trực thuộc đảng ủy cơ sở: đại hội 5 năm 2 lần (Điều lệ Đảng, Điều 24.3); "
    "QĐ 294-QĐ/TW 2025 thí điểm 5 năm 1 lần."
)
START_MONTH = {"province": 9, "district": 6, "grassroots": 4, "cell": 3}
TERMS = [("2020-2025", 2020, "2014"), ("2025-2030", 2025, "2024")]


def rows():
    for level, month in START_MONTH.items():
        for name, year, rules in TERMS:
            starts = D(year, month, 1)
            ends = D(year + 5, month, 1) - dt.timedelta(days=1)
            note = CELL_NOTE if level == "cell" else ""
            yield dict(
                level=level,
                name=name,
                starts_on=starts,
                ends_on=ends,
                rules_version=rules,
                note=note,
            )


def seed(apps, schema_editor):
    Term = apps.get_model("congresses", "Term")
    for row in rows():
        Term.objects.get_or_create(level=row["level"], name=row["name"], defaults=row)


def unseed(apps, schema_editor):
    Term = apps.get_model("congresses", "Term")
    for row in rows():
        Term.objects.filter(level=row["level"], name=row["name"]).delete()


class Migration(migrations.Migration):
    dependencies = [("congresses", "0003_terms_and_appointments")]

    operations = [migrations.RunPython(seed, unseed)]
