"""The statistics' doughnuts at 1366×768 (issue 19: "Miễn sinh hoạ", "Không có bằn" were cut
off in the charts' own legends): every label is in the table under its chart, with its
slice's colour, whole."""

import pytest

from tests.conftest import make_member
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def province(transactional_db, tree, users):
    cell = tree.east_cells[0]
    make_member(cell, "S01", "Lê", "Văn", "An", status="exempted", education="none")
    make_member(cell, "S02", "Trần", "Thị", "Bình", gender="female")
    return tree


def test_every_statistics_label_is_whole_beside_its_colour(browser, live_server, province, shot):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    login(page, live_server, "tinh")
    page.goto(f"{live_server.url}/reports/statistics/")
    page.wait_for_selector("table .swatch")
    for label in ("Miễn sinh hoạt", "Không có bằng chuyên môn"):
        cell = page.locator("td", has_text=label).first
        assert cell.inner_text().strip() == label
        assert cell.locator(".swatch").count() == 1
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= 1366
    shot(page, "statistics-legends-1366")
    context.close()
