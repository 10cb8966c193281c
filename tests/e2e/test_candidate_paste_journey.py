"""A list of names pasted at once (issue 19): the clerk pastes a numbered list copied from
the personnel subcommittee's document, sees each line's match in the member registry,
chooses the one line that could be two people, and saves the whole list in one step.
"""

import pytest

from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import lists
from tests.conftest import make_member
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 60_000

PASTED = """1. nguyen van an
2. Trần Thị Bình
3. Lê Quốc Cường
4. Võ Văn Tám
"""


@pytest.fixture
def draft(transactional_db, tree, users):
    cell, other_cell = tree.east_cells
    make_member(cell, "M001", "Nguyễn", "Văn", "An")
    make_member(cell, "M002", "Trần", "Thị", "Bình", gender="female")
    make_member(other_cell, "M012", "Trần", "Thị", "Bình", gender="female")
    make_member(other_cell, "M003", "Lê", "Quốc", "Cường")
    congress = create_congress(
        users.east, tree.east_commune, name="Đại hội Đảng bộ xã Đông Hòa", kind="delegates"
    )
    update_attendance(users.east, congress, summoned=11, present=11)
    return lists.create_election(
        users.east, congress, kind="committee", title="Bầu Ban Chấp hành", seats=3
    )


def test_a_pasted_list_is_matched_chosen_and_saved(page, live_server, draft, shot):
    page.set_default_timeout(TIMEOUT_MS)
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/elections/{draft.pk}/setup/")
    with page.expect_navigation():
        page.get_by_role("link", name="Thêm nhiều người").click()
    page.fill("#id_names", PASTED)
    with page.expect_navigation():
        page.get_by_role("button", name="Tìm trong danh sách đảng viên").click()
    rows = page.locator("table.bulk-rows tbody tr")
    assert rows.count() == 4
    assert [rows.nth(i).get_attribute("class") for i in range(4)] == [
        "match-exact",
        "match-several",
        "match-exact",
        "match-none",
    ]
    shot(page, "paste-01-preview")

    # Saving with line 2 unchosen is refused, nothing written, the line named.
    with page.expect_navigation():
        page.locator("#bulk-save").click()
    assert "Dòng 2, Đảng viên" in page.inner_text("#bulk-errors")
    assert draft.candidates.count() == 0

    # The keyboard chooses M002 on line 2; the whole list is saved in Vietnamese order.
    page.focus("#member_1")
    page.keyboard.press("ArrowDown")
    assert "M002" in page.locator("#member_1 option:checked").inner_text()
    shot(page, "paste-02-chosen")
    with page.expect_navigation():
        page.locator("#bulk-save").click()
    assert "Đã thêm 4 người" in page.inner_text(".messages")
    names = page.locator("table.candidates tbody tr td:nth-child(2) strong").all_inner_texts()
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường", "Võ Văn Tám"]
    assert draft.candidates.get(full_name="Trần Thị Bình").member.code == "M002"
    shot(page, "paste-03-saved")
