"""Progress, the result page, publication, documents, the next round and the hall's screen."""

import json

import pytest
from django.urls import reverse

from daihoi.accounts.services import set_full_name
from daihoi.audit.models import AuditEntry
from daihoi.elections import entry, lists, results
from daihoi.elections.models import Election
from tests.documents.pdftools import pdf_text

# Ballot order: 1 An, 2 Bình, 3 Cường, 4 Dung, 5 Em (4 seats, base 11).
BALLOTS = [[5], [5], [4], [5], [1], [4], [5], [2], [5], [], [1, 2]]


def count(batch, counting, ballots=BALLOTS):
    for op in (counting.op1, counting.op2):
        e = entry.start_entry(op, batch)
        for struck in ballots:
            entry.save_ballot(op, e, {"struck": struck})
        entry.finalise_entry(op, e)


@pytest.fixture
def batch(election, counting):
    return entry.create_batch(None, election, team=counting.team, number=1)


@pytest.fixture
def counted(election, counting, batch):
    count(batch, counting)
    return election


def url(name, election):
    return reverse(f"elections:{name}", args=[election.pk])


def test_it_shows_progress_per_team_and_batch(client, users, election, counting, batch):
    e = entry.start_entry(counting.op1, batch)
    entry.save_ballot(counting.op1, e, {"struck": [1]})
    client.force_login(users.east)
    page = client.get(url("results", election)).text
    assert "0/1" in page and "Tổ 1" in page
    assert "lần 1 · nhap1 · 1 phiếu" in page
    assert 'hx-trigger="every 2s"' in page
    assert "Công bố kết quả" not in page


def test_it_shows_the_winners_with_vietnamese_percentages(client, users, counted):
    client.force_login(users.east)
    page = client.get(url("results", counted)).text
    assert "Trúng cử: 4/4" in page
    for name in ("Lê Quốc Cường", "Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung"):
        assert name in page
    assert "90,91%" in page  # Cường: 10 of base 11
    assert "100,00%" in page  # Cường: 10 of 10 valid
    assert "Bầu quá số lượng cần bầu" in page
    assert "QĐ 190-QĐ/TW 2024, Điều 30" in page
    assert "daihoi count election-" in page


def test_it_publishes_once(client, users, counted):
    client.force_login(users.east)
    page = client.post(url("publish", counted), follow=True).text
    assert "Kết quả đã công bố" in page
    assert client.post(url("publish", counted), follow=True).status_code == 200
    assert AuditEntry.objects.filter(action="election.publish").count() == 1


def test_it_refuses_to_publish_an_unfinished_count(client, users, election, batch):
    client.force_login(users.east)
    page = client.post(url("publish", election), follow=True).text
    assert "Mới khớp 0/1 hòm phiếu" in page


def test_it_lets_counters_follow_but_not_publish(client, counting, counted):
    client.force_login(counting.op1)
    assert client.get(url("results", counted)).status_code == 200
    assert client.post(url("publish", counted)).status_code == 404


def test_it_hides_the_results_page_from_viewers(client, users, counted):
    client.force_login(users.east_viewer)
    assert client.get(url("results", counted)).status_code == 404
    assert client.get(url("screen", counted)).status_code == 200


def name_the_committee(counting):
    for user, name in zip(
        (counting.leader, counting.op1, counting.op2),
        ("Hoàng Minh Tuấn", "Trần Thị Ngọc Ánh", "Lê Văn Hải"),
        strict=True,
    ):
        set_full_name(None, user, name)


def test_it_downloads_the_minutes_the_spreadsheet_and_the_recount_file(
    client, users, counting, counted
):
    name_the_committee(counting)
    results.publish_result(users.east, counted)
    client.force_login(users.east)
    pdf = client.get(url("minutes_pdf", counted))
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(url("minutes_docx", counted))
    assert docx.content.startswith(b"PK")
    xlsx = client.get(url("result_xlsx", counted))
    assert xlsx.content.startswith(b"PK")
    recount = client.get(url("export_json", counted))
    assert f'filename="election-{counted.pk}.json"' in recount["Content-Disposition"]
    data = json.loads(recount.content)
    assert len(data["ballots"]) == len(BALLOTS) and data["base"] == 11


def test_it_keeps_the_result_off_the_screen_until_published(client, users, counted):
    client.force_login(users.east_viewer)
    data = client.get(url("screen_data", counted)).json()
    assert (data["reconciled"], data["total"], data["ballots_counted"]) == (1, 1, 11)
    assert data["published"] is False and "result" not in data
    page = client.get(url("screen", counted)).text
    assert "Lê Quốc Cường" not in page
    results.publish_result(users.east, counted)
    data = client.get(url("screen_data", counted)).json()
    assert data["published"] is True
    assert [p["name"] for p in data["result"]["elected"]] == [
        "Lê Quốc Cường",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Phạm Thị Dung",
    ]
    assert data["result"]["elected"][0]["pct"] == "90,91%"


def test_it_hides_the_screen_from_another_district(client, users, counted):
    client.force_login(users.west)
    assert client.get(url("screen", counted)).status_code == 404
    assert client.get(url("screen_data", counted)).status_code == 404


