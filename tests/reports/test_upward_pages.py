"""The upward report's page, drill-down and files, as a province clerk and a district clerk."""

import io
import re

import pytest
from openpyxl import load_workbook

from daihoi.reports.upward import upward_report
from tests.reports.upward_fixture import ON, build

Q = "term=2025-2030&on=01/07/2025"


@pytest.fixture
def built(tree, users):
    build(tree, users.province)
    return tree


def test_it_shows_the_figures_by_level_with_links(client, built, users):
    client.force_login(users.province)
    page = client.get(f"/reports/upward/?{Q}").content.decode()
    assert "Báo cáo kết quả đại hội lên cấp trên" in page
    assert 'data-figure="elected"' in page
    assert "figure=elected_waiting&amp;group=total" in page
    assert "Cấp ủy viên chờ chuẩn y" in page


@pytest.mark.parametrize("figure", ["elected", "under_40", "re_election_not_elected", "delegates"])
def test_every_number_lists_as_many_rows(client, built, users, figure):
    client.force_login(users.province)
    report = upward_report(built.province, "2025-2030", ON)
    for group in report.groups():
        page = client.get(f"/reports/upward/rows/?{Q}&figure={figure}&group={group.key}")
        assert page.status_code == 200
        listed = re.findall(r'<td class="num">\d+</td><td>', page.content.decode())
        assert len(listed) == group.count(figure), (figure, group.key)


def test_a_district_sees_its_own_and_not_the_province(client, built, users):
    client.force_login(users.east)
    page = client.get(f"/reports/upward/?{Q}")
    assert page.status_code == 200
    assert page.context["report"].total.count("elected") == 4
    assert client.get(f"/reports/upward/?org={built.province.pk}&{Q}").status_code == 404


def test_an_unknown_figure_or_group_is_not_found(client, built, users):
    client.force_login(users.province)
    assert client.get(f"/reports/upward/rows/?{Q}&figure=nope&group=total").status_code == 404
    assert client.get(f"/reports/upward/rows/?{Q}&figure=elected&group=x").status_code == 404


def test_a_bad_day_says_so_and_shows_today(client, built, users):
    client.force_login(users.province)
    page = client.get("/reports/upward/?on=31/02/2025", follow=True)
    assert "không hợp lệ" in page.content.decode()


def test_the_workbook_carries_the_same_numbers(client, built, users):
    client.force_login(users.province)
    data = client.get(f"/reports/upward.xlsx?{Q}").content
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Theo cấp", "Theo đơn vị", "Cấp ủy viên"]
    by_label = {
        row[0].strip(): row[1:] for row in book["Theo cấp"].iter_rows(values_only=True) if row[0]
    }
    headers = by_label["Chỉ tiêu"]
    total = headers.index("Toàn đảng bộ")
    assert by_label["Dưới 40 tuổi"][total] == 4
    assert by_label["Tuổi bình quân"][total] == pytest.approx(41.4)
    people = list(book["Cấp ủy viên"].iter_rows(values_only=True))
    assert sum(1 for r in people if r[3] in ("Đã chuẩn y", "Chờ chuẩn y")) == 7


def test_the_pdf_is_a_pdf(client, built, users):
    client.force_login(users.province)
    response = client.get(f"/reports/upward.pdf?{Q}")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_api_gives_the_same_counts(client, built, users):
    client.force_login(users.province)
    data = client.get("/api/reports/upward?term=2025-2030&on=2025-07-01").json()
    assert data["form"] == "Biểu TK-ĐH-01 (daihoi)"
    assert data["total"]["figures"]["elected"] == 7
    assert data["total"]["figures"]["elected_waiting"] == 3
    assert data["total"]["average_age"] == pytest.approx(41.4)
    assert {c["figures"]["elected"] for c in data["children"]} == {4, 3}
    client.force_login(users.east)
    assert client.get(f"/api/reports/upward?org={built.province.pk}").status_code == 404


def test_it_speaks_english_when_asked(client, built, users):
    client.force_login(users.province)
    client.cookies["django_language"] = "en"
    page = client.get(f"/reports/upward/?{Q}").content.decode()
    assert "Upward report of the congresses" in page
    assert "Committee members awaiting approval" in page
