import datetime as dt

from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.people.models import Member, Planning, Post
from tests.conftest import make_member
from tests.ui.test_access import edit_data

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_it_finds_members_without_accents(client, users, members):
    client.force_login(users.province)
    page = client.get(reverse("people:member_list"), {"q": "nguyen van an"}).text
    assert "Nguyễn Văn An" in page
    assert "Nguyễn Thị Ấn" not in page and "Trần Thị Bình" not in page
    assert "1 đảng viên" in page


def test_it_answers_live_search_with_the_table_only(client, users, members):
    client.force_login(users.province)
    response = client.get(reverse("people:member_list"), {"q": "NGUYEN"}, **HTMX)
    assert "<html" not in response.text
    assert 'id="member-results"' in response.text
    assert "Nguyễn Văn An" in response.text and "Nguyễn Thị Ấn" in response.text
    assert "HX-Request" in response["Vary"]


def test_it_filters_by_gender_and_organisation(client, users, tree, members):
    client.force_login(users.province)
    url = reverse("people:member_list")
    page = client.get(url, {"gender": "female", "organization": tree.east.pk}).text
    assert "Trần Thị Bình" in page and "Nguyễn Thị Ấn" not in page
    page = client.get(url, {"organization": tree.east_commune.pk, "direct": "on"}).text
    assert "Không tìm thấy đảng viên nào" in page


def test_it_pages_fifty_at_a_time_with_the_total(client, users, tree):
    for i in range(120):
        make_member(tree.east_cells[0], f"P{i:03d}", given=f"Tên{i:03d}")
    client.force_login(users.east)
    page = client.get(reverse("people:member_list"), {"page": 3, "sort": "code"})
    assert "120 đảng viên" in page.text
    assert "đang xem 101–120" in page.text
    assert len(page.context["page_obj"]) == 20


def test_it_sorts_by_given_name_first(client, users, members):
    client.force_login(users.east)
    page = client.get(reverse("people:member_list"))
    names = [m.full_name for m in page.context["page_obj"]]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường"]
    page = client.get(reverse("people:member_list"), {"sort": "-code"})
    assert [m.code for m in page.context["page_obj"]] == ["M003", "M002", "M001"]


def test_it_keeps_the_member_list_to_a_few_queries(
    client, users, tree, django_assert_max_num_queries
):
    for i in range(60):
        make_member(tree.east_cells[i % 2], f"Q{i:03d}", given=f"Tên{i:03d}")
    client.force_login(users.east)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("people:member_list"), {"organization": tree.east.pk})
    assert "60 đảng viên" in response.text
    with django_assert_max_num_queries(6):
        client.get(reverse("people:member_list"), {"q": "ten"}, **HTMX)


def test_it_shows_a_members_posts_and_planning(client, users, members, tree):
    Post.objects.create(
        member=members.an,
        title="Bí thư chi bộ",
        organization=tree.east_cells[0],
        key_post=True,
        started_on=dt.date(2020, 8, 1),
    )
    Planning.objects.create(member=members.an, title="Phó Bí thư Đảng ủy", term="2025-2030")
    client.force_login(users.east_viewer)
    page = client.get(reverse("people:member_detail", args=[members.an.pk])).text
    assert "Bí thư chi bộ" in page and "chức danh chủ chốt" in page and "01/08/2020" in page
    assert "Phó Bí thư Đảng ủy" in page and "2025-2030" in page


def test_it_creates_a_member_and_audits_it(client, users, tree):
    client.force_login(users.east)
    data = edit_data(
        Member(
            code="M901",
            family_name="Hoàng",
            middle_name="Thị",
            given_name="Em",
            gender="female",
            birth_date="1990-02-03",
            admitted_on="2015-06-07",
            full_member_on="2016-06-07",
        ),
        organization=tree.east_cells[1].pk,
    )
    response = client.post(reverse("people:member_create"), data, follow=True)
    assert "Đã thêm đảng viên Hoàng Thị Em" in response.text
    member = Member.objects.get(code="M901")
    assert member.organization == tree.east_cells[1]
    entry = AuditEntry.objects.last()
    assert entry.action == "member.create" and entry.actor == users.east


def test_it_edits_a_member_and_audits_only_real_changes(client, users, members):
    client.force_login(users.east)
    url = reverse("people:member_edit", args=[members.binh.pk])
    before = AuditEntry.objects.count()
    client.post(url, edit_data(members.binh))
    assert AuditEntry.objects.count() == before  # nothing changed, nothing written
    response = client.post(url, edit_data(members.binh, given_name="Bính"), follow=True)
    assert "Đã lưu thay đổi của Trần Thị Bính" in response.text
    entry = AuditEntry.objects.last()
    assert entry.action == "member.update"
    assert entry.before["given_name"] == "Bình" and entry.after["given_name"] == "Bính"


def test_it_shows_errors_next_to_their_fields_in_vietnamese(client, users, members):
    client.force_login(users.east)
    url = reverse("people:member_edit", args=[members.binh.pk])
    response = client.post(url, edit_data(members.binh, given_name="", code="M001"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["given_name"] == ["Trường này là bắt buộc."]
    assert "code" in form.errors
    assert 'id="id_given_name_error"' in response.text


def test_it_reads_typed_dates_day_first_even_in_english(client, users, members):
    client.force_login(users.east)
    client.cookies["django_language"] = "en"
    url = reverse("people:member_edit", args=[members.binh.pk])
    response = client.post(url, edit_data(members.binh, birth_date="05/09/1975"))
    assert response.status_code == 302
    members.binh.refresh_from_db()
    assert members.binh.birth_date == dt.date(1975, 9, 5)
    assert 'value="05/09/1975"' in client.get(url).text


def test_it_offers_only_grassroots_and_cells_of_the_subtree_for_a_new_member(client, users, tree):
    client.force_login(users.east)
    page = client.get(reverse("people:member_create"))
    allowed = set(page.context["form"].fields["organization"].queryset.values_list("pk", flat=True))
    assert {tree.east_cells[0].pk, tree.east_commune.pk} <= allowed
    assert tree.east.pk not in allowed and tree.west_cells[0].pk not in allowed
    # a type-ahead, not a <select> of the whole subtree
    assert 'data-typeahead-url="/organizations/lookup/"' in page.text
    assert "level=grassroots,cell" in page.text and "Chi bộ thôn 2" not in page.text
    rows = client.get(reverse("organizations:lookup"), {"q": "thon 1", "level": "grassroots,cell"})
    assert [r["id"] for r in rows.json()["results"]] == [tree.east_cells[0].pk]
