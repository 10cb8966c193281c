"""The scanning pages through the Django test client (reader scripted, reading inline)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.elections import entry
from daihoi.elections.models import BatchStatus
from daihoi.scanning import services
from daihoi.scanning.models import Adjudication, ScanBatch, ScanStatus
from daihoi.scanning.omr.types import PageStatus as ReaderStatus
from tests.scanning.conftest import files, png, rejected, struck_page


@pytest.fixture(autouse=True)
def inline_jobs(settings):
    settings.DAIHOI_INLINE_JOBS = True


def login(client, user):
    client.force_login(user)
    return client


def upload(client, batch, *uploads, page_size=""):
    return client.post(
        reverse("scanning:upload", args=[batch.pk]),
        {"files": list(uploads), "page_size": page_size},
    )


def png_file(name="trang.png", seed=0):
    return SimpleUploadedFile(name, png(seed), content_type="image/png")


def scanned(batch, counting, fake_reader, pages):
    fake_reader.extend(pages)
    scan = services.create_scan(counting.op1, batch, files(len(pages)))
    return services.process_scan(scan, files(len(pages)))


def test_a_team_member_uploads_and_sees_the_scan_read(client, batch, counting, fake_reader):
    fake_reader.extend([struck_page([5]), rejected(ReaderStatus.BLANK, "Trang trắng.")])
    login(client, counting.op1)
    page = client.get(reverse("scanning:batch", args=[batch.pk]))
    assert page.status_code == 200 and b'type="file"' in page.content
    response = upload(client, batch, png_file("a.png", 1), png_file("b.png", 2))
    scan = ScanBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse("scanning:scan", args=[scan.pk])
    assert scan.status == ScanStatus.READY and scan.files == ["a.png", "b.png"]
    shown = client.get(response.url).content.decode()
    assert "Trang trắng" in shown and 'id="stat-ballots">1<' in shown
    assert 'id="finalise"' in shown


def test_a_corrupt_pdf_is_refused_with_its_name_and_nothing_is_stored(client, batch, counting):
    login(client, counting.op1)
    bad = SimpleUploadedFile("hom-1.pdf", b"%PDF-1.7\nnot really", content_type="application/pdf")
    response = upload(client, batch, bad)
    assert response.status_code == 302
    shown = client.get(response.url).content.decode()
    assert "hom-1.pdf" in shown
    assert not ScanBatch.objects.exists()


def test_a_file_that_is_not_a_scan_is_refused(client, batch, counting):
    login(client, counting.op1)
    response = upload(client, batch, SimpleUploadedFile("ghi-chu.txt", b"hello"))
    shown = client.get(response.url).content.decode()
    assert "ghi-chu.txt" in shown and not ScanBatch.objects.exists()


@pytest.mark.parametrize("who", ["west", "east", "other"])
def test_people_outside_the_box_team_get_404(client, batch, counting, users, fake_reader, who):
    scan = scanned(batch, counting, fake_reader, [struck_page([5], uncertain=[2])])
    page = scan.pages.get()
    user = {"west": users.west, "east": users.east, "other": counting.other}[who]
    login(client, user)
    urls = [
        reverse("scanning:batch", args=[batch.pk]),
        reverse("scanning:scan", args=[scan.pk]),
        reverse("scanning:progress", args=[scan.pk]),
        reverse("scanning:review", args=[scan.pk]),
        reverse("scanning:page", args=[page.pk]),
        reverse("scanning:crop", args=[page.pk, 2]),
        reverse("scanning:crosscheck", args=[batch.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    decided = client.post(
        reverse("scanning:decide", args=[page.pk]), {"position": 2, "decided": "struck"}
    )
    assert decided.status_code == 404
    assert upload(client, batch, png_file()).status_code == 404
    assert not Adjudication.objects.exists()


def test_the_review_screen_lists_the_uncertain_rows_and_takes_decisions(
    client, batch, counting, fake_reader
):
    scan = scanned(
        batch,
        counting,
        fake_reader,
        [struck_page([5]), struck_page([2], uncertain=[2, 3], flags=["writing_outside"])],
    )
    login(client, counting.op2)
    response = client.get(reverse("scanning:review", args=[scan.pk]))
    html = response.content.decode()
    config = json.loads(html.split('id="review-config" type="application/json">')[1].split("<")[0])
    items = [(i["number"], i["position"], i["machine"]) for i in config["items"]]
    assert items == [(2, 0, "writing_outside"), (2, 2, "struck"), (2, 3, "kept")]
    assert config["items"][1]["name"] == "Trần Thị Bình"
    decide_url = config["items"][1]["decideUrl"]
    for position, decided in [(0, "ok"), (2, "struck"), (3, "kept")]:
        answer = client.post(
            decide_url,
            {"position": position, "decided": decided},
            headers={"accept": "application/json"},
        )
        assert answer.status_code == 200 and answer.json()["ok"]
    wrong = client.post(
        decide_url, {"position": 3, "decided": "agree"}, headers={"accept": "application/json"}
    )
    assert wrong.status_code == 422 and not wrong.json()["ok"]
    scan.refresh_from_db()
    assert scan.status == ScanStatus.READY
    assert AuditEntry.objects.filter(action="scan.decide", actor_name="nhap2").count() == 3


def test_crops_are_served_for_read_pages_only(client, batch, counting, fake_reader):
    scan = scanned(
        batch, counting, fake_reader, [struck_page([5]), rejected(ReaderStatus.BLANK, "Trắng.")]
    )
    ok, blank = scan.pages.order_by("number")
    login(client, counting.op1)
    crop = client.get(reverse("scanning:crop", args=[ok.pk, 3]))
    assert crop.status_code == 200 and crop["Content-Type"] == "image/png"
    assert crop.content.startswith(b"\x89PNG")
    assert client.get(reverse("scanning:crop", args=[ok.pk, 0])).status_code == 200
    assert client.get(reverse("scanning:crop", args=[ok.pk, 9])).status_code == 404
    assert client.get(reverse("scanning:crop", args=[blank.pk, 0])).status_code == 404


def test_progress_polls_until_the_scan_is_read(client, batch, counting, fake_reader):
    scan = services.create_scan(counting.op1, batch, files(3))
    ScanBatch.objects.filter(pk=scan.pk).update(status=ScanStatus.PROCESSING, pages_done=1)
    login(client, counting.op1)
    polling = client.get(reverse("scanning:progress", args=[scan.pk]))
    assert polling.status_code == 200 and b"1 / 3" in polling.content
    assert b'hx-trigger="every 1s"' in polling.content
    ScanBatch.objects.filter(pk=scan.pk).update(status=ScanStatus.READY, pages_done=3)
    done = client.get(reverse("scanning:progress", args=[scan.pk]))
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_finalising_with_the_wrong_paper_count_is_refused(client, batch, counting, fake_reader):
    scan = scanned(batch, counting, fake_reader, [struck_page([5]), struck_page([4])])
    login(client, counting.op1)
    url = reverse("scanning:finalise", args=[scan.pk])
    shown = client.post(url, {"count": 3}, follow=True).content.decode()
    assert "Số tờ phiếu đếm trên giấy khác số phiếu đã đọc" in shown
    client.post(url, {"count": 2})
    scan.refresh_from_db()
    assert scan.status == ScanStatus.DONE and scan.entry.source == "scan"


def test_the_crosscheck_shows_the_one_ballot_that_differs_with_its_crop(
    client, batch, counting, fake_reader
):
    typed = entry.start_entry(counting.op2, batch)
    for struck in ([5], [4], [1, 2]):
        entry.save_ballot(counting.op2, typed, {"struck": struck})
    entry.finalise_entry(counting.op2, typed)
    scan = scanned(batch, counting, fake_reader, [struck_page(s) for s in ([1, 3], [5], [4])])
    login(client, counting.op1)
    client.post(reverse("scanning:finalise", args=[scan.pk]), {"count": 3})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DIFFERENT
    login(client, counting.leader)
    html = client.get(reverse("scanning:crosscheck", args=[batch.pk])).content.decode()
    assert "giống nhau 2 phiếu" in html
    assert "Phiếu nhập thứ 3 ↔ trang quét 1" in html
    first = scan.pages.get(number=1)
    for row in (2, 3):
        assert reverse("scanning:crop", args=[first.pk, row]) in html
    assert reverse("elections:reconcile_resolve", args=[batch.pk]) in html
    # The leader takes the scan's reading through the batch's own reconciliation.
    scan_slot = scan.__class__.objects.get(pk=scan.pk).entry.slot
    seq = next(d for d in entry.batch_comparison(batch)[1].differences).seq
    client.post(
        reverse("elections:reconcile_resolve", args=[batch.pk]),
        {f"ballot-{seq}": scan_slot, "reason": "Ảnh quét rõ: gạch tên số 3"},
    )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED


def test_a_page_can_be_corrected_by_a_plain_form(client, batch, counting, fake_reader):
    scan = scanned(batch, counting, fake_reader, [struck_page([5])])
    page = scan.pages.get()
    login(client, counting.op1)
    html = client.get(reverse("scanning:page", args=[page.pk])).content.decode()
    assert "Hoàng Văn Em" in html and 'name="decided"' in html
    response = client.post(
        reverse("scanning:decide", args=[page.pk]), {"position": 1, "decided": "struck"}
    )
    assert response.status_code == 302
    assert services.page_ballot(scan, scan.pages.get()) == {"struck": [1, 5]}


def test_a_typed_ballot_with_a_typo_is_refused(client, batch, counting, fake_reader):
    scan = scanned(batch, counting, fake_reader, [struck_page([5])])
    login(client, counting.op1)
    url = reverse("scanning:type_ballot", args=[scan.pk])
    shown = client.post(url, {"line": "7"}, follow=True).content.decode()
    assert "Số 7 không có trên phiếu" in shown
    shown = client.post(url, {"line": "2 3"}, follow=True).content.decode()
    assert scan.pages.filter(status="typed").get().typed == {"struck": [2, 3]}
    assert "Gạch: 2. Trần Thị Bình, 3. Lê Quốc Cường" in shown


def test_the_whole_sheet_can_frame_the_row_in_question(client, batch, counting, fake_reader):
    import cv2
    import numpy as np

    scan = scanned(batch, counting, fake_reader, [struck_page([5], uncertain=[2])])
    page = scan.pages.get()
    login(client, counting.op1)
    url = reverse("scanning:crop", args=[page.pk, 0])
    plain = cv2.imdecode(np.frombuffer(client.get(url).content, np.uint8), cv2.IMREAD_COLOR)
    framed = cv2.imdecode(
        np.frombuffer(client.get(url + "?row=2").content, np.uint8), cv2.IMREAD_COLOR
    )
    red = (framed[:, :, 2].astype(int) - framed[:, :, 0]) > 100
    assert red.any() and not ((plain[:, :, 2].astype(int) - plain[:, :, 0]) > 100).any()


def test_the_pages_speak_english_too(client, batch, counting, fake_reader):
    scan = scanned(batch, counting, fake_reader, [struck_page([5], uncertain=[2])])
    login(client, counting.op1)
    english = {"accept-language": "en"}
    html = client.get(reverse("scanning:scan", args=[scan.pk]), headers=english).content.decode()
    assert "ballots read" in html and "Decide 1 item (keyboard)" in html
    review = client.get(reverse("scanning:review", args=[scan.pk]), headers=english)
    assert "Page {number}, row {position}: {name}" in review.content.decode()
