"""Member statistics for the upward report, counted in SQL over a subtree."""

import datetime as dt

from daihoi.reports.statistics import age_bands, member_statistics, members_in


def test_it_counts_members_by_gender_status_and_ethnicity(tree, members):
    stats = member_statistics(tree.province, dt.date(2025, 10, 1))
    assert dict(stats["gender"]) == {"Nam": 3, "Nữ": 2}
    assert dict(stats["ethnicity"]) == {"Kinh": 5}
    east = member_statistics(tree.east, dt.date(2025, 10, 1))
    assert sum(n for _, n in east["gender"]) == 3


def test_it_puts_ages_in_bands_on_the_reference_day(tree, members):
    # Every member of the cast was born on 1/5/1975: 49 on 30/4/2025, 50 on 1/5/2025.
    before = dict(age_bands(members_in(tree.province), dt.date(2025, 4, 30)))
    on = dict(age_bands(members_in(tree.province), dt.date(2025, 5, 1)))
    assert before["40–49"] == 5 and on["50–59"] == 5


def test_the_committee_structure_is_the_upward_reports(tree, users):
    """One figure per fact: the statistics page reads the upward report's total (the same
    people, ages on each congress's day, the average rounded halves up)."""
    from decimal import Decimal

    from daihoi.reports.statistics import committee_structure
    from tests.reports.upward_fixture import ON, build

    build(tree, users.province)
    rows = {
        figure: value
        for figure, _, value in committee_structure(tree.province, "2025-2030", ON)["rows"]
    }
    # Counted by hand in tests/reports/test_upward.py (EXPECTED_TOTAL).
    assert rows == {
        "elected": 7,
        "women": 3,
        "under_40": 4,
        "ethnic_minority": 1,
        "average_age": Decimal("41.4"),
    }


def test_the_statistics_page_links_each_structure_figure_to_its_rows(client, tree, users):
    from tests.reports.upward_fixture import build

    build(tree, users.province)
    client.force_login(users.province)
    page = client.get("/reports/statistics/", {"org": tree.province.pk, "term": "2025-2030"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "group=total&amp;figure=under_40" in html
    rows = client.get(
        "/reports/upward/rows/",
        {"org": tree.province.pk, "term": "2025-2030", "group": "total", "figure": "women"},
    )
    assert rows.status_code == 200
