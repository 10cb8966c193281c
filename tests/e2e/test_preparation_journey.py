"""Preparation in the browser: the province issues its plan and a grassroots congress shows the
inherited deadline; the documents subcommittee uploads the political report and opens a
comment round to the delegates; a delegate signs in on a phone with the one-time link, reads
the programme (kept for a dead network) and comments; the subcommittee accepts the comment,
completes the summary and downloads it."""

import io
import re

import pytest
from docx import Document

from daihoi.congresses.services import create_congress
from daihoi.delegates import roster
from daihoi.preparation import portal, programme
from daihoi.preparation.models import Comment
from tests.conftest import make_member
from tests.e2e.conftest import login
from tests.preparation.conftest import docx_upload

pytestmark = pytest.mark.e2e

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36",
}


@pytest.fixture
def hall(transactional_db, tree, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    province = create_congress(
        users.province,
        tree.province,
        name="Đại hội đại biểu Đảng bộ tỉnh A lần thứ XX",
        kind="delegates",
    )
    commune = create_congress(
        users.province, tree.east_commune, name="Đại hội Đảng bộ xã Đông Hòa", kind="members"
    )
    person = make_member(tree.east_cells[0], "D01", "Lê", "Thị", "Hoa", gender="female")
    delegate = roster.add_delegate(
        users.province, province, person, kind="elected", delegation=tree.east
    )
    programme.add_standard_programme(
        users.province, province, day=__import__("datetime").date(2025, 10, 15)
    )
    return province, commune, delegate


def test_plan_deadline_comment_round_phone_comment_answer_summary(
    browser, page, live_server, shot, hall, tree, tmp_path
):
    province, commune, delegate = hall
    login(page, live_server, "tinh")

    # 1. The province issues its plan.
    page.goto(f"{live_server.url}/preparation/")
    with page.expect_navigation():
        page.click("text=Lập kế hoạch")
    page.fill("input[name=title]", "Kế hoạch tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2025-2030")
    page.fill("input[name=number]", "25-KH/TU")
    page.fill("input[name=cell_finish_by]", "2025-02-28")
    page.fill("input[name=grassroots_pilots_by]", "2025-04-15")
    page.fill("input[name=grassroots_finish_by]", "2025-06-30")
    page.fill("input[name=district_finish_by]", "2025-08-25")
    page.fill("input[name=province_finish_by]", "2025-10-31")
    with page.expect_navigation():
        page.click("text=Lưu kế hoạch")
    shot(page, "preparation-01-plan-saved")
    with page.expect_navigation():
        page.click("text=Ban hành kế hoạch")
    assert "Ban hành ngày" in page.inner_text("main")

    # 2. A grassroots congress inherits its deadline.
    page.goto(f"{live_server.url}/preparation/congress/{commune.pk}/")
    assert page.inner_text("[data-deadline]") == "30/06/2025"
    shot(page, "preparation-02-grassroots-deadline")

    # 3. The political report is uploaded and a round opened to the delegates.
    page.goto(f"{live_server.url}/preparation/congress/{province.pk}/")
    page.click("text=Thêm văn kiện")
    page.select_option("select[name=kind]", "political_report")
    page.fill("input[name=title]", "Báo cáo chính trị trình Đại hội")
    with page.expect_navigation():
        page.click("#drafts ~ details form button[type=submit]")
    draft_file = tmp_path / "bao-cao-chinh-tri.docx"
    draft_file.write_bytes(docx_upload().read())
    page.set_input_files("input[name=file]", str(draft_file))
    with page.expect_navigation():
        page.click("text=Tải lên dự thảo mới")
    assert "Phần thứ nhất" in page.inner_text("#sections")
    page.check("input[name=to_delegates]")
    page.uncheck("input[name=to_lower_organizations]")
    with page.expect_navigation():
        page.click("button:has-text('Mở đợt lấy ý kiến')")
    round_url = page.url
    assert "Đang lấy ý kiến" in page.inner_text("main")
    shot(page, "preparation-03-round-open")

    # 4. The delegate, on a phone, signs in with the one-time link and comments.
    [(_, token)] = portal.issue_links(None, province, [delegate])
    phone = browser.new_context(**PHONE)
    mobile = phone.new_page()
    mobile.set_default_timeout(15_000)
    mobile.goto(f"{live_server.url}/preparation/portal/go/{token}/")
    with mobile.expect_navigation():
        mobile.click("button:has-text('Đăng nhập')")
    assert "/password/" in mobile.url
    with mobile.expect_navigation():
        mobile.click("text=Để sau")
    with mobile.expect_navigation():
        mobile.click("nav >> text=Chương trình")
    assert "Bầu Đoàn Chủ tịch đại hội" in mobile.inner_text("main")
    mobile.evaluate("navigator.serviceWorker.ready.then(() => true)")
    mobile.reload()  # now under the service worker's control: the page is kept
    phone.set_offline(True)
    mobile.reload()
    assert "Bầu Đoàn Chủ tịch đại hội" in mobile.inner_text("main")  # read from the phone's copy
    shot(mobile, "preparation-04-phone-programme-offline")
    phone.set_offline(False)
    with mobile.expect_navigation():
        mobile.click("nav >> text=Góp ý")
    mobile.select_option("select[name=section]", label="Phần thứ hai")
    mobile.fill("textarea[name=text]", "Đề nghị bổ sung chỉ tiêu về chuyển đổi số.")
    with mobile.expect_navigation():
        mobile.click("button:has-text('Gửi ý kiến')")
    assert "Đã gửi ý kiến" in mobile.inner_text("main")
    width = mobile.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing runs off the phone's screen
    shot(mobile, "preparation-05-phone-comment-sent")
    phone.close()

    # 5. The subcommittee accepts it, completes the summary and downloads it.
    page.goto(round_url)
    comment = Comment.objects.get()
    prefix = f"c{comment.pk}"
    page.select_option(f"select[name={prefix}-answer]", "accepted")
    page.fill(f"textarea[name={prefix}-reply]", "Tiếp thu, bổ sung vào Phần thứ hai.")
    with page.expect_navigation():
        page.click(f"#comment-{comment.pk} button[type=submit]")
    assert page.inner_text(f"#comment-{comment.pk} [data-answer]") == "Tiếp thu"
    with page.expect_navigation():
        page.click("button:has-text('Kết thúc lấy ý kiến')")
    with page.expect_navigation():
        page.click("button:has-text('Hoàn thành báo cáo tổng hợp')")
    assert "Báo cáo tổng hợp đã hoàn thành" in page.inner_text("main")
    shot(page, "preparation-06-summary-final")
    with page.expect_download() as info:
        page.click("[data-summary]")
    download = info.value
    assert re.fullmatch(r"tong-hop-y-kien-\d+\.docx", download.suggested_filename)
    doc = Document(io.BytesIO(open(download.path(), "rb").read()))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "Đề nghị bổ sung chỉ tiêu về chuyển đổi số." in text
    assert "Tiếp thu" in text and "Phần thứ hai" in text
