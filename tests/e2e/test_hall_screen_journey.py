"""The hall's projector at 1920×1080 through a read-only link: nothing before publication,
then all 55 elected of a delegates' election across pages, each name whole on one line."""

import pytest

from daihoi.accounts.models import Role
from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import entry, lists, results
from daihoi.elections.screen_links import issue_screen_link
from tests.conftest import make_user

pytestmark = pytest.mark.e2e

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Quốc", "Minh", "Thị Thanh", "Hữu", "Ngọc", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hằng", "Khánh", "Long", "Nguyệt", "Phương"]


def names(n):
    out = []
    for i in range(n):
        out.append(
            f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 3) % len(MIDDLE)]} "
            f"{GIVEN[(i * 7) % len(GIVEN)]} {chr(0x41 + i // 26)}{chr(0x41 + i % 26)}"
        )
    return out


@pytest.fixture
def published(transactional_db, tree, users):
    congress = create_congress(
        users.province, tree.province, name="Đại hội đại biểu Đảng bộ tỉnh A", kind="delegates"
    )
    update_attendance(users.province, congress, summoned=5, present=5)
    election = lists.create_election(
        users.province, congress, kind="committee", title="Bầu Ban Chấp hành", seats=55
    )
    everyone = names(62)
    for name in everyone:
        lists.add_candidate(users.province, election, full_name=name)
    election = lists.approve_list(users.province, election)
    losers = set(everyone[55:])
    struck = [
        c.position for c in election.candidates.filter(withdrawn=False) if c.full_name in losers
    ]
    ops = [make_user(f"op{i}", tree.province, Role.COUNTING) for i in (1, 2)]
    team = entry.create_team(None, congress, name="Tổ 1", leader=ops[0], members=ops)
    batch = entry.create_batch(None, election, team=team, number=1)
    for op in ops:
        e = entry.start_entry(op, batch)
        for _ in range(5):
            entry.save_ballot(op, e, {"struck": struck})
        entry.finalise_entry(op, e)
    return election


def test_the_projector_pages_through_55_elected(browser, live_server, published, users, shot):
    _, token = issue_screen_link(users.province, published)
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/elections/hall/{token}/")
    page.wait_for_selector("#screen-waiting", state="visible")
    page.wait_for_timeout(2500)
    assert page.locator("#screen-result").is_hidden()
    assert "Nguyễn" not in page.inner_text("body")
    shot(page, "hall-before")

    results.publish_result(users.province, published)
    page.wait_for_selector("#screen-result", state="visible", timeout=15_000)
    pages = int(page.get_attribute("body", "data-pages"))
    assert pages >= 2
    seen = []
    for number in range(1, pages + 1):
        page.wait_for_function(f"document.body.dataset.page === '{number}'")
        assert page.inner_text("#screen-pager") == f"Trang {number}/{pages}"
        shot(page, f"hall-page-{number}")
        for row in page.locator("#screen-elected li .name").all():
            box, name = row.bounding_box(), row.inner_text()
            # whole and on screen: one line, inside the viewport, not cut by an ellipsis
            assert box["y"] + box["height"] <= 1080 and box["height"] < 80, name
            assert row.evaluate("el => el.scrollWidth <= el.clientWidth"), name
            seen.append(name)
        page.keyboard.press("ArrowRight")
    assert sorted(seen) == sorted(names(55))
    context.close()
