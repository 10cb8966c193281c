"""The team leader reconciles a 62-name box by keyboard: the differing rows are highlighted,
1/2 picks the entry that read each ballot right, Ctrl+Enter decides, the box counts."""

import pytest

from daihoi.accounts.models import Role
from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import entry, lists
from daihoi.elections.models import BatchStatus, CountedBallot
from tests.conftest import make_user
from tests.e2e.conftest import login
from tests.e2e.test_hall_screen_journey import names

pytestmark = pytest.mark.e2e


@pytest.fixture
def different(transactional_db, tree, users):
    congress = create_congress(
        users.province, tree.province, name="Đại hội đại biểu Đảng bộ tỉnh A", kind="delegates"
    )
    update_attendance(users.province, congress, summoned=300, present=290)
    election = lists.create_election(
        users.province, congress, kind="committee", title="Bầu Ban Chấp hành", seats=55
    )
    for name in names(62):
        lists.add_candidate(users.province, election, full_name=name)
    election = lists.approve_list(users.province, election)
    leader = make_user("truong", tree.province, Role.COUNTING)
    ops = [make_user(f"nhap{i}", tree.province, Role.COUNTING) for i in (1, 2)]
    team = entry.create_team(None, congress, name="Tổ 1", leader=leader, members=[leader, *ops])
    batch = entry.create_batch(None, election, team=team, number=1)
    first = [[1, 9, 40], [2], [7, 8], [], [60, 61, 62]]
    second = [[1, 9, 41], [2], [7], [], [60, 62]]  # ballots 1, 3 and 5 typed differently
    for op, ballots in zip(ops, (first, second), strict=True):
        e = entry.start_entry(op, batch)
        for struck in ballots:
            entry.save_ballot(op, e, {"struck": struck})
        entry.finalise_entry(op, e)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DIFFERENT
    return batch


def test_the_leader_decides_each_difference_by_keyboard(page, live_server, different, shot):
    login(page, live_server, "truong")
    page.goto(f"{live_server.url}/elections/batches/{different.pk}/reconcile/")
    legends = page.locator("fieldset.difference legend")
    assert legends.count() == 3
    assert "khác ở dòng 40, 41" in legends.nth(0).inner_text()
    assert "khác ở dòng 8" in legends.nth(1).inner_text()
    assert "khác ở dòng 61" in legends.nth(2).inner_text()
    # 2 papers × (2 + 1 + 1) differing rows are highlighted, nothing else
    assert page.locator("tr.differs").count() == 8
    assert page.locator("fieldset.difference.current").get_attribute("data-seq") == "1"
    shot(page, "reconcile-highlight")
    page.keyboard.press("1")  # ballot 1: entry 1 read it right
    assert page.locator("fieldset.difference.current").get_attribute("data-seq") == "3"
    page.keyboard.press("2")  # ballot 3: entry 2
    page.keyboard.press("1")  # ballot 5: entry 1, then the reason box has the focus
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("text=hòm phiếu đã được tính")
    different.refresh_from_db()
    assert different.status == BatchStatus.RECONCILED
    counted = {b.seq: b.content["struck"] for b in CountedBallot.objects.filter(batch=different)}
    assert counted[1] == [1, 9, 40] and counted[3] == [7] and counted[5] == [60, 61, 62]
