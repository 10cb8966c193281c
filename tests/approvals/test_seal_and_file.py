"""Sealed ballots (kept 6 months, destroyed by record) and the congress file: hostile
uploads refused, the ZIP with its index."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daihoi.approvals import services, uploads
from daihoi.approvals.models import FileUpload
from daihoi.audit.models import AuditEntry

from .conftest import pdf, zipped

SEALED = dt.date(2025, 6, 15)


def seal(clerk, election):
    return services.seal_ballots(
        clerk,
        election,
        sealed_on=SEALED,
        sealed_by="Trưởng ban kiểm phiếu",
        handed_to="Văn phòng Đảng ủy",
        place="Tủ hồ sơ phòng 2",
    )


def test_it_seals_for_six_months_and_refuses_an_early_destruction(published, clerk):
    s = seal(clerk, published)
    assert s.keep_until == dt.date(2025, 12, 15)
    with pytest.raises(ValidationError) as err:
        services.record_destruction(
            clerk, s, destroyed_on=s.keep_until, decision="1", destroyed_by="x"
        )
    assert err.value.code == "too_early"
    services.record_destruction(
        clerk, s, destroyed_on=dt.date(2025, 12, 16), decision="12-QĐ/ĐU", destroyed_by="Văn phòng"
    )
    assert AuditEntry.objects.filter(action="approvals.destroy_ballots").count() == 1


def test_a_pending_complaint_stops_the_destruction(published, clerk, members):
    from daihoi.complaints.services import register_complaint

    s = seal(clerk, published)
    register_complaint(
        None,
        member=members.an,
        congress=published.congress,
        received_on=SEALED,
        kind="complaint",
        summary="x",
    )
    with pytest.raises(ValidationError) as err:
        services.record_destruction(
            clerk, s, destroyed_on=dt.date(2026, 1, 5), decision="1", destroyed_by="x"
        )
    assert err.value.code == "complaint_pending"


def test_the_page_reminds_when_the_keeping_period_has_ended(client, published, clerk):
    seal(clerk, published)  # kept until 15/12/2025, long past in the test's today
    client.force_login(clerk)
    text = client.get(reverse("approvals:page", args=[published.congress.pk])).text
    assert "Đã hết thời hạn lưu giữ" in text and "Tủ hồ sơ phòng 2" in text


def test_ballots_cannot_be_sealed_before_the_count(election, clerk):
    with pytest.raises(ValidationError) as err:
        seal(clerk, election)
    assert err.value.code == "not_counted"


HOSTILE = [
    ("a program renamed .pdf", "nghi-quyet.pdf", b"MZ\x90\x00" + b"\x00" * 100, "chỉ nhận PDF"),
    ("an HTML page renamed .pdf", "bao-cao.pdf", b"<script>alert(1)</script>", "chỉ nhận PDF"),
    ("an empty file", "trong.pdf", b"", "rỗng"),
    ("a zip that is not Word", "x.docx", zipped({"a.txt": b"x"}), "không phải văn bản Word"),
    (
        "a zip bomb",
        "bom.docx",
        zipped({"word/document.xml": b"0" * 3_000_000}),
        "quá lớn",
    ),
    ("a broken docx", "hong.docx", b"PK\x03\x04garbage", "bị hỏng"),
]


@pytest.mark.parametrize("why, name, body, message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_it_refuses_hostile_uploads_and_writes_nothing(
    published, clerk, why, name, body, message, monkeypatch
):
    monkeypatch.setattr(uploads, "MAX_ZIP_EXPANDED", 2_000_000)  # the bomb expands to 3 MB
    with pytest.raises(ValidationError) as err:
        services.upload_file(
            clerk,
            published.congress,
            kind="resolution",
            title="NQ",
            uploaded=SimpleUploadedFile(name, body),
        )
    assert message in " ".join(err.value.messages)
    assert not FileUpload.objects.exists()


def test_it_refuses_a_file_over_20_mb(published, clerk, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 1000)
    with pytest.raises(ValidationError, match="lớn hơn 20 MB"):
        services.upload_file(
            clerk,
            published.congress,
            kind="resolution",
            title="NQ",
            uploaded=pdf(body=b"%PDF-" + b"0" * 2000),
        )


def test_the_stored_name_never_comes_from_the_browser(published, clerk):
    up = services.upload_file(
        clerk,
        published.congress,
        kind="resolution",
        title="Nghị quyết",
        uploaded=pdf(name="../../etc/passwd.pdf"),
    )
    assert "passwd" not in up.file.name and up.file.name.endswith(".pdf")


def test_the_zip_holds_every_item_and_an_index(client, full_file, clerk):
    client.force_login(clerk)
    r = client.get(reverse("approvals:file_zip", args=[full_file.pk]))
    z = zipfile.ZipFile(io.BytesIO(r.content))
    names = z.namelist()
    index = z.read("MUC-LUC.txt").decode()
    assert any(n.endswith(".pdf") and "bien-ban-kiem-phieu" in n for n in names)
    assert z.read(next(n for n in names if "bien-ban-kiem-phieu" in n)).startswith(b"%PDF")
    csv_text = z.read(next(n for n in names if n.endswith(".csv"))).decode("utf-8-sig")
    assert "Lê Quốc Cường" in csv_text and "Hoàng Văn Em" not in csv_text
    assert "Nghị quyết đại hội — đã tải lên" in index and "sha256=" in index
    assert "CÒN THIẾU" not in index.split("Tài liệu khác")[0]


def test_the_start_page_lists_ballots_due_for_destruction(client, published, clerk, users):
    s = seal(clerk, published)
    client.force_login(users.west)  # another district sees nothing of it
    assert "Tủ hồ sơ phòng 2" not in client.get(reverse("home")).text
    client.force_login(users.province)
    home = client.get(reverse("home")).text
    assert "Phiếu bầu đã hết thời hạn lưu giữ" in home and "Tủ hồ sơ phòng 2" in home
    services.record_destruction(
        clerk, s, destroyed_on=dt.date(2025, 12, 16), decision="12-QĐ/ĐU", destroyed_by="VP"
    )
    assert "Phiếu bầu đã hết thời hạn lưu giữ" not in client.get(reverse("home")).text


def test_an_uploaded_document_downloads_only_for_those_who_see_the_congress(
    client, published, clerk, users
):
    up = services.upload_file(
        clerk, published.congress, kind="resolution", title="Nghị quyết", uploaded=pdf()
    )
    url = reverse("approvals:uploaded_file", args=[up.pk])
    client.force_login(clerk)
    page = client.get(reverse("approvals:page", args=[published.congress.pk])).text
    assert url in page
    r = client.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    client.force_login(users.west)
    assert client.get(url).status_code == 404
