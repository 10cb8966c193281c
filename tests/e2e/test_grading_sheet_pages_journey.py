"""A 60-member cell's grading sheet (issue 19): the clerk finds a member by typing the name
without accents, works through pages of 25 from the keyboard, and the save still carries
every row (the quota counts the whole cell)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from daihoi.grading import services
from daihoi.grading.models import Evaluation, UnitReview
from tests.conftest import make_member
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải"]


@pytest.fixture
def big_cell(transactional_db, tree, users):
    org = tree.east_cells[0]
    for i in range(60):
        make_member(org, f"K{i:03d}", "Nguyễn", "Văn", f"{GIVEN[i % 6]}{i:02d}")
    make_member(org, "K999", "Trần", "Thị", "Ánh", gender="female")
    year = dt.date.today().year
    cycle = services.open_cycle(
        users.east,
        tree.east,
        year=year,
        self_review_due=dt.date(year, 12, 5),
        meeting_due=dt.date(year, 12, 15),
        decision_due=dt.date(year, 12, 31),
        report_due=dt.date(year + 1, 1, 15),
    )
    return UnitReview.objects.get(cycle=cycle, organization=org)


def test_a_large_sheet_searches_and_pages(page, live_server, big_cell, shot):
    page.set_default_timeout(60_000)
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/grading/units/{big_cell.pk}/")
    rows = page.locator("tr.member-row:visible")
    expect(rows).to_have_count(25)
    assert page.inner_text("#sheet-page") == "Trang 1 / 3"

    # Typed without accents: one member found, Enter moves to her row, 2 grades her.
    page.fill("#sheet-search", "tran thi anh")
    expect(rows).to_have_count(1)
    assert "Hiện 1 / 61 người" in page.inner_text("#sheet-count")
    page.keyboard.press("Enter")
    page.keyboard.press("2")
    shot(page, "grading-pages-01-search")

    # The keyboard runs past the last row of a page onto the next one.
    page.fill("#sheet-search", "")
    expect(rows).to_have_count(25)
    rows.nth(24).focus()
    page.keyboard.press("3")
    expect(page.locator("#sheet-page")).to_have_text("Trang 2 / 3")
    assert page.evaluate("document.activeElement.getAttribute('data-name')").startswith(
        rows.first.get_attribute("data-name")
    )
    page.select_option("#sheet-filter", "ungraded")
    expect(page.locator("#sheet-count")).to_contain_text("Hiện 59 / 61")
    shot(page, "grading-pages-02-filter")

    # The save carries the rows on hidden pages too.
    page.keyboard.press("Control+Enter")
    page.locator(".messages").wait_for()
    graded = Evaluation.objects.filter(unit=big_cell).exclude(proposed_grade="")
    assert graded.count() == 2
