"""Insert many grades fast: one prepared INSERT run with executemany (COPY on PostgreSQL).

``bulk_create`` compiles every value through the field API, which was most of the
time of a 60,000-row import; the values here are plain already (``criteria`` as
JSON text), so the driver takes them as they are.
"""

from django.db import connection

from .models import Evaluation

COLUMNS = (
    "unit_id",
    "year",
    "subject",
    "member_id",
    "organization_id",
    "self_grade",
    "proposed_grade",
    "grade",
    "reason",
    "score",
    "criteria",
    "not_graded",
)
BATCH = 5000


def insert_evaluations(rows: list[tuple]) -> None:
    """Rows are tuples in ``COLUMNS`` order."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(Evaluation._meta.db_table)
    columns = ", ".join(quote(c) for c in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
