"""The year's review in the browser: open it, grade a cell from the keyboard, be stopped by the
excellent quota with its reason, finish, watch the district dashboard advance, export the summary."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from daihoi.people.models import Post
from tests.conftest import make_member
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e
D = dt.date


@pytest.fixture
def cell(transactional_db, tree, users):
    org = tree.east_cells[0]
    people = [
        ("J01", "Lê", "Văn", "An"),
        ("J02", "Trần", "Thị", "Bích"),
        ("J03", "Phạm", "Văn", "Cường"),
        ("J04", "Đỗ", "Văn", "Dũng"),
        ("J05", "Vũ", "Thị", "Giang"),
        ("J06", "Hoàng", "Văn", "Hải"),
    ]
    members = [make_member(org, code, f, m, g) for code, f, m, g in people]
    Post.objects.create(
        member=members[0], title="Bí thư Chi bộ thôn 1", organization=org, started_on=D(2021, 1, 1)
    )
    return members


def stat(page, name: str) -> str:
    return page.locator(f"[data-stat={name}]").inner_text().strip()


def test_grading_journey(page, live_server, cell, shot):
    login(page, live_server, "dong")
    page.goto(f"{live_server.url}/grading/")
    year = str(dt.date.today().year)
    page.fill("input[name=year]", year)
    page.get_by_role("button", name="Mở đợt kiểm điểm").click()
    page.get_by_text(f"Đã mở kiểm điểm, xếp loại năm {year}").wait_for()
    assert stat(page, "done") == "0"
    dashboard = page.url
    shot(page, "grading-01-opened")

    page.locator("#children").get_by_role("link", name="Đảng bộ xã Đông Hòa").click()
    page.locator("#children").get_by_role("link", name="Chi bộ thôn 1").click()
    page.get_by_role("link", name="Xếp loại của tổ chức này").click()
    page.locator("#sheet-table").wait_for()

    # Keyboard: X ticks the excellent standard, 1–4 grade the row and move on.
    rows = page.locator("tr.member-row")
    rows.first.focus()
    for key in ("x", "1", "x", "1", "2", "2", "2", "2"):
        page.keyboard.press(key)
    # Each key sends the sheet to the live check; wait for the answer to the last one.
    expect(page.locator("#quota-line")).to_contain_text("20% của 4", timeout=20_000)
    live = page.locator("#check").inner_text()
    assert "Không được:" in live and "tối đa 0" in live and "20% của 4" in live
    shot(page, "grading-02-live-quota")

    page.keyboard.press("Control+Enter")
    page.get_by_text("Chưa lưu.").wait_for()
    refused = page.locator(".messages").inner_text()
    assert "Đảng bộ xã Đông Hòa: 2 đảng viên Hoàn thành xuất sắc nhưng tối đa 0" in refused
    shot(page, "grading-03-refused")

    rows.nth(1).focus()
    page.keyboard.press("2")  # the second one good: 1 excellent, 5 good — 20 % of 5 is 1
    expect(page.locator("#quota-line")).to_contain_text("20% của 5", timeout=20_000)
    collective = page.locator("fieldset", has=page.locator("input[name=unit-grade]"))
    collective.get_by_text("HTT", exact=True).click()
    page.check("input[name=unit-c-good_basis]")
    leader = page.locator("fieldset", has=page.locator("input[name=leader-grade]"))
    leader.get_by_text("HTT", exact=True).click()
    expect(page.locator("#check")).to_contain_text("Không vướng quy định nào", timeout=20_000)
    page.get_by_role("button", name="Lưu đề xuất xếp loại (Ctrl+Enter)").click()
    page.get_by_text("Đã lưu đề xuất xếp loại của Chi bộ thôn 1").wait_for()
    assert "Đã đề xuất xếp loại" in page.locator("#unit-status").inner_text()

    page.locator("button[data-action=decide]").click()
    page.get_by_text("Đã cập nhật: Cấp ủy quyết định").wait_for()
    page.locator("button[data-action=publish]").click()
    page.get_by_text("Đã cập nhật: Công bố kết quả").wait_for()
    assert "Đã công bố" in page.locator("#unit-status").inner_text()
    shot(page, "grading-04-published")

    page.goto(dashboard)
    assert stat(page, "done") == "1" and stat(page, "published") == "1"
    shot(page, "grading-05-district-advanced")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tổng hợp Excel").click()
    wb = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    first = next(
        row
        for row in wb["TongHop"].iter_rows(values_only=True)
        if row and row[0] == "Chi bộ trực thuộc"
    )
    assert first[1:5] == (1, 5, 0, 0)
    assert len(wb["TongHop"]._charts) == 2
