"""The personnel subcommittee's journey: open the plan, run the checks, set one finding aside
with a reason, use the what-if to reach the women target, export the report."""

import datetime as dt

import pytest

from daihoi.congresses.services import create_congress
from daihoi.personnel import services
from tests.conftest import make_member
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e
D = dt.date


@pytest.fixture
def plan(transactional_db, tree, users):
    congress = create_congress(
        users.province,
        tree.east,
        name="Đại hội Đảng bộ huyện Đông",
        kind="delegates",
        starts_on=D(2025, 7, 20),
    )
    plan = services.create_plan(
        users.east, congress, committee_size=5, standing_size=2, deputy_count=1, women_target=30
    )
    cell = tree.east_cells[0]
    people = [
        ("E01", "Lê", "Văn", "Cao", "male", D(1960, 1, 1), "advanced", "secretary", True),
        ("E02", "Trần", "Thị", "Hoa", "female", D(1985, 3, 1), "advanced", "standing", False),
        ("E03", "Phạm", "Văn", "Bình", "male", D(1978, 1, 1), "advanced", "deputy_secretary", True),
        ("E04", "Đỗ", "Văn", "Dũng", "male", D(1980, 1, 1), "intermediate", "committee", False),
        ("E05", "Hoàng", "Văn", "Nam", "male", D(1975, 1, 1), "intermediate", "committee", True),
        ("E06", "Vũ", "Thị", "Mai", "female", D(1988, 1, 1), "intermediate", "committee", False),
    ]
    for code, family, middle, given, gender, born, theory, post, again in people:
        member = make_member(
            cell,
            code,
            family,
            middle,
            given,
            gender=gender,
            birth_date=born,
            political_theory=theory,
        )
        services.add_candidate(users.east, plan, member, post=post, re_elected=again)
    return plan


def test_personnel_journey(page, live_server, plan, shot):
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/personnel/")
    page.get_by_role("link", name="Đại hội Đảng bộ huyện Đông").click()
    page.get_by_role("heading", name="Danh sách nhân sự dự kiến").wait_for()
    shot(page, "personnel-01-plan")

    page.click("#run-checks")
    page.get_by_text("Đã kiểm tra:").wait_for()
    row = page.locator("tr[data-code=age_service_short]")
    assert "Không đủ tuổi tái cử" in row.inner_text()
    shot(page, "personnel-02-findings")

    row.get_by_text("Bỏ qua có lý do").click()
    row.locator("textarea").fill("Ban Thường vụ Tỉnh ủy đồng ý kéo dài thời gian công tác.")
    row.get_by_role("button", name="Ghi lý do").click()
    page.get_by_text("Đã ghi lý do bỏ qua").wait_for()
    assert "Đã xem xét" in page.locator("tr[data-code=age_service_short]").inner_text()
    shot(page, "personnel-03-overridden")

    page.get_by_role("link", name="Mô phỏng kết quả bầu").click()
    women = page.locator("tr[data-row=women]")
    assert "Chưa đạt" in women.inner_text()  # the first 5: one woman of five, 20 %
    shot(page, "personnel-04-whatif-before")
    page.locator("label", has_text="Đỗ Văn Dũng").locator("input").uncheck()
    page.locator("label", has_text="Vũ Thị Mai").locator("input").check()
    assert "40,0%" in women.inner_text() and "Đạt" in women.inner_text()
    assert "Chọn 5 / 5" in page.locator("#seat-count").inner_text()
    shot(page, "personnel-05-whatif-target-reached")

    page.go_back()
    with page.expect_download() as download:
        page.click("#download-docx")
    assert download.value.suggested_filename.endswith(".docx")
    with page.expect_download() as download:
        page.click("#download-pdf")
    path = download.value.path()
    assert open(path, "rb").read(4) == b"%PDF"
