"""Two sittings in the browser (issue 15, points 2–4).

1. A congress elects its committee and publishes it; "Hội nghị BCH lần thứ nhất" opens
   with the elected members for check-in; the standing committee, the secretary and
   the inspection committee are created there; the minutes of both sittings print
   their own figures.
2. A 7-member cell elects its secretary directly; its minutes print the congress's figures.

Ballots are counted through the services (the keyboard entry has its own journey in
test_election_journey.py); everything a clerk decides here is done on the pages.
"""

import subprocess

import pytest

from daihoi.accounts.models import Role
from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import lists, services_extra
from daihoi.elections.models import Election
from tests.conftest import make_user
from tests.e2e.test_election_journey import login, submit
from tests.elections.test_sittings import count, names

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 60_000


def make_team(congress, commune):
    from daihoi.elections import entry

    # Full names: the minutes are signed under them (they refuse to print without).
    leader = make_user(f"to_{congress.pk}", commune, Role.COUNTING, full_name="Trần Văn Tổ")
    ops = [
        make_user(f"nhap{i}_{congress.pk}", commune, Role.COUNTING, full_name=f"Lê Thị Nhập {i}")
        for i in (1, 2)
    ]
    team = entry.create_team(None, congress, name="Tổ 1", leader=leader, members=ops)
    return team, ops


def prepare_and_count(actor, election, candidates, ballots, issued, team, ops):
    for name in candidates:
        lists.add_candidate(actor, election, full_name=name)
    election = lists.approve_list(actor, election)
    services_extra.set_ballots_issued(actor, election, issued)
    count(election, team, ops, ballots)
    return election


def publish_and_read_minutes(page, base, election, tmp_path) -> str:
    page.goto(f"{base}/elections/{election.pk}/results/")
    submit(page, "form[action$='/publish/'] button[type=submit]")
    assert "Kết quả đã công bố" in page.inner_text("main")
    with page.expect_download() as download:
        page.get_by_role("link", name="Biên bản kiểm phiếu (PDF)").click()
    path = tmp_path / f"minutes-{election.pk}.pdf"
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return " ".join(text.stdout.split())


@pytest.fixture
def congress(transactional_db, tree, users):
    c = create_congress(
        users.east,
        tree.east_commune,
        name="Đại hội Đảng bộ xã Đông Hòa lần thứ XX",
        kind="delegates",
        venue="Hội trường xã",
    )
    return update_attendance(users.east, c, summoned=120, present=118)


