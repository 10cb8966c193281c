"""Issue 20.4 in the browser: the organiser downloads the hall package from the congress page,
the hall (a second database, its own audit key) loads it and counts offline, and the
organiser uploads the hall's return on the same page, follows its merge job to the verdict,
finds it listed on the hall page, and sees the result."""

import json
import re

import pytest

from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import entry, lists
from daihoi.elections.models import Election, ElectionStatus
from tests.conftest import make_user
from tests.e2e.conftest import login
from tests.hall.conftest import hall, hall_template  # noqa: F401
from tests.hall.test_round_trip import HALL_COUNT

pytestmark = pytest.mark.e2e

NAMES = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Quốc Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


@pytest.fixture
def ready(transactional_db, tree, users):
    congress = create_congress(
        users.east, tree.east_commune, name="Đại hội Đảng bộ xã Đông Hòa", kind="delegates"
    )
    update_attendance(users.east, congress, summoned=11, present=10)
    election = lists.create_election(
        users.east, congress, kind="committee", title="Bầu Ban Chấp hành", seats=4
    )
    for name in NAMES:
        lists.add_candidate(users.east, election, full_name=name)
    lists.approve_list(users.east, election)
    leader, op1, op2 = (
        make_user(u, tree.east_commune, "counting") for u in ("truong_to", "nhap1", "nhap2")
    )
    entry.create_team(None, congress, name="Tổ 1", leader=leader, members=[op1, op2])
    return congress


def test_the_hall_counts_offline_and_its_return_is_taken(
    page,
    live_server,
    ready,
    request,
    tmp_path,
    shot,
):
    laptop = request.getfixturevalue("hall")  # tests/hall/conftest.py
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/congresses/{ready.pk}/")
    page.click("#hall a.button")
    page.click("#issue-package")
    key = page.locator("#package-key").inner_text()
    assert re.fullmatch(r"([0-9a-f]{4}-){7}[0-9a-f]{4}", key)
    shot(page, "hall-package-issued")
    with page.expect_download() as download:
        page.click("#download-package")
    package_file = tmp_path / "goi.zip"
    download.value.save_as(package_file)

    out = laptop.run("hall", "import", str(package_file), "--key", key).stdout
    hall_congress = re.search(r"đại hội #(\d+)", out).group(1)
    counted = laptop.run("shell", "-c", HALL_COUNT.replace("CONGRESS", hall_congress))
    elected = json.loads(counted.stdout.strip().splitlines()[-1])["elected"]
    return_file = tmp_path / "ket-qua.zip"
    laptop.run("hall", "return", hall_congress, "-o", str(return_file))

    page.goto(f"{live_server.url}/hall/congress/{ready.pk}/")
    page.set_input_files("input[name=file]", str(return_file))
    page.click("#upload-return")
    # The merge runs as a job (inline here): the upload lands on its page and its verdict.
    assert re.search(rf"/hall/congress/{ready.pk}/merges/[\w-]+/$", page.url)
    assert "Đã nhận kết quả hội trường" in page.locator("#return-ok").inner_text()
    shot(page, "hall-return-accepted")
    page.click("#back-to-hall")
    assert "Đã nhận:" in page.locator("#hall-merges .merge-verdict").first.inner_text()
    shot(page, "hall-return-listed")
    election = Election.objects.get(congress=ready)
    assert election.status == ElectionStatus.PUBLISHED
    page.goto(f"{live_server.url}/elections/{election.pk}/results/")
    text = page.locator("main").inner_text()
    for name in elected:
        assert name in text
    shot(page, "hall-return-results")
