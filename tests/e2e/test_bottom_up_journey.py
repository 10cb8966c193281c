"""Browser journey (Playwright, Chromium): marking a district congress held while a commune's is not.

Marked e2e, so the default run skips it; run it with
`.venv/bin/pytest -m e2e -o addopts="" tests/e2e/test_bottom_up_journey.py`.
"""

import pytest

from daihoi.congresses import tracking
from daihoi.congresses.models import Congress
from daihoi.congresses.services import create_congress
from tests.congresses.conftest import terms  # noqa: F401 (fixture)
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_late_units_are_listed_and_the_decision_recorded(
    live_server,
    page,
    shot,
    terms,  # noqa: F811 (the fixture imported above)
    users,
    tree,
):
    district = create_congress(users.east, tree.east, name="Đại hội huyện Đông", kind="delegates")
    tracking.prepare_congress(users.east, district)
    create_congress(users.east, tree.east_commune, name="Đại hội xã Đông Hòa", kind="delegates")
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/reports/congresses/{district.pk}/")

    warning = page.locator("#pending-subordinates")
    assert "Đảng bộ xã Đông Hòa" in warning.inner_text()
    shot(page, "congress-hold-warns-of-late-units")
    page.click("button:has-text('Đã tổ chức')")
    page.wait_for_selector("text=Còn 1 đại hội cấp dưới cùng nhiệm kỳ chưa tổ chức")
    assert Congress.objects.get(pk=district.pk).status == "prepared"

    page.fill("#late_decision_number", "15-QĐ/TU")
    page.fill("#late_decided_on", "2025-06-01")
    page.fill("#late_note", "Xã Đông Hòa tổ chức sau do sáp nhập")
    page.click("button:has-text('Đã tổ chức')")
    page.wait_for_selector(".status-pill.held")
    recorded = page.locator("#late-exception").inner_text()
    assert "15-QĐ/TU" in recorded and "01/06/2025" in recorded and "Đảng bộ xã Đông Hòa" in recorded
    shot(page, "congress-held-with-late-units")
    assert Congress.objects.get(pk=district.pk).status == "held"
