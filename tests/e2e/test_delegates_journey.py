"""Delegates in the browser: the organiser shares 350 seats among the districts, the desk checks
delegates in by typing their card numbers until the attendance line is passed, then the
tracking dashboard shows every congress of the term and drills into a district."""

import datetime as dt

import pytest

from daihoi.congresses.models import Congress
from daihoi.congresses.services import create_congress
from daihoi.delegates import roster
from tests.conftest import make_member
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def province(transactional_db, tree, users):
    """The provincial congress with nine official delegates; every congress of the term tracked."""
    congress = create_congress(
        users.province,
        tree.province,
        name="Đại hội đại biểu Đảng bộ tỉnh A lần thứ XX",
        kind="delegates",
    )
    cells = tree.east_cells + tree.west_cells
    people = [make_member(cells[i % 4], f"D{i:02d}", given=f"Đại biểu {i}") for i in range(9)]
    for i, person in enumerate(people):
        kind = "ex_officio" if i < 2 else "elected"
        delegation = tree.east if i % 2 == 0 else tree.west
        roster.add_delegate(users.province, congress, person, kind=kind, delegation=delegation)
    statuses = [("held", cell) for cell in cells]
    statuses += [("held", tree.east_commune), ("postponed", tree.west_commune)]
    statuses += [("prepared", tree.east), ("planned", tree.west)]
    for status, org in statuses:
        Congress.objects.create(
            organization=org,
            name=f"Đại hội {org.name}",
            kind="members",
            status=status,
            pilot=org == tree.east_commune,
            starts_on=dt.date(2025, 4, 7) if status == "held" else None,
            postponed_reason="Mưa lũ chia cắt địa bàn" if status == "postponed" else "",
        )
    return congress


def test_allocate_check_in_and_follow_the_term(page, live_server, shot, province, tree):
    login(page, live_server, "tinh")
    page.goto(f"{live_server.url}/delegates/{province.pk}/plan/")
    page.fill("input[name=total]", "350")
    page.select_option("select[name=method]", "hamilton")
    page.fill("input[name=minimum]", "10")
    with page.expect_navigation():
        page.click("#plan-form button[type=submit]")
    assert page.inner_text("#plan-total") == "350"
    assert page.locator("#allocation-table tbody tr").count() == 2
    shot(page, "delegates-01-allocation-350")

    page.goto(f"{live_server.url}/delegates/{province.pk}/checkin/")
    shot(page, "delegates-02-checkin-empty")
    box = page.locator("#scan-code")
    for number in range(1, 7):  # 9 summoned: more than two thirds is 7
        box.fill(f"{number:03d}")
        box.press("Enter")
        page.wait_for_selector(f"#scan-log li:nth-child({number})")
        page.wait_for_selector(f'.quorum-count[data-present="{number}"]')
    assert page.get_attribute(".quorum-state", "data-reached") == "no"
    shot(page, "delegates-03-checkin-below-line")
    box.fill("7")
    box.press("Enter")
    page.wait_for_selector('.quorum-state[data-reached="yes"]')
    assert "Đã ghi nhận có mặt" in page.inner_text("#scan-result")
    shot(page, "delegates-04-checkin-line-reached")
    province.refresh_from_db()
    assert (province.summoned, province.present) == (9, 7)

    page.goto(f"{live_server.url}/reports/")
    page.wait_for_function("document.querySelector('#chart-levels').width > 0")
    shot(page, "delegates-05-dashboard-province")
    with page.expect_navigation():
        page.get_by_role("link", name="Đảng bộ huyện Tây").click()
    assert "Đảng bộ xã Tây Sơn" in page.inner_text("main")
    shot(page, "delegates-06-dashboard-district")