def test_it_polls_the_screen_in_few_queries(
    client, users, counted, counting, django_assert_max_num_queries
):
    for number in (2, 3, 4):
        count(entry.create_batch(None, counted, team=counting.team, number=number), counting)
    results.publish_result(users.east, counted)
    client.force_login(users.east_viewer)
    # session, user, election, counter check, organisation, batches, counted, published:
    # the same 8 whatever the number of ballot boxes.
    with django_assert_max_num_queries(8):
        assert client.get(url("screen_data", counted)).json()["ballots_counted"] == 44


def test_it_refreshes_progress_in_few_queries(
    client, users, election, counting, django_assert_max_num_queries
):
    for number in (1, 2, 3):
        count(entry.create_batch(None, election, team=counting.team, number=number), counting)
    client.force_login(users.east)
    # session, user, election, counter check, organisation, batches, counted, entries.
    with django_assert_max_num_queries(8):
        response = client.get(url("progress", election), {"complete": "0"})
    assert "3/3" in response.text
    assert response["HX-Refresh"] == "true"  # the count just completed: reload to show the result


@pytest.fixture
def tied(election, counting, batch, users):
    """Cường 10, An 9, and Bình, Dung, Em on 8 each for the last 2 seats: a tie."""
    ballots = [[2], [2], [2], [4], [4], [4], [5], [5], [5], [1], [1, 3]]
    count(batch, counting, ballots)
    results.publish_result(users.east, election)
    return election


def test_it_offers_a_next_round_among_the_tied(client, users, tied):
    client.force_login(users.east)
    page = client.get(url("results", tied)).text
    assert "Bằng phiếu ở suất cuối" in page and "Tạo lần bầu tiếp theo" in page
    form = client.get(url("next_round", tied)).text
    assert form.count("checked") == 3
    response = client.post(
        url("next_round", tied), {"names": ["Trần Thị Bình", "Phạm Thị Dung", "Hoàng Văn Em"]}
    )
    nxt = Election.objects.get(previous_round=tied)
    assert response["Location"] == url("setup", nxt)
    assert (nxt.round, nxt.seats) == (2, 2)
    assert [c.full_name for c in lists.live_candidates(nxt)] == [
        "Trần Thị Bình",
        "Phạm Thị Dung",
        "Hoàng Văn Em",
    ]
    assert AuditEntry.objects.filter(action="election.next_round").count() == 1
    page = client.post(url("next_round", tied), {"names": ["Trần Thị Bình"]}, follow=True).text
    assert "Lần bầu tiếp theo đã được tạo" in page


def test_the_minutes_ask_for_the_signers_full_names_first(client, users, counting, counted):
    """Issue 19: the minutes printed login names ("huyen01, huyen02 / admin")."""
    results.publish_result(users.east, counted)
    client.force_login(users.east)
    refused = client.get(url("minutes_pdf", counted), follow=True)
    assert refused.redirect_chain[-1][0] == url("signers", counted)
    page = refused.text
    assert "chưa có: nhap1, nhap2, truong_to" in page
    names = {"truong_to": "Hoàng Minh Tuấn", "nhap1": "Trần Thị Ngọc Ánh", "nhap2": "Lê"}
    form = {
        f"name-{u.pk}": names[u.username] for u in (counting.leader, counting.op1, counting.op2)
    }
    again = client.post(url("signers", counted), form).text
    assert "Cần ghi đủ họ và tên" in again  # "Lê" alone is not a full name; nothing saved
    assert not AuditEntry.objects.filter(action="user.full_name").exists()
    form[f"name-{counting.op2.pk}"] = "  Lê   Văn Hải "
    assert client.post(url("signers", counted), form).status_code == 302
    assert AuditEntry.objects.filter(action="user.full_name").count() == 3
    text = " ".join(pdf_text(client.get(url("minutes_pdf", counted)).content).split())
    for full in ("Hoàng Minh Tuấn", "Trần Thị Ngọc Ánh", "Lê Văn Hải"):
        assert full in text
    assert "nhap1" not in text and "truong_to" not in text


def test_a_counter_is_told_who_lacks_a_name_not_sent_to_the_organisers_page(
    client, counting, counted
):
    client.force_login(counting.op1)
    refused = client.get(url("minutes_pdf", counted), follow=True)
    assert refused.redirect_chain[-1][0] == url("results", counted)
    assert client.get(url("signers", counted)).status_code == 404


def test_the_minutes_are_laid_out_once_and_again_only_when_what_they_show_changes(
    client, users, counting, counted, monkeypatch
):
    from django.core.cache import cache

    from daihoi.elections import minutes

    cache.clear()
    laid_out = []
    real = minutes.render_minutes_pdf
    monkeypatch.setattr(
        minutes, "render_minutes_pdf", lambda data: laid_out.append(1) or real(data)
    )
    name_the_committee(counting)
    results.publish_result(users.east, counted)
    client.force_login(users.east)
    first = client.get(url("minutes_pdf", counted)).content
    assert client.get(url("minutes_pdf", counted)).content == first
    assert len(laid_out) == 1
    set_full_name(None, counting.op2, "Lê Văn Hải Đăng")
    renamed = client.get(url("minutes_pdf", counted)).content
    assert len(laid_out) == 2
    assert "Lê Văn Hải Đăng" in " ".join(pdf_text(renamed).split())