def test_first_meeting_journey(browser, page, live_server, congress, tree, users, shot, tmp_path):
    base = live_server.url
    page.set_default_timeout(TIMEOUT_MS)
    team, ops = make_team(congress, tree.east_commune)
    committee_names = names(8)
    committee = lists.create_election(
        users.east, congress, kind="committee", title="Bầu Ban Chấp hành", seats=7
    )
    prepare_and_count(
        users.east, committee, committee_names, [{"struck": [8]}] * 100, 118, team, ops
    )
    login(page, live_server, "dong")

    # The congress page offers no officer or inspection election: those are the committee's.
    page.goto(f"{base}/congresses/{congress.pk}/")
    kinds = page.locator("#elections select[name=kind] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert "inspection_committee" not in kinds and "secretary" not in kinds
    congress_minutes = publish_and_read_minutes(page, base, committee, tmp_path)
    assert "Số đại biểu được triệu tập: 120" in congress_minutes

    # "Hội nghị BCH lần thứ nhất" opens with the 7 elected members listed for check-in.
    page.goto(f"{base}/congresses/{congress.pk}/")
    submit(page, "#first-meeting button[type=submit]")
    sitting_url = page.url.split("#")[0]
    assert "/elections/sittings/" in sitting_url
    rows = page.locator("#roll-call tbody tr")
    assert rows.count() == 7
    elected = set(Election.objects.get(pk=committee.pk).published.data["elected"])
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.name)")) == elected
    shot(page, "sittings-01-roll-call")
    for i in range(6):  # six of seven present
        submit(page, f"#roll-call tbody tr:nth-child({i + 1}) button[value=present]")
    assert page.get_attribute("[data-present]", "data-present") == "6"
    assert page.get_attribute("[data-base]", "data-base") == "7"

    # Its elections are created there.
    made = {}
    for kind, title, seats in (
        ("standing_committee", "Bầu Ban Thường vụ", 4),
        ("secretary", "Bầu Bí thư", 1),
        ("inspection_committee", "Bầu Ủy ban Kiểm tra", 4),
    ):
        page.goto(sitting_url)
        summary = page.locator("#elections details summary")
        if page.locator("#elections details").get_attribute("open") is None:
            summary.click()  # folded once the meeting has an election
        page.select_option("#elections select[name=kind]", kind)
        page.fill("#elections input[name=title]", title)
        page.fill("#elections input[name=seats]", str(seats))
        submit(page, "#elections button[type=submit]")
        made[kind] = Election.objects.get(kind=kind)
        assert made[kind].sitting_id is not None
    shot(page, "sittings-02-setup")

    members = sorted(elected)
    prepare_and_count(
        users.east, made["standing_committee"], members[:5], [{"struck": [5]}] * 6, 6, team, ops
    )
    prepare_and_count(
        users.east, made["secretary"], members[:1], [{"marks": {"1": "agree"}}] * 6, 6, team, ops
    )
    prepare_and_count(
        users.east,
        made["inspection_committee"],
        names(5, "Trần"),
        [{"struck": [5]}] * 6,
        6,
        team,
        ops,
    )
    for kind in ("standing_committee", "inspection_committee"):
        text = publish_and_read_minutes(page, base, made[kind], tmp_path)
        assert "Số cấp ủy viên được triệu tập: 7" in text
        assert "Số cấp ủy viên có mặt: 6" in text
        assert "Cơ sở để tính kết quả bầu cử: 7" in text
        assert "lần thứ nhất" in text
    secretary = publish_and_read_minutes(page, base, made["secretary"], tmp_path)
    assert "Số cấp ủy viên có mặt: 6" in secretary and members[0] in secretary
    page.goto(sitting_url)
    shot(page, "sittings-03-published")


def test_cell_congress_journey(browser, page, live_server, tree, users, shot, tmp_path):
    base = live_server.url
    page.set_default_timeout(TIMEOUT_MS)
    cell = tree.east_cells[0]
    congress = create_congress(users.east, cell, name=f"Đại hội {cell.name}", kind="members")
    team, ops = make_team(congress, tree.east_commune)
    login(page, live_server, "dong")
    page.goto(f"{base}/congresses/{congress.pk}/")
    page.fill("#attendance input[name=summoned]", "7")
    page.fill("#attendance input[name=present]", "7")
    submit(page, "#attendance button[type=submit]")
    assert "Chi bộ có 7 đảng viên chính thức (dưới 9)" in page.inner_text("#first-meeting")
    kinds = page.locator("#elections select[name=kind] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert "secretary" in kinds and "committee" not in kinds
    page.select_option("#elections select[name=kind]", "secretary")
    page.fill("#elections input[name=title]", "Bầu Bí thư chi bộ")
    page.fill("#elections input[name=seats]", "1")
    submit(page, "#elections button[type=submit]")
    secretary = Election.objects.get(congress=congress)
    assert secretary.sitting_id is None
    shot(page, "cell-01-setup")
    prepare_and_count(
        users.east,
        secretary,
        ["Nguyễn Văn An"],
        [{"marks": {"1": "agree"}}] * 5 + [{"marks": {"1": "disagree"}}] * 2,
        7,
        team,
        ops,
    )
    text = publish_and_read_minutes(page, base, secretary, tmp_path)
    assert "Số đảng viên được triệu tập: 7" in text
    assert "Cơ sở để tính kết quả bầu cử: 7" in text
    assert "cấp ủy viên" not in text
    shot(page, "cell-02-published")
