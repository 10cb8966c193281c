"""The tracking dashboard: counts by level and status, drill-down by district, access by subtree."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from daihoi.congresses.models import Congress
from daihoi.reports import selectors

D = dt.date


def make(org, status="planned", pilot=False, starts_on=None, **extra):
    kind = "members" if org.level == "cell" else "delegates"
    return Congress.objects.create(
        organization=org,
        name=f"Đại hội {org.name}",
        kind=kind,
        status=status,
        pilot=pilot,
        starts_on=starts_on,
        **extra,
    )


@pytest.fixture
def term(tree):
    """Cells held, the east commune held as a pilot, the west one postponed, districts planned."""
    for cell in tree.east_cells + tree.west_cells:
        make(cell, "held", starts_on=D(2025, 3, 3))
    make(tree.east_commune, "held", pilot=True, starts_on=D(2025, 4, 7))
    make(tree.west_commune, "postponed", postponed_reason="Mưa lũ", postponed_to=D(2025, 8, 1))
    make(tree.east, "prepared")
    make(tree.west)
    make(tree.province)
    return tree


def test_it_counts_each_level_by_status(term):
    overall, levels = selectors.by_level(term.province, "2025-2030")
    assert (overall.total, overall.held, overall.postponed) == (9, 5, 1)
    assert (overall.pilots, overall.pilots_held) == (1, 1)
    cells = next(p for p in levels if p.label == "Chi bộ trực thuộc")
    assert (cells.total, cells.held, cells.percent) == (4, 4, 100.0)


def test_it_drills_down_by_district(term):
    rows = {p.label: p for p in selectors.by_child(term.province, "2025-2030")}
    east, west = rows["Đảng bộ huyện Đông"], rows["Đảng bộ huyện Tây"]
    assert (east.total, east.held, east.by_status["prepared"]) == (4, 3, 1)
    assert (west.total, west.held, west.postponed) == (4, 2, 1)


def test_it_counts_the_held_by_week_and_lists_the_postponed(term):
    assert selectors.held_by_week(term.province, "2025-2030") == [
        (D(2025, 3, 3), 4),
        (D(2025, 4, 7), 1),
    ]
    (late,) = selectors.postponed(term.province, "2025-2030")
    assert late.postponed_reason == "Mưa lũ"


def test_a_district_sees_only_its_subtree(client, term, users):
    client.force_login(users.east)
    page = client.get("/reports/").content.decode()
    assert "Đảng bộ huyện Đông" in page and "Tây Sơn" not in page
    assert client.get(f"/reports/?org={term.west.pk}").status_code == 404
    west = Congress.objects.get(organization=term.west_commune)
    assert client.get(f"/reports/congresses/{west.pk}/").status_code == 404


def test_the_dashboard_makes_a_fixed_number_of_queries(client, term, users):
    client.force_login(users.province)
    client.get("/reports/")  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/reports/").status_code == 200
    # session, user, root, by level, by child, children, by week, postponed
    assert len(queries) <= 9


def test_a_staff_user_postpones_a_congress_from_its_tracking_page(client, term, users):
    congress = Congress.objects.get(organization=term.east)
    client.force_login(users.east)
    url = f"/reports/congresses/{congress.pk}/postpone/"
    client.post(url, {"reason": "Chờ kết luận đơn tố cáo", "postponed_to": "2025-09-01"})
    congress.refresh_from_db()
    assert (congress.status, congress.postponed_to) == ("postponed", D(2025, 9, 1))
    client.force_login(users.east_viewer)
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_the_statistics_page_and_workbook(client, term, users, members):
    client.force_login(users.province)
    page = client.get("/reports/statistics/")
    assert page.status_code == 200 and "Giới tính" in page.content.decode()
    assert client.get("/reports/statistics.xlsx").content[:2] == b"PK"


def test_the_tracking_list_searches_filters_and_pages(client, users, term):
    client.force_login(users.province)
    url = "/reports/congresses/"
    found = client.get(url, {"q": "dong hoa"}).context["page_obj"]
    assert [c.organization.code for c in found] == ["X01"]
    cells = client.get(url, {"level": "cell", "size": "25"}).context["page_obj"]
    assert cells.paginator.count == 4
    held = client.get(url, {"status": "held", "level": "grassroots"}).context["page_obj"]
    assert [c.organization.code for c in held] == ["X01"]
    assert client.get(url, {"q": "\x00", "page": "x", "level": "nope"}).status_code in (200, 400)
