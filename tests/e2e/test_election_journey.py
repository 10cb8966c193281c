"""A whole election in the browser, as the people on the day do it: the organiser prepares the
list and the ballot, two typists enter the same ballot box by keyboard (one slip), the team
leader decides the slip against the paper, the organiser publishes, the hall's screen shows it.
"""

import subprocess

import pytest

from daihoi.accounts.models import Role
from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections.models import Election
from tests.conftest import make_member, make_user

pytestmark = pytest.mark.e2e
# Generous: the journey also runs on busy CI machines where the first page compiles templates.
TIMEOUT_MS = 60_000

NAMES = ["Nguyễn Văn An", "Lê Quốc Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
# Ballot order (by given name): 1 An, 2 Bình, 3 Cường, 4 Dung, 5 Em. 4 seats: strike-through.
LINES = ["5", "5", "4", "5", "1", "4", "5", "2", "5", "", "1 2"]
WINNERS = ["Lê Quốc Cường", "Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung"]


@pytest.fixture
def hall(transactional_db, tree, users):
    commune = tree.east_commune
    make_member(tree.east_cells[0], "M002", "Trần", "Thị", "Bình", gender="female")
    people = {
        "truong_to": ("Lê Văn", "Tổ"),
        "nhap1": ("Phạm Thị", "Một"),
        "nhap2": ("Đỗ Văn", "Hai"),
    }
    for username, (last, first) in people.items():
        make_user(username, commune, Role.COUNTING, last_name=last, first_name=first)
    congress = create_congress(
        users.east,
        commune,
        name="Đại hội Đảng bộ xã Đông Hòa lần thứ XX",
        kind="delegates",
        venue="Hội trường UBND xã Đông Hòa",
    )
    return update_attendance(users.east, congress, summoned=11, present=11)


def login(page, live_server, username):
    """Sign in and wait for the redirect: on a loaded machine "networkidle" can come
    before the login POST has even left, and the next goto would cancel it."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "mat-khau-9xq")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def enter_box(browser, live_server, shot, username, lines, name):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    login(page, live_server, username)
    page.goto(f"{live_server.url}/elections/counting/")
    shot(page, f"{name}-01-my-batches")
    with page.expect_navigation():
        page.get_by_role("link", name="Nhập phiếu").click()
    # The start button has the focus once the page is there: one Enter begins the entry.
    page.wait_for_selector("form[action$='/entry/start/'] button:focus")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#entry-line:focus")
    for i, line in enumerate(lines):
        page.keyboard.type(line)
        if i == 10:
            shot(page, f"{name}-02-typing")  # the preview before Enter
        page.keyboard.press("Enter")
        if i == 0:
            page.wait_for_selector(".recent li.ok")
    page.wait_for_function(
        "n => document.querySelector('.big-count span').textContent.trim() === String(n)",
        arg=len(lines),
    )
    assert page.input_value("#entry-line") == ""
    shot(page, f"{name}-03-entered")
    page.fill("#id_count", str(len(lines)))
    submit(page, "#finalise button[type=submit]")
    text = page.inner_text("main")
    shot(page, f"{name}-04-finalised")
    context.close()
    return text


def test_election_journey(browser, page, live_server, hall, shot, tmp_path):
    base = live_server.url
    page.set_default_timeout(TIMEOUT_MS)
    # The organiser forms the counting team and creates the election.
    login(page, live_server, "dong")
    page.goto(f"{base}/congresses/{hall.pk}/")
    page.fill("#teams input[name=name]", "Tổ kiểm phiếu số 1")
    page.select_option("#teams select[name=leader]", label="Lê Văn Tổ (truong_to)")
    page.get_by_label("Phạm Thị Một (nhap1)").check()
    page.get_by_label("Đỗ Văn Hai (nhap2)").check()
    shot(page, "election-01-congress")
    submit(page, "#teams button[type=submit]")
    assert "Đã lập Tổ kiểm phiếu số 1" in page.inner_text(".messages")

    page.select_option("#elections select[name=kind]", "committee")
    page.fill("#elections input[name=title]", "Bầu Ban Chấp hành Đảng bộ xã khóa XX")
    page.fill("#elections input[name=seats]", "4")
    submit(page, "#elections button[type=submit]")
    election = Election.objects.get()
    assert page.url.endswith(f"/elections/{election.pk}/setup/")

    # Four names typed, one picked from the member registry (typed without accents).
    for name in NAMES:
        page.fill("#id_full_name", name)
        with page.expect_navigation():
            page.keyboard.press("Enter")
    page.fill("#id_full_name", "tran thi binh")
    page.get_by_label("Trần Thị Bình").wait_for()
    page.get_by_label("Trần Thị Bình").check()
    submit(page, "#add button[type=submit]")
    assert page.locator("table.candidates tbody tr").count() == 5
    shot(page, "election-02-list")

    # The congress votes on the number and on the list by show of hands, then it is locked.
    for subject in (
        "Số lượng Bầu Ban Chấp hành Đảng bộ xã khóa XX cần bầu: 4",
        "Danh sách bầu cử: Bầu Ban Chấp hành Đảng bộ xã khóa XX",
    ):
        page.fill("#id_subject", subject)
        page.fill("#id_votes_for", "11")
        submit(page, "#votes button[type=submit]")
    assert page.locator("#votes .open-votes li").count() == 2
    submit(page, "#approve button[type=submit]")
    assert "khóa" in page.inner_text(".messages")
    shot(page, "election-03-approved")

    with page.expect_download() as download:
        page.click("#papers button[type=submit]")
    pdf = tmp_path / "ballot.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for name in [*NAMES, "Trần Thị Bình"]:
        assert name in text, name

    page.fill("#papers input[name=ballots_issued]", "11")
    submit(page, "form[action$='/issued/'] button[type=submit]")
    assert "Đã ghi số phiếu phát ra" in page.inner_text(".messages")

    page.select_option("#batches select[name=team]", label="Tổ kiểm phiếu số 1")
    page.fill("#batches input[name=number]", "1")
    submit(page, "#batches button[type=submit]")
    shot(page, "election-04-batch")

    # Two typists, each in their own browser; the second misreads ballot 4.
    done = enter_box(browser, live_server, shot, "nhap1", LINES, "election-05-typist1")
    assert "Chờ lần nhập độc lập tiếp theo" in done
    slip = list(LINES)
    slip[3] = "3"
    done = enter_box(browser, live_server, shot, "nhap2", slip, "election-06-typist2")
    assert "Các lần nhập khác nhau" in done

    # The team leader takes ballot 4 out of the bundle and decides: the first entry read it right.
    leader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    lp = leader.new_page()
    lp.set_default_timeout(TIMEOUT_MS)
    login(lp, live_server, "truong_to")
    lp.goto(f"{base}/elections/counting/")
    lp.get_by_role("link", name="Đối chiếu").click()
    lp.get_by_text("Phiếu thứ 4 trong tập").wait_for()
    shot(lp, "election-07-reconcile")
    lp.focus("input[name=ballot-4][value='1']")
    lp.keyboard.press("Space")
    submit(lp, "form[action$='/resolve/'] button[type=submit]")
    assert "hòm phiếu đã được tính" in lp.inner_text(".messages")
    shot(lp, "election-08-resolved")
    leader.close()

    # The hall's screen shows progress only until the result is published.
    screen = browser.new_context(viewport={"width": 1600, "height": 900}, locale="vi-VN")
    sp = screen.new_page()
    sp.set_default_timeout(TIMEOUT_MS)
    login(sp, live_server, "dong_xem")
    sp.goto(f"{base}/elections/{election.pk}/screen/")
    sp.wait_for_function("document.getElementById('screen-batches').textContent === '1/1'")
    assert sp.locator("#screen-result").is_hidden()
    shot(sp, "election-09-screen-before")

    # The organiser sees the winners, publishes, prints the minutes.
    page.goto(f"{base}/elections/{election.pk}/results/")
    elected = page.locator(".elected-list li").all_inner_texts()
    assert [line.split(" — ")[0] for line in elected] == WINNERS
    shot(page, "election-10-results")
    submit(page, "form[action$='/publish/'] button[type=submit]")
    assert "Kết quả đã công bố" in page.inner_text("main")
    shot(page, "election-11-published")
    for link, magic in (("Biên bản kiểm phiếu (PDF)", b"%PDF"), ("Biên bản (DOCX)", b"PK")):
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        assert path.read_bytes().startswith(magic), link
    minutes = subprocess.run(
        ["pdftotext", str(tmp_path / f"bien-ban-kiem-phieu-{election.pk}-lan-1.pdf"), "-"],
        capture_output=True,
        text=True,
    ).stdout
    assert "Lê Quốc Cường" in minutes

    sp.wait_for_selector("#screen-result:not([hidden])")
    names = sp.locator("#screen-elected .name").all_inner_texts()
    assert names == WINNERS
    shot(sp, "election-12-screen-published")
    screen.close()
