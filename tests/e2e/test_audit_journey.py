"""The audit page in the browser (issue 19): an administrator finds a change by filtering, reads it in
Vietnamese, checks the chain; a tampered row then shows as broken, naming the entry."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.people.services import update_member
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 60_000


@pytest.fixture
def changes(transactional_db, members, users):
    update_member(users.east, members.an, given_name="Anh")
    return members


def test_an_administrator_filters_checks_and_sees_a_tampered_chain(
    page, live_server, users, changes, shot
):
    page.set_default_timeout(TIMEOUT_MS)
    login(page, live_server, "tinh")
    page.get_by_role("link", name="Nhật ký", exact=True).click()
    page.wait_for_url("**/audit/")
    assert page.get_by_role("heading", name="Nhật ký kiểm toán").is_visible()
    page.select_option("select[name=action]", label="Sửa thông tin đảng viên")
    page.fill("input[name=date_from]", "01/01/2020")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 1 and "dong" in rows.first.inner_text()
    page.get_by_role("button", name="Kiểm tra toàn bộ chuỗi ngay").click()
    assert page.get_by_text("Chuỗi nhật ký toàn vẹn").first.is_visible()
    assert page.locator("tbody tr").count() == 1  # the filters are kept
    shot(page, "audit-page")
    AuditEntry.objects.filter(seq=2).update(summary="sửa trộm")
    page.get_by_role("button", name="Kiểm tra toàn bộ chuỗi ngay").click()
    assert page.get_by_text("HỎNG").first.is_visible()
    assert "mục #2" in page.content()
