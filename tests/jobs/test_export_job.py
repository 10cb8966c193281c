"""A large export runs as a job: the click answers at once with a page that waits,
then offers the file; a small export still downloads at once."""

import openpyxl
import pytest
from django.urls import reverse

from daihoi.jobs.models import Job, JobState
from daihoi.jobs.runner import Worker

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def large(settings):
    settings.DAIHOI_EXPORT_INLINE_LIMIT = 2  # "large" is anything above two members here


def exported_codes(data: bytes) -> set[str]:
    import io

    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True)["DangVien"]
    return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}


def test_a_large_export_waits_in_the_queue_then_downloads(client, users, members, large):
    client.force_login(users.east)
    response = client.get(reverse("people:excel_export"))
    job = Job.objects.get(kind="people.export")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.public_id}/"
    assert "Đang chờ đến lượt" in client.get(response["Location"]).text
    Worker(burst=True).run()
    page = client.get(response["Location"]).text
    job.refresh_from_db()
    assert job.state == JobState.DONE and "Tải dang-vien-H01-" in page
    download = client.get(f"/jobs/{job.public_id}/download/{job.result['download']}")
    assert download["Content-Type"] == XLSX
    assert exported_codes(download.content) == {"M001", "M002", "M003"}  # east only


def test_nobody_else_sees_the_job_or_its_file(client, users, members, large):
    client.force_login(users.east)
    client.get(reverse("people:excel_export"))
    Worker(burst=True).run()
    job = Job.objects.get(kind="people.export")
    client.force_login(users.west)
    assert client.get(f"/jobs/{job.public_id}/").status_code == 404
    assert client.get(f"/jobs/{job.public_id}/download/{job.result['download']}").status_code == 404


def test_a_small_export_downloads_at_once(client, users, members):
    client.force_login(users.east)
    response = client.get(reverse("people:excel_export"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert not Job.objects.exists()
