"""The delegate portal: one-time links, passwords, pages only for the congress's delegates,
documents kept by the service worker, comments from a phone, seats."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from daihoi.delegates import roster
from daihoi.preparation import drafts, portal, portal_docs, programme, rounds
from daihoi.preparation.errors import PreparationError
from daihoi.preparation.models import Comment, PortalLink, Seat

from .conftest import docx_upload


@pytest.fixture
def hall(congresses, users, members, tree):
    add = roster.add_delegate
    return [
        add(users.province, congresses.province, members.an, kind="elected", delegation=tree.east),
        add(
            users.province, congresses.province, members.dung, kind="elected", delegation=tree.west
        ),
        add(
            users.province,
            congresses.province,
            members.binh,
            kind="ex_officio",
            delegation=tree.east,
        ),
    ]


def sign_in_by_link(client, delegate, users):
    [(_, token)] = portal.issue_links(users.province, delegate.congress, [delegate])
    response = client.post(f"/preparation/portal/go/{token}/")
    assert response.status_code == 302
    return token


def test_a_link_opened_by_a_preview_is_not_spent_and_works_once(client, hall, users):
    [(_, token)] = portal.issue_links(users.province, hall[0].congress, [hall[0]])
    assert client.get(f"/preparation/portal/go/{token}/").status_code == 200  # a chat preview
    response = client.post(f"/preparation/portal/go/{token}/")
    assert response["Location"] == f"/preparation/portal/{hall[0].congress_id}/password/"
    assert client.get(f"/preparation/portal/{hall[0].congress_id}/").status_code == 200
    other = type(client)()
    assert other.post(f"/preparation/portal/go/{token}/").status_code == 410


def test_a_new_link_revokes_the_unused_one_and_an_expired_link_fails(hall, users):
    congress = hall[0].congress
    [(_, old)] = portal.issue_links(users.province, congress, [hall[0]])
    [(_, new)] = portal.issue_links(users.province, congress, [hall[0]])
    assert portal.redeem_link(old) is None
    PortalLink.objects.filter(token_hash=portal.token_hash(new)).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert portal.redeem_link(new) is None
    assert PortalLink.objects.get(token_hash=portal.token_hash(old)).revoked


def test_only_the_token_hash_is_stored(hall, users):
    [(_, token)] = portal.issue_links(users.province, hall[0].congress, [hall[0]])
    stored = PortalLink.objects.get()
    assert token not in stored.token_hash and stored.token_hash == portal.token_hash(token)


def test_password_sign_in_with_the_card_number_and_a_lockout_after_failures(client, hall, settings):
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_FAILURE_LIMIT = 3
    congress = hall[0].congress
    portal.set_password(hall[0], "hoi-truong-2025")
    url = f"/preparation/portal/{congress.pk}/signin/"
    number = str(hall[0].number)
    for _ in range(3):
        response = client.post(url, {"number": number, "password": "sai"})
        assert "không đúng" in response.content.decode()
    response = client.post(url, {"number": number, "password": "hoi-truong-2025"})
    assert "Thử lại sau" in response.content.decode()  # locked even with the right password
    cache.clear()
    response = client.post(url, {"number": number, "password": "hoi-truong-2025"})
    assert response["Location"] == f"/preparation/portal/{congress.pk}/"


def test_a_weak_password_is_refused(hall):
    with pytest.raises(PreparationError) as error:
        portal.set_password(hall[0], "123")
    assert error.value.code == "portal.weak_password"


def test_pages_need_a_signed_in_delegate_of_that_congress(
    client, hall, users, congresses, members, tree
):
    congress = hall[0].congress
    response = client.get(f"/preparation/portal/{congress.pk}/programme/")
    assert response.status_code == 302 and "/signin/" in response["Location"]
    other = roster.add_delegate(
        users.east, congresses.east, members.cuong, kind="elected", delegation=tree.east_commune
    )
    sign_in_by_link(client, other, users)
    assert client.get(f"/preparation/portal/{congress.pk}/programme/").status_code == 302
    assert client.get(f"/preparation/portal/{congress.pk}/documents/").status_code == 302


def test_the_portal_shows_programme_documents_seat_and_serves_files_for_caching(
    client, hall, users, congresses
):
    congress = congresses.province
    programme.add_standard_programme(users.province, congress, day=dt.date(2025, 10, 15))
    draft = drafts.create_draft(
        users.province, congress, kind="political_report", title="Báo cáo chính trị"
    )
    version = drafts.upload_version(users.province, draft, docx_upload())
    hidden = drafts.create_draft(
        users.province, congress, kind="personnel_plan", title="Đề án nhân sự", for_delegates=False
    )
    hidden_version = drafts.upload_version(users.province, hidden, docx_upload("nhan-su.docx"))
    portal.assign_seats(users.province, congress, per_row=2)
    sign_in_by_link(client, hall[0], users)
    page = client.get(f"/preparation/portal/{congress.pk}/programme/").content.decode()
    assert "Bầu Đoàn Chủ tịch đại hội" in page and 'rel="stylesheet"' not in page  # light page
    listing = client.get(f"/preparation/portal/{congress.pk}/documents/").content.decode()
    assert "Báo cáo chính trị" in listing and "Đề án nhân sự" not in listing
    file = client.get(f"/preparation/portal/{congress.pk}/documents/{version.pk}/")
    assert file.status_code == 200 and "immutable" in file["Cache-Control"]
    assert (
        client.get(f"/preparation/portal/{congress.pk}/documents/{hidden_version.pk}/").status_code
        == 404
    )
    seat = client.get(f"/preparation/portal/{congress.pk}/seat/").content.decode()
    assert re.search(r"Khu A · Hàng \d · Ghế \d", seat)


def test_the_service_worker_is_served_at_the_portal_scope(client):
    response = client.get("/preparation/portal/sw.js")
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/preparation/portal/"
    body = response.content.decode()
    assert "caches.open" in body and "/documents\\/\\d+\\/$/" in body


def test_a_delegate_comments_from_the_phone_once_even_if_the_form_is_sent_twice(
    client, hall, users, congresses
):
    congress = congresses.province
    draft = drafts.create_draft(
        users.province, congress, kind="political_report", title="Báo cáo chính trị"
    )
    drafts.upload_version(users.province, draft, docx_upload())
    item = rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=1),
        to_delegates=True,
    )
    sign_in_by_link(client, hall[1], users)
    section = draft.sections.first()
    data = {
        "round": item.pk,
        "section": section.pk,
        "text": "Đề nghị bổ sung chỉ tiêu.",
        "nonce": "abc123",
    }
    url = f"/preparation/portal/{congress.pk}/comment/"
    assert "Đã gửi ý kiến" in client.post(url, data).content.decode()
    client.post(url, data)  # the same form again (a retry on a weak network)
    comment = Comment.objects.get()
    assert (
        comment.delegate == hall[1] and comment.section == section and comment.source == "delegate"
    )


def test_seats_go_round_trip_through_excel_and_bad_rows_are_named(hall, users, congresses):
    congress = congresses.province
    portal.assign_seats(users.province, congress, per_row=2)
    delegates = portal.summoned(congress).select_related("member", "delegation", "seat")
    book = load_workbook(io.BytesIO(portal_docs.seating_xlsx(congress, delegates)))
    sheet = book.active
    header = next(
        i for i, row in enumerate(sheet.iter_rows(values_only=True), 1) if row[0] == "Số thẻ"
    )
    sheet.cell(row=header + 1, column=6, value=9)
    out = io.BytesIO()
    book.save(out)
    numbers = {d.number for d in delegates}
    rows = portal_docs.read_seating(out.getvalue(), numbers)
    portal.replace_seats(users.province, congress, rows)
    assert Seat.objects.filter(number=9).count() == 1
    sheet.cell(row=header + 2, column=1, value=777)
    sheet.cell(row=header + 3, column=5, value="hai")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(PreparationError) as error:
        portal_docs.read_seating(out.getvalue(), numbers)
    assert (
        error.value.message
        == f"Dòng {header + 2}: số thẻ 777 không có trong danh sách đại biểu được triệu tập."
    )
    assert error.value.details == [f"Dòng {header + 3}: cột “Hàng” phải là số (đang là “hai”)."]


def test_slips_are_a_pdf_with_one_qr_per_delegate(client, hall, users, congresses):
    client.force_login(users.province)
    response = client.post(
        f"/preparation/congress/{congresses.province.pk}/portal/links/", {"numbers": "", "days": 30}
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert PortalLink.objects.filter(revoked=False, used_at__isnull=True).count() == 3
    client.force_login(users.west)  # not an organiser of the province's congress
    response = client.post(
        f"/preparation/congress/{congresses.province.pk}/portal/links/", {"days": 30}
    )
    assert response.status_code == 404


def test_an_uploaded_seat_file_that_is_not_excel_is_refused(hall, users):
    with pytest.raises(PreparationError) as error:
        portal_docs.read_seating(SimpleUploadedFile("x.xlsx", b"nope").read(), {1})
    assert error.value.code == "seat.file"


def test_the_programme_page_costs_the_same_queries_for_a_long_programme(
    client, hall, users, congresses, django_assert_max_num_queries
):
    congress = congresses.province
    sessions = programme.add_standard_programme(users.province, congress, day=dt.date(2025, 10, 15))
    draft = drafts.create_draft(
        users.province, congress, kind="political_report", title="Báo cáo chính trị"
    )
    for i in range(30):
        programme.add_item(
            users.province, sessions[1], title=f"Tham luận {i}", speaker=f"Đoàn {i}", draft=draft
        )
    sign_in_by_link(client, hall[0], users)
    url = f"/preparation/portal/{congress.pk}/programme/"
    client.get(url)  # the first visit records when the delegate was seen
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


def test_a_draft_under_a_delegates_round_reaches_the_portal_even_if_not_marked(
    client, hall, users, congresses
):
    congress = congresses.province
    draft = drafts.create_draft(
        users.province, congress, kind="personnel_plan", title="Đề án nhân sự", for_delegates=False
    )
    version = drafts.upload_version(users.province, draft, docx_upload("nhan-su.docx"))
    sign_in_by_link(client, hall[0], users)
    url = f"/preparation/portal/{congress.pk}/documents/{version.pk}/"
    assert client.get(url).status_code == 404
    rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=1),
        to_delegates=True,
    )
    assert client.get(url).status_code == 200
    assert (
        "Đề án nhân sự"
        in client.get(f"/preparation/portal/{congress.pk}/documents/").content.decode()
    )
