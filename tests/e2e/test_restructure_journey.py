"""Restructuring in the browser: the district merges three of its communes' organisations,
sees the preview, applies it, opens the new organisation with its members and history,
follows one member's timeline, and looks at the tree as it stood the day before."""

import datetime as dt

import pytest

from daihoi.organizations.models import Organization
from daihoi.organizations.services import create_organization
from tests.conftest import make_member
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def communes(transactional_db, tree, members, users):
    """Huyện Đông: Đông Hòa (tree's, 3 members in cells), Đông Lâm (2 cells), Đông Phong."""
    lam = create_organization(
        None,
        code="X03",
        name="Đảng bộ xã Đông Lâm",
        level="grassroots",
        kind="commune",
        parent=tree.east,
    )
    for i in (1, 2):
        cell = create_organization(
            None,
            code=f"C03{i}",
            name=f"Chi bộ xóm Lâm {i}",
            level="cell",
            kind="village",
            parent=lam,
        )
        make_member(cell, f"M10{i}", given=f"Lâm {i}")
    phong = create_organization(
        None,
        code="X04",
        name="Chi bộ xã Đông Phong",
        level="grassroots",
        kind="commune",
        parent=tree.east,
    )
    make_member(phong, "M105", family="Hoàng", given="Phong")
    return [tree.east_commune, lam, phong]


def test_merge_three_communes_and_look_back(page, live_server, shot, tree, communes):
    today = dt.date.today()
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/organizations/{tree.east.pk}/")
    page.get_by_role("link", name="Hợp nhất tổ chức trực thuộc").click()
    for commune in communes:
        page.get_by_label(f"{commune.name} ({commune.code})").check()
    page.fill("input[name=code]", "X10")
    page.fill("input[name=name]", "Đảng bộ xã Đông Hưng")
    page.fill("input[name=decision_number]", "125-QĐ/HU")
    page.fill("input[name=decision_date]", today.isoformat())
    page.fill("input[name=issued_by]", "Ban Thường vụ Huyện ủy")
    shot(page, "restructure-01-merge-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem trước").click()

    assert page.get_by_text("Đảng bộ xã Đông Hưng (X10)").is_visible()
    assert page.get_by_test_id("members-under").inner_text() == "6"
    assert page.get_by_test_id("members-moved").inner_text() == "1"
    assert not Organization.objects.filter(code="X10").exists()  # a preview writes nothing
    shot(page, "restructure-02-preview")
    with page.expect_navigation():
        page.get_by_role("button", name="Áp dụng").click()

    assert "125-QĐ/HU" in page.inner_text("h1")
    assert page.locator("table.compare").is_visible()
    shot(page, "restructure-03-applied-before-after")
    page.get_by_role("link", name="X10").click()
    assert page.inner_text("h1").startswith("Đảng bộ xã Đông Hưng")
    history = page.locator("#lich-su + .table-wrap")
    assert "Hợp nhất — 125-QĐ/HU" in history.inner_text()
    assert page.locator(".stat .value").first.inner_text() == "6"
    shot(page, "restructure-04-new-organisation")

    page.get_by_role("link", name="Toàn bộ đảng viên").click()
    page.get_by_role("link", name="Hoàng Văn Phong").click()
    page.get_by_role("link", name="Quá trình sinh hoạt").click()
    timeline = page.locator("table.timeline").inner_text()
    assert "Chi bộ xã Đông Phong" in timeline and "Đảng bộ xã Đông Hưng" in timeline
    assert "125-QĐ/HU" in timeline
    shot(page, "restructure-05-member-timeline")

    page.goto(f"{live_server.url}/organizations/")
    assert page.get_by_text("Đảng bộ xã Đông Hưng").is_visible()
    page.fill("#as-of-date", (today - dt.timedelta(days=1)).isoformat())
    page.keyboard.press("Enter")
    page.wait_for_url("**as_of=**")
    tree_text = page.locator("ul.tree").inner_text()
    assert "Đảng bộ xã Đông Lâm" in tree_text and "Chi bộ xã Đông Phong" in tree_text
    assert "Đảng bộ xã Đông Hưng" not in tree_text and "đã kết thúc" not in tree_text
    shot(page, "restructure-06-tree-the-day-before")
