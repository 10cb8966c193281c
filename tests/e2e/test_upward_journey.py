"""Browser journey (Playwright, Chromium, Vietnamese): the commune's congress is held, its
committee result published, approval requested (the province's upward report shows the new
committee as waiting) and granted (the report shows it approved).

Run with `.venv/bin/pytest -m e2e -o addopts="" tests/e2e/test_upward_journey.py`.
"""

import re

import pytest

from daihoi.approvals import services
from daihoi.congresses import tracking
from daihoi.elections import entry
from tests.approvals.conftest import clerk, pdf  # noqa: F401 (fixtures)
from tests.e2e.conftest import login
from tests.elections.conftest import congress, counting, election  # noqa: F401 (fixtures)
from tests.elections.test_views_results import count

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def counted(election, counting, clerk, users):  # noqa: F811 (fixtures imported above)
    """The count done (not published), the congress prepared, its file's uploads in."""
    count(entry.create_batch(None, election, team=counting.team, number=1), counting)
    tracking.prepare_congress(users.east, election.congress)
    for kind in ("sitting_minutes", "resolution", "political_report"):
        services.upload_file(clerk, election.congress, kind=kind, title=kind, uploaded=pdf())
    return election


def _figure(page, key: str, group: str = "total") -> int:
    return int(
        page.inner_text(f'#upward-by-level tr[data-figure="{key}"] td[data-group="{group}"]')
    )


def test_the_upward_report_follows_the_congress_to_its_approval(
    live_server, browser, page, shot, counted, users
):
    c = counted.congress
    # The district's staff record the congress held, then publish the committee result.
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/reports/congresses/{c.pk}/")
    page.click('form[action$="/hold/"] button')
    page.wait_for_selector("text=Đã cập nhật trạng thái đại hội.")
    page.goto(f"{live_server.url}/elections/{counted.pk}/results/")
    page.click('form[action$="/publish/"] button')
    page.wait_for_selector("text=Kết quả đã công bố")

    # The commune's clerk requests approval.
    commune = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    cp = commune.new_page()
    login(cp, live_server, "van_thu_xa")
    cp.goto(f"{live_server.url}/approvals/congress/{c.pk}/")
    cp.fill("#approval input[name=requested_on]", "2025-07-01")
    cp.click("#approval button[type=submit]")
    cp.wait_for_selector("text=Đã gửi đề nghị chuẩn y.")
    commune.close()

    # The province sees the new committee, waiting.
    province = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="vi-VN", accept_downloads=True
    )
    pp = province.new_page()
    login(pp, live_server, "tinh")
    pp.goto(f"{live_server.url}/reports/statistics/")
    pp.click("text=Báo cáo kết quả đại hội lên cấp trên")
    pp.wait_for_selector("#upward-by-level")
    elected = _figure(pp, "elected")
    assert elected > 0
    assert _figure(pp, "elected_waiting") == elected
    assert _figure(pp, "elected_approved") == 0
    assert _figure(pp, "committees_waiting") == 1
    assert _figure(pp, "congresses_held") == 1
    shot(pp, "upward-waiting")
    pp.click('#upward-by-level tr[data-figure="elected_waiting"] td[data-group="total"] a')
    pp.wait_for_selector("#upward-rows")
    rows = pp.locator("#upward-rows tbody tr")
    assert rows.count() == elected
    assert all("Chờ chuẩn y" in t for t in rows.all_inner_texts())
    shot(pp, "upward-waiting-rows")

    # The district approves.
    page.goto(f"{live_server.url}/approvals/congress/{c.pk}/")
    page.fill("#decision-form input[name=number]", "45-QĐ/HU")
    page.fill("#decision-form input[name=decided_on]", "2025-07-08")
    page.fill("#decision-form input[name=issued_by]", "Ban Thường vụ Huyện ủy Đông")
    page.click("#decision-form button.primary")
    page.wait_for_selector("text=Đã ghi quyết định chuẩn y.")

    # The province's report now shows the committee approved.
    pp.goto(f"{live_server.url}/reports/upward/")
    assert _figure(pp, "elected_approved") == elected
    assert _figure(pp, "elected_waiting") == 0
    assert _figure(pp, "committees_approved") == 1
    shot(pp, "upward-approved")
    with pp.expect_download() as download:
        pp.click("text=Tải Excel")
    assert re.search(r"\.xlsx$", download.value.suggested_filename)
    province.close()
