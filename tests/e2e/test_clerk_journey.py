"""A clerk's day at province scale in the browser: find one congress among 1,742 by typing,
move through its hub, transfer a member with a type-ahead, and meet Vietnamese error pages
(pytest-django's live server runs with DEBUG off, as production does)."""

import pytest

from daihoi.congresses.models import Congress
from daihoi.organizations.models import Organization, path_segment
from tests.conftest import make_member, make_user
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def bulk_level(parents, count_each, level, kind, name):
    """``count_each`` organisations under each parent, made in one insert and one path update."""
    made = Organization.objects.bulk_create(
        Organization(
            code=f"{level[0].upper()}{p.pk}-{i}",
            name=name(p, i),
            level=level,
            kind=kind,
            parent=p,
            path="pending",
        )
        for p in parents
        for i in range(1, count_each + 1)
    )
    by_id = {p.pk: p for p in parents}
    for org in made:
        org.path = by_id[org.parent_id].path + path_segment(org.pk)
        org.depth = org.path.count(".") - 1
    Organization.objects.bulk_update(made, ["path", "depth"], batch_size=500)
    return made


@pytest.fixture
def province(transactional_db, tree, users):
    """The tree's province with 10 more districts, 200 communes and 1,530 cells: 1,742+ congresses."""
    districts = bulk_level(
        [tree.province], 10, "district", "rural_district", lambda p, i: f"Đảng bộ huyện Số {i}"
    )
    communes = bulk_level(
        districts, 20, "grassroots", "commune", lambda p, i: f"Đảng bộ xã {p.name[-2:].strip()}-{i}"
    )
    cells = bulk_level(
        communes[:-26], 9, "cell", "village", lambda p, i: f"Chi bộ thôn {i} {p.code}"
    )
    orgs = [tree.province, *districts, *communes, *cells]
    Congress.objects.bulk_create(
        Congress(
            organization=o,
            name=f"Đại hội {o.name}",
            kind="members" if o.level == "cell" else "delegates",
            term="2025-2030",
        )
        for o in orgs
    )
    lam = Organization.objects.get(code=communes[57].code)
    Organization.objects.filter(pk=lam.pk).update(name="Đảng bộ xã Ấm Lâm Thượng")
    Congress.objects.filter(organization=lam).update(name="Đại hội Đảng bộ xã Ấm Lâm Thượng")
    assert Congress.objects.count() >= 1742
    return lam


def test_a_clerk_finds_works_and_is_told_what_went_wrong(
    page, live_server, province, tree, users, shot
):
    login(page, live_server, "tinh")
    page.goto(f"{live_server.url}/congresses/")
    summary = page.locator(".list-summary")
    assert "đại hội" in summary.inner_text()
    # Search without marks, words in any order, then narrow by level: one row left.
    page.keyboard.type("lam am")
    page.wait_for_function(
        "document.querySelectorAll('#congress-results tbody tr').length === 1", timeout=20_000
    )
    page.select_option("select[name=level]", "grassroots")
    page.wait_for_url("**level=grassroots**")
    rows = page.locator("#congress-results tbody tr")
    assert rows.count() == 1 and "Ấm Lâm Thượng" in rows.inner_text()
    shot(page, "clerk-search")
    rows.locator("a").first.click()
    page.wait_for_url("**/congresses/*/")
    # The hub: every page of the congress one click away, and back.
    for tab in ("Theo dõi tiến độ", "Chuẩn bị", "Đại biểu", "Đại hội"):
        page.locator(".congress-hub a", has_text=tab).first.click()
        page.wait_for_load_state()
        current = page.locator(".congress-hub a[aria-current=page]")
        assert tab in current.inner_text()
    shot(page, "clerk-hub")

    # A type-ahead transfer: keyboard only.
    member = make_member(tree.east_cells[0], "M777", given="Chuyển")
    page.goto(f"{live_server.url}/members/{member.pk}/transfer/")
    box = page.locator(".typeahead input[type=search]")
    box.click()
    page.keyboard.type("thon 2 c012")
    page.wait_for_selector(".typeahead-list [role=option]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.locator(".typeahead input[type=hidden]").input_value() == str(tree.east_cells[1].pk)
    page.fill("input[name=on]", "2025-06-01")
    page.fill("input[name=letter_number]", "12-GGT/HU")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/members/{member.pk}/timeline/")
    member.refresh_from_db()
    assert member.organization_id == tree.east_cells[1].pk

    # Errors in Vietnamese, in the layout (DEBUG is off on the live server).
    response = page.goto(f"{live_server.url}/khong-co-trang-nay/")
    assert response.status == 404
    assert "Không tìm thấy trang" in page.inner_text("main")
    assert page.locator(".main-nav").count() == 1
    make_user("xem_tinh", tree.province, role="viewer")
    page.context.clear_cookies()
    login(page, live_server, "xem_tinh")
    response = page.goto(f"{live_server.url}/members/new/")
    assert response.status == 403
    assert "Bạn không có quyền thực hiện thao tác này" in page.inner_text("main")
    shot(page, "clerk-403")
