"""The "Nhập/Xuất Excel" page. The Excel engine is another module; its absence skips
only the tests that need it."""

import io

import pytest
from django.urls import reverse

from daihoi.people.models import Member

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def inline_jobs(settings):
    # The background thread would not see the test's open transaction.
    settings.DAIHOI_INLINE_JOBS = True


def member_row(code, org_code, **changes):
    """One row of the DangVien sheet, by the headers a user sees in the template."""
    row = {
        "Mã đảng viên": code,
        "Họ": "Võ",
        "Tên đệm": "Thị",
        "Tên": "Sáu",
        "Giới tính": "Nữ",
        "Ngày sinh": "12/03/1980",
        "Dân tộc": "Kinh",
        "Ngày vào Đảng": "01/02/2005",
        "Ngày chính thức": "01/02/2006",
        "Tình trạng": "Chính thức",
        "GDPT": "12/12",
        "Chuyên môn": "Đại học",
        "Lý luận chính trị": "Trung cấp",
        "Mã tổ chức": org_code,
    }
    row.update(changes)
    return row


def workbook(*member_rows):
    """The downloadable template with these rows filled in, as a clerk would do it."""
    excel_template = pytest.importorskip("daihoi.people.excel_template")
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(excel_template.template_workbook()))
    sheet = book["DangVien"]
    headers = [cell.value for cell in sheet[1]]
    for row in member_rows:
        sheet.append([row.get(header, "") for header in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data, only_valid=False, **headers):
    payload = {"file": io.BytesIO(data)}
    payload["file"].name = "dang-vien.xlsx"
    if only_valid:
        payload["only_valid"] = "on"
    return client.post(reverse("people:excel_import"), payload, **headers)


def test_it_shows_the_three_steps(client, users):
    client.force_login(users.east)
    page = client.get(reverse("people:excel")).text
    assert "Tải tệp mẫu" in page and "Xuất dữ liệu" in page and "Nhập từ Excel" in page
    assert "chỉ nhập các dòng hợp lệ" in page


def test_it_downloads_the_template(client, users):
    pytest.importorskip("daihoi.people.excel_template")
    client.force_login(users.east_viewer)
    response = client.get(reverse("people:excel_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response.content[:2] == b"PK"


def test_it_exports_only_the_users_subtree(client, users, members):
    pytest.importorskip("daihoi.people.exporting")
    openpyxl = pytest.importorskip("openpyxl")
    client.force_login(users.east)
    response = client.get(reverse("people:excel_export"))
    assert response.status_code == 200 and "H01" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["DangVien"]
    codes = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert codes == {"M001", "M002", "M003"}


def test_it_imports_a_file_and_reports_the_counts(client, users, tree, inline_jobs):
    pytest.importorskip("daihoi.people.importing")
    client.force_login(users.east)
    response = upload(client, workbook(member_row("M100", "C011"), member_row("M101", "C012")))
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "Đã nhập xong" in page and "2 đảng viên mới" in page
    assert Member.objects.filter(code__in=["M100", "M101"]).count() == 2


def test_it_writes_nothing_and_names_the_cell_when_a_row_is_wrong(client, users, tree, inline_jobs):
    pytest.importorskip("daihoi.people.importing")
    client.force_login(users.east)
    data = workbook(
        member_row("M100", "C011"), member_row("M101", "C011", **{"Ngày sinh": "31/02/1980"})
    )
    response = upload(client, data, HTTP_HX_REQUEST="true")
    text = " ".join(response.text.split())
    assert "Không có dữ liệu nào được ghi" in text
    assert "DangVien" in text and "31/02/1980" in text
    assert not Member.objects.filter(code__in=["M100", "M101"]).exists()


def test_it_imports_only_the_good_rows_when_asked(client, users, tree, inline_jobs):
    pytest.importorskip("daihoi.people.importing")
    client.force_login(users.east)
    data = workbook(member_row("M100", "C011"), member_row("M101", "C011", **{"Giới tính": "Khác"}))
    job_url = upload(client, data, only_valid=True)["Location"]
    page = client.get(job_url).text
    assert "1 đảng viên mới" in page and "1 lỗi" in page
    rejected = client.get(job_url + "rejected.xlsx")
    assert rejected.status_code == 200 and rejected["Content-Type"] == XLSX
    assert list(Member.objects.filter(code__startswith="M10").values_list("code", flat=True)) == [
        "M100"
    ]


def test_it_refuses_rows_of_another_district(client, users, tree, inline_jobs):
    pytest.importorskip("daihoi.people.importing")
    client.force_login(users.east)
    job_url = upload(client, workbook(member_row("M100", "C021")))["Location"]
    assert "Không có dữ liệu nào được ghi" in client.get(job_url).text
    assert not Member.objects.filter(code="M100").exists()


def test_it_keeps_a_job_private_to_its_owner(client, users, tree, inline_jobs):
    pytest.importorskip("daihoi.people.importing")
    client.force_login(users.east)
    job_url = upload(client, workbook(member_row("M100", "C011")))["Location"]
    client.force_login(users.west)
    assert client.get(job_url).status_code == 404


def test_it_polls_a_running_job_every_second(client, users, settings):
    from daihoi.jobs.models import Job

    client.force_login(users.east)
    job = Job.objects.create(
        kind="people.import",
        owner=users.east,
        state="running",
        done=40,
        total=100,
        stage="validate",
        args={"filename": "a.xlsx", "only_valid": False},
    )
    job_id = job.public_id
    response = client.get(reverse("people:excel_job", args=[job_id]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in response.text
    assert 'value="40" max="100"' in response.text and "Bước 2/3" in response.text


def test_it_refuses_an_import_from_a_viewer(client, users):
    client.force_login(users.east_viewer)
    assert upload(client, b"PK\x03\x04 not really").status_code == 403
    assert "không được nhập dữ liệu" in client.get(reverse("people:excel")).text


def test_it_refuses_a_file_that_is_not_xlsx(client, users):
    pytest.importorskip("daihoi.people.importing")
    client.force_login(users.east)
    response = upload(client, b"name,code\nAn,1\n")
    assert response.status_code == 400
    assert "không phải là tệp Excel .xlsx" in response.text
