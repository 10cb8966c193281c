"""Browser journey (Playwright, Chromium): results published → the commune's clerk
completes the congress file and requests approval → the district approves → the congress
and organisation pages show the approved committee.

Run with `.venv/bin/pytest -m e2e -o addopts="" tests/e2e/test_approval_journey.py`.
"""

import pytest

from daihoi.approvals import services
from tests.approvals.conftest import clerk, higher, pdf, published  # noqa: F401 (fixtures)
from tests.e2e.conftest import login
from tests.elections.conftest import congress, counting, election  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_published_results_are_requested_approved_and_shown(
    live_server,
    page,
    shot,
    published,  # noqa: F811
    clerk,  # noqa: F811
    tree,
    browser,
):
    c = published.congress
    for kind in ("sitting_minutes", "political_report"):
        services.upload_file(clerk, c, kind=kind, title=kind, uploaded=pdf())

    login(page, live_server, "van_thu_xa")
    page.goto(f"{live_server.url}/congresses/{c.pk}/")
    assert "Chờ chuẩn y" in page.inner_text("#approval-status")
    page.click("#approval-status a")
    # The request is refused while the resolution is missing, and says so.
    assert "Nghị quyết đại hội" in page.inner_text("#approval .finding")
    page.click("#file summary")
    page.select_option("#file select[name=kind]", "resolution")
    page.fill("#file input[name=title]", "Nghị quyết Đại hội")
    page.set_input_files(
        "#file input[name=file]",
        files=[{"name": "nq.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}],
    )
    page.click("#file button[type=submit]")
    page.wait_for_selector("text=Đã tải tài liệu lên hồ sơ.")
    page.fill("#approval input[name=requested_on]", "2025-07-01")
    page.click("#approval button[type=submit]")
    page.wait_for_selector("text=Đã gửi đề nghị chuẩn y.")
    assert "Chờ chuẩn y" in page.inner_text("#approval .approval-state")
    shot(page, "approval-requested")

    district = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    hp = district.new_page()
    login(hp, live_server, "dong")
    hp.goto(f"{live_server.url}/approvals/congress/{c.pk}/")
    hp.fill("#decision-form input[name=number]", "45-QĐ/HU")
    hp.fill("#decision-form input[name=decided_on]", "2025-07-08")
    hp.fill("#decision-form input[name=issued_by]", "Ban Thường vụ Huyện ủy Đông")
    hp.click("#decision-form button.primary")
    hp.wait_for_selector("text=Đã ghi quyết định chuẩn y.")
    shot(hp, "approval-granted")

    hp.goto(f"{live_server.url}/congresses/{c.pk}/")
    status = hp.inner_text("#approval-status")
    assert "Đã chuẩn y" in status and "45-QĐ/HU" in status
    hp.goto(f"{live_server.url}/organizations/{tree.east_commune.pk}/")
    assert "Đã chuẩn y" in hp.inner_text("#new-committee")
    shot(hp, "organisation-approved-committee")
    district.close()
