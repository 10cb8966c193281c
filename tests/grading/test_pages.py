"""The grading pages through the test client: list, opening, dashboard, the sheet, its live check,
refusals, minutes, the member page's grades block, and access outside the subtree."""

import datetime as dt
import io

import pytest
from docx import Document

from daihoi.grading import services
from daihoi.grading.models import Evaluation, ReviewCycle, UnitReview
from tests.documents.pdftools import need_poppler, pdf_text, render

from .conftest import C, G, deadlines, sheet

D = dt.date


@pytest.fixture
def east(client, users):
    client.force_login(users.east)
    return client


def post_sheet(cell, grades, excellent=()):
    data = {"on": "2024-12-12", "present": "5", "chair": "Lê Văn Cao", "recorder": "Vũ Thị Mai"}
    for index, (member, grade) in enumerate(zip(cell.members, grades, strict=False)):
        data[f"g-{member.pk}"] = grade
        data[f"c-{member.pk}-good_basis"] = "on"
        if index in excellent:
            data[f"c-{member.pk}-excellent_basis"] = "on"
    return data


def test_the_list_shows_the_cycle_and_an_editor_may_open_one(east, cycle):
    page = east.get("/grading/")
    assert page.status_code == 200
    assert "Năm 2024" in page.content.decode() and "QĐ 124-QĐ/TW 2023" in page.content.decode()
    response = east.post(
        "/grading/open/", {"year": 2025, **_iso(deadlines(2025)), "appeal_days": 15}
    )
    opened = ReviewCycle.objects.get(year=2025)
    assert response.status_code == 302 and response.url == f"/grading/{opened.pk}/"
    assert opened.rules_version == "366-2025"


def _iso(dates: dict) -> dict:
    return {k: v.isoformat() for k, v in dates.items()}


def test_opening_an_overlapping_cycle_shows_the_reason(east, cycle):
    response = east.post(
        "/grading/open/", {"year": 2024, **_iso(deadlines(2024)), "appeal_days": 15}, follow=True
    )
    assert "Năm 2024 đã có đợt kiểm điểm" in response.content.decode()


def test_the_dashboard_counts_by_level_and_highlights_late_units(east, cycle, unit, cell, users):
    page = east.get(f"/grading/{cycle.pk}/").content.decode()
    assert "Tổ chức phải kiểm điểm" in page and "Chi bộ thôn 1" in page
    assert 'class="is-late"' in page  # the decision deadline (31/12/2024) has passed
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    services.record_step(users.east, unit, "decide", D(2024, 12, 20))
    page = east.get(f"/grading/{cycle.pk}/").content.decode()
    assert 'data-stat="done">1<' in page


def test_the_sheet_shows_every_member_with_keys_and_the_checklist(east, unit, cell):
    page = east.get(f"/grading/units/{unit.pk}/").content.decode()
    for member in [*cell.members, cell.new]:
        assert member.full_name in page
    assert f'name="g-{cell.members[0].pk}" value="excellent"' in page
    assert "Phím tắt" in page and "Đạt chuẩn HTXS" in page
    assert "không xếp loại" in page  # the member admitted in 11/2024


def test_the_live_check_names_the_quota_and_the_reason(east, unit, cell):
    data = post_sheet(cell, ["excellent", "good", "good", "good", "good"], excellent={0})
    part = east.post(f"/grading/units/{unit.pk}/check/", data).content.decode()
    assert "Không được:" in part and "tối đa 0" in part and "20% của 4" in part
    assert 'hx-swap-oob="true"' in part
    data[f"g-{cell.members[0].pk}"] = "good"
    part = east.post(f"/grading/units/{unit.pk}/check/", data).content.decode()
    assert "Không vướng quy định nào" in part
    assert not Evaluation.objects.exists()  # checking writes nothing


def test_saving_past_the_quota_is_refused_and_writes_nothing(east, unit, cell):
    data = post_sheet(cell, ["excellent", "good", "good", "good", "good"], excellent={0})
    response = east.post(f"/grading/units/{unit.pk}/", data)
    assert response.status_code == 422
    assert "Chưa lưu." in response.content.decode() and "tối đa 0" in response.content.decode()
    assert not Evaluation.objects.exists()
    assert UnitReview.objects.get(pk=unit.pk).status == "not_started"


def test_a_leader_above_the_unit_is_refused_with_the_rule(east, unit, cell):
    data = post_sheet(cell, ["good"] * 5)
    data.update({"unit-grade": "completed", "unit-c-good_basis": "on", "leader-grade": "good"})
    response = east.post(f"/grading/units/{unit.pk}/", data)
    assert response.status_code == 422
    assert "không được cao hơn tập thể" in response.content.decode()


def test_saving_a_valid_sheet_moves_the_unit_on(east, unit, cell):
    data = post_sheet(cell, ["good", "good", "completed", "good", "good"])
    data.update({"unit-grade": "good", "unit-c-good_basis": "on", "leader-grade": "good"})
    response = east.post(f"/grading/units/{unit.pk}/", data)
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.status == "proposed" and unit.present == 5 and unit.chair == "Lê Văn Cao"
    assert (
        Evaluation.objects.filter(unit=unit, subject="member", proposed_grade="good").count() == 4
    )
    assert Evaluation.objects.get(unit=unit, subject="leader").proposed_grade == "good"


def test_a_viewer_sees_the_sheet_read_only_and_cannot_save(client, users, unit, cell):
    client.force_login(users.east_viewer)
    page = client.get(f"/grading/units/{unit.pk}/").content.decode()
    assert 'id="sheet"' not in page
    response = client.post(f"/grading/units/{unit.pk}/", post_sheet(cell, ["good"] * 5))
    assert response.status_code == 403 and not Evaluation.objects.exists()


def test_outside_the_subtree_everything_is_404(client, users, cycle, unit):
    client.force_login(users.west)
    assert client.get(f"/grading/units/{unit.pk}/").status_code == 404
    assert client.get(f"/grading/{cycle.pk}/").status_code == 404
    assert client.get(f"/grading/units/{unit.pk}/minutes.pdf").status_code == 404


def test_the_minutes_print_the_meeting_in_pdf_and_docx(east, unit, cell, users):
    services.save_grades(
        users.east,
        unit,
        sheet(cell, [G, G, C, G, G], unit_grade=G, leader_grade=G, meeting={"chair": "Lê Văn Cao"}),
    )
    pdf = east.get(f"/grading/units/{unit.pk}/minutes.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    need_poppler()
    text = pdf_text(pdf.content)
    for expected in (
        "BIÊN BẢN",
        "Chi bộ thôn 1",
        "Trần Thị Hoa",
        "Hoàn thành tốt nhiệm vụ",
        "Lê Văn Cao",
    ):
        assert expected in text
    assert "4 đồng chí (80,00%)" in text  # four good of five graded
    image = render(pdf.content, dpi=60)
    assert (image < 128).mean() > 0.01  # the page carries ink, not a blank sheet
    docx = Document(io.BytesIO(east.get(f"/grading/units/{unit.pk}/minutes.docx").content))
    body = "\n".join(p.text for p in docx.paragraphs)
    cells = " ".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert "Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024" in body
    assert "Phạm Văn Bình" in cells and "Hoàn thành nhiệm vụ" in cells


def test_the_member_page_lists_grades_by_year(east, unit, cell, users):
    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, G]))
    page = east.get(f"/members/{cell.members[2].pk}/").content.decode()
    assert "Xếp loại chất lượng hằng năm" in page
    assert "Hoàn thành nhiệm vụ" in page and "chi bộ đề xuất" in page
