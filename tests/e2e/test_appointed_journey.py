"""Browser journey (Playwright, Chromium): record an appointed committee with the keyboard only.

Marked e2e, so the default run skips it; run it with
`.venv/bin/pytest -m e2e -o addopts="" tests/e2e/test_appointed_journey.py`.
"""

import pytest

from daihoi.congresses.models import AppointedCommitteeMember, CommitteeAppointment
from daihoi.congresses.services import create_congress
from tests.congresses.conftest import terms  # noqa: F401 (fixture)
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_decision_and_its_people_entered_from_the_keyboard(
    live_server,
    page,
    shot,
    terms,  # noqa: F811 (the fixture imported above)
    users,
    tree,
    members,
):
    congress = create_congress(
        users.east,
        tree.east_commune,
        name="Đại hội Đảng bộ xã Đông Hòa lần thứ I",
        kind="delegates",
    )
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/congresses/{congress.pk}/")

    page.click("#appointed summary")
    page.fill("#appointed input[name=decision_number]", "125-QĐ/HU")
    page.fill("#appointed input[name=decided_on]", "2025-07-01")
    page.fill("#appointed input[name=issued_by]", "Ban Thường vụ Huyện ủy Đông")
    page.keyboard.press("Enter")
    page.wait_for_url("**#appointed-person")
    # The cursor waits in the person box: a code, Tab, "B" (Bí thư), Enter.
    page.keyboard.type("M001")
    page.keyboard.press("Tab")
    page.keyboard.type("B")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Nguyễn Văn An")
    # Back in the box: a typed name with the default post, Enter.
    assert page.evaluate("document.activeElement.name") == "person"
    page.keyboard.type("Võ Thị Hà")
    page.keyboard.press("Enter")
    page.wait_for_selector("td:has-text('Võ Thị Hà')")

    rows = page.locator("table.appointed-list tbody tr")
    assert rows.count() == 2
    assert "Bí thư" in rows.nth(0).inner_text()
    assert "Ủy viên Ban Chấp hành" in rows.nth(1).inner_text()
    kinds = page.locator("select[name=kind] option").all_inner_texts()
    assert "Ban Chấp hành (cấp ủy)" not in kinds and "Đại biểu dự đại hội cấp trên" in kinds
    shot(page, "congress-appointed-committee")

    appointment = CommitteeAppointment.objects.get()
    assert appointment.decision_number == "125-QĐ/HU"
    assert AppointedCommitteeMember.objects.filter(appointment=appointment).count() == 2
