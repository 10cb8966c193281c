"""On PostgreSQL the dashboard's queries can be served by indexes (EXPLAIN shows an index scan).

The test tables are tiny, so the planner would rightly prefer sequential scans;
turning those off for the EXPLAIN asks whether an index *can* serve the query,
which is what a missing or unusable index would break. bench/dashboard.py
prints the real plan on the full demo province.
"""

import pytest
from django.db import connection

from daihoi.reports import selectors

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans are checked on PostgreSQL only"
)


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db(transaction=False)
def test_the_by_level_count_of_a_district_uses_indexes(term):
    qs = selectors._counted(selectors.congresses_in(term.east, "2025-2030"), "organization__level")
    plan = plan_of(qs)
    assert "Index" in plan, plan


@pytest.mark.django_db(transaction=False)
def test_the_held_by_week_count_uses_indexes(term):
    qs = selectors.congresses_in(term.province, "2025-2030").filter(status="held")
    plan = plan_of(qs.values("id"))
    assert "Index" in plan, plan


@pytest.fixture
def term(tree):
    from tests.reports.test_dashboard import make

    for cell in tree.east_cells:
        make(cell, "held")
    make(tree.east)
    return tree
