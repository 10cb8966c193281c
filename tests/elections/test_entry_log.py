"""The printable entry log (issue 15.7): per box and operator, every ballot as typed with
its number and time, the undos, the differences and the leader's decision; signatures."""

import re
import unicodedata

import pytest

from daihoi.elections import entry
from daihoi.elections.entry_log import entry_log_data, render_entry_log_pdf
from tests.documents.pdftools import pdf_text

BALLOTS = [[5], [5], [4], [5], [1], [4]]


def text_of(pdf: bytes) -> str:
    return " ".join(unicodedata.normalize("NFC", pdf_text(pdf)).split())


@pytest.fixture
def box(election, counting):
    counting.op1.first_name, counting.op1.last_name = "Hoa", "Lê Thị"
    counting.op1.save()
    batch = entry.create_batch(None, election, team=counting.team, number=3)
    e1 = entry.start_entry(counting.op1, batch)
    for i, struck in enumerate(BALLOTS, 1):
        if i == 5:
            entry.save_ballot(counting.op1, e1, {"struck": [1, 2, 3]})
            entry.undo_last_ballot(counting.op1, e1)
        entry.save_ballot(counting.op1, e1, {"struck": struck})
    entry.finalise_entry(counting.op1, e1)
    e2 = entry.start_entry(counting.op2, batch)
    for i, struck in enumerate(BALLOTS, 1):
        entry.save_ballot(counting.op2, e2, {"struck": [3] if i == 4 else struck})
    entry.finalise_entry(counting.op2, e2)
    entry.resolve_differences(counting.leader, batch, {4: 1}, "Đối chiếu phiếu gốc: gạch số 5")
    return batch


def test_it_prints_each_ballot_the_undo_and_the_decided_difference(box, counting):
    text = text_of(render_entry_log_pdf(entry_log_data(box.election, box)))
    assert "NHẬT KÝ NHẬP PHIẾU" in text and "Hòm phiếu số 3" in text
    assert "Lần nhập 1: Lê Thị Hoa (gõ phím)" in text
    assert "Lần nhập 2: nhap2 (gõ phím)" in text
    assert "Tình trạng hòm phiếu đã khớp" in text
    # Entry 1 as typed: ballot 5 typed wrong, taken back, typed again; the undo is kept.
    clock = r"\d\d:\d\d"
    typed = (
        rf"4 {clock} Gạch: 5 Hợp lệ 5 {clock} Gạch: 1, 2, 3 Hợp lệ Đã bỏ lúc {clock} "
        rf"5 {clock} Gạch: 1 Hợp lệ 6"
    )
    assert re.search(typed, text), text
    assert "Các phiếu khác nhau giữa các lần nhập và quyết định của tổ trưởng" in text
    assert "Lần 1 đọc Lần 2 đọc Tổ trưởng chọn Lý do" in text
    assert "4 Gạch: 5 Gạch: 3" in text and "Lần 1 (truong_to," in text
    assert "Đối chiếu phiếu" in text and "gạch số 5" in text
    assert "Mã phiếu của hòm" in text and box.seals.first().root[:8] in text
    assert "NGƯỜI NHẬP PHIẾU" in text and "TỔ TRƯỞNG TỔ KIỂM PHIẾU" in text
    assert text.count("Lê Thị Hoa") >= 2  # the entry's heading and the signature line
    assert "Số phiếu được tính 6 (hợp lệ 6, không hợp lệ 0)" in text


def test_each_typed_ballot_has_its_number_and_time(box):
    data = entry_log_data(box.election, box)
    first = data["boxes"][0]["entries"][0]["rows"]
    assert [r[0] for r in first] == ["1", "2", "3", "4", "5", "5", "6"]
    assert [bool(r[4]) for r in first].count(True) == 1 and first[4][4].startswith("Đã bỏ")
    assert all(len(r[1]) == 5 and r[1][2] == ":" for r in first)


def test_it_downloads_for_the_counting_committee_and_not_for_others(box, counting, client, users):
    client.force_login(counting.op2)
    response = client.get(f"/elections/batches/{box.pk}/entry-log.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    response = client.get(f"/elections/{box.election_id}/entry-log.pdf")
    assert "Hòm phiếu số 3" in text_of(response.content)
    client.force_login(users.west)
    assert client.get(f"/elections/batches/{box.pk}/entry-log.pdf").status_code == 404
