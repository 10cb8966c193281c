"""Counting a ballot box by scanner in the browser: a typist has already entered the box by
keyboard (in another order, with one slip); a second team member uploads the scanner's PDF,
watches it being read, decides the uncertain rows by keyboard and finalises; the team leader
sees the one ballot that differs, with the scan's crops, and decides it; the box is counted.
"""

import numpy as np
import pytest

from daihoi.accounts.models import Role
from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import entry, lists
from daihoi.elections.lists import ballot_spec
from daihoi.elections.models import BallotBatch, BatchStatus
from daihoi.scanning import synthetic
from daihoi.scanning.models import ScanBatch
from daihoi.scanning.omr.types import Mark
from tests.conftest import make_user
from tests.e2e.conftest import login
from tests.scanning.conftest import flagged_unclear_scan

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 60_000
NAMES = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Quốc Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


@pytest.fixture
def box(transactional_db, tree, users):
    commune = tree.east_commune
    people = {
        "truong_to": ("Lê Văn", "Tổ"),
        "nhap1": ("Phạm Thị", "Một"),
        "quet": ("Đỗ Văn", "Quét"),
    }
    team = {
        username: make_user(username, commune, Role.COUNTING, last_name=last, first_name=first)
        for username, (last, first) in people.items()
    }
    congress = create_congress(
        users.east, commune, name="Đại hội Đảng bộ xã Đông Hòa lần thứ XX", kind="delegates"
    )
    update_attendance(users.east, congress, summoned=11, present=11)
    counting = entry.create_team(
        None, congress, name="Tổ 1", leader=team["truong_to"], members=list(team.values())
    )
    election = lists.create_election(
        users.east, congress, kind="committee", title="Bầu Ban Chấp hành", seats=4
    )
    for name in NAMES:
        lists.add_candidate(users.east, election, full_name=name)
    election = lists.approve_list(users.east, election)
    return entry.create_batch(None, election, team=counting, number=1), team


def ballots(batch):
    """Seven scanned ballots (one with a row drawn unclear on purpose), a blank sheet, truths."""
    spec = ballot_spec(batch.election)
    pairs = synthetic.synthetic_ballots(spec, 6, seed=41)
    images = [image for image, _ in pairs]
    truths = [dict(truth) for _, truth in pairs]
    marks = {1: Mark.KEPT, 2: Mark.STRUCK, 3: Mark.STRUCK, 4: Mark.KEPT, 5: Mark.KEPT}
    images.append(flagged_unclear_scan(spec, marks, {3: "ambiguous"}))
    truths.append(marks)
    images.insert(3, np.full_like(images[0], 238))  # a separator sheet fed by mistake
    return images, truths


def content(truth) -> dict:
    return {"struck": sorted(p for p, m in truth.items() if m == Mark.STRUCK)}


def test_scanning_journey(browser, page, live_server, box, shot, tmp_path):
    batch, team = box
    base = live_server.url
    page.set_default_timeout(TIMEOUT_MS)
    images, truths = ballots(batch)
    pdf = tmp_path / "hom-1.pdf"
    pdf.write_bytes(synthetic.scanned_pdf(images))

    # The typist entered the box by keyboard, the pile taken the other way up, one slip.
    typed = [content(t) for t in reversed(truths)]
    typed[1] = {"struck": sorted(set(typed[1]["struck"]) ^ {5})}
    hand = entry.start_entry(team["nhap1"], batch)
    for ballot in typed:
        entry.save_ballot(team["nhap1"], hand, ballot)
    entry.finalise_entry(team["nhap1"], hand)

    # A second member uploads the scanner's PDF from the box's row.
    login(page, live_server, "quet")
    page.goto(f"{base}/elections/counting/")
    with page.expect_navigation():
        page.get_by_role("link", name="Quét phiếu").click()
    page.set_input_files("#id_files", str(pdf))
    shot(page, "scanning-01-upload")
    with page.expect_navigation():
        page.click("form[action$='/upload/'] button[type=submit]")
    shot(page, "scanning-02-reading")
    # The progress bar polls until the page reloads with the summary.
    page.wait_for_selector("#review-link", timeout=TIMEOUT_MS * 2)
    assert page.inner_text("#stat-ballots") == "7"
    assert "Trang trắng" in page.inner_text("#rejected")
    shot(page, "scanning-03-read")

    # The review screen: one key per uncertain row, the next item at once.
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the review link has the focus
    page.wait_for_selector("#item-crop[src]")
    shot(page, "scanning-04-review")
    decided = 0
    while page.locator("#review-done").is_hidden():
        main = page.locator("#review-main")
        number = int(main.get_attribute("data-page"))
        position = int(main.get_attribute("data-position"))
        truth = truths[number - 1 if number < 4 else number - 2]  # page 4 is the blank sheet
        if position == 0:
            page.keyboard.press("Enter")  # nothing written outside the rows in this set
        else:
            page.keyboard.press("g" if truth[position] == Mark.STRUCK else "k")
        decided += 1
        page.wait_for_function(
            "([n, p]) => { const m = document.getElementById('review-main');"
            " return m.dataset.page !== String(n) || m.dataset.position !== String(p)"
            " || !document.getElementById('review-done').hidden; }",
            arg=[number, position],
        )
    assert decided >= 1
    shot(page, "scanning-05-reviewed")
    page.wait_for_selector("#back-to-scan:focus")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#finalise")
    page.fill("#id_count", "7")
    with page.expect_navigation():
        page.click("#finalise button[type=submit]")
    assert "Máy quét và bàn phím khác nhau" in page.inner_text(".messages")
    shot(page, "scanning-06-crosscheck-member")

    # The team leader sees the one ballot that differs, with the scan's crops, and decides.
    leader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    lp = leader.new_page()
    lp.set_default_timeout(TIMEOUT_MS)
    login(lp, live_server, "truong_to")
    lp.goto(f"{base}/scanning/batches/{batch.pk}/crosscheck/")
    assert "giống nhau 6 phiếu" in lp.inner_text(".comparison")
    crops = lp.locator(".pair .crops img")
    assert crops.count() == 1
    lp.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=crops.first.element_handle()
    )
    shot(lp, "scanning-07-crosscheck-leader")
    scan_slot = ScanBatch.objects.get().entry.slot
    lp.check(f"#decide input[type=radio][value='{scan_slot}']")
    with lp.expect_navigation():
        lp.click("#decide button[type=submit]")
    assert "hòm phiếu đã được tính" in lp.inner_text(".messages")
    shot(lp, "scanning-08-reconciled")
    leader.close()

    batch = BallotBatch.objects.get(pk=batch.pk)
    assert batch.status == BatchStatus.RECONCILED
    counted = sorted(str(c.content) for c in batch.counted.all())
    assert counted == sorted(str(content(t)) for t in truths)
