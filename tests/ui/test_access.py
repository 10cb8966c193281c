"""A district user sees and changes only their own district, whatever URL they type."""

from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.people.models import Member


def test_it_hides_another_districts_pages(client, users, tree, members):
    client.force_login(users.east)
    for url in (
        reverse("organizations:detail", args=[tree.west.pk]),
        reverse("organizations:children", args=[tree.west_commune.pk]),
        reverse("organizations:detail", args=[tree.province.pk]),
        reverse("people:member_detail", args=[members.dung.pk]),
        reverse("people:member_edit", args=[members.dung.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_it_refuses_to_edit_another_districts_member(client, users, members):
    client.force_login(users.east)
    response = client.post(
        reverse("people:member_edit", args=[members.dung.pk]), {"given_name": "Đổi"}
    )
    assert response.status_code == 404
    members.dung.refresh_from_db()
    assert members.dung.given_name == "Dũng"


def test_it_lists_only_the_users_subtree(client, users, members):
    client.force_login(users.east)
    page = client.get(reverse("people:member_list")).text
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" in page
    assert "Phạm Tiến Dũng" not in page and "Nguyễn Thị Ấn" not in page


def test_it_ignores_a_filter_on_another_districts_organisation(client, users, tree, members):
    client.force_login(users.east)
    page = client.get(reverse("people:member_list"), {"organization": tree.west.pk}).text
    assert "Phạm Tiến Dũng" not in page


def edit_data(member, **changes):
    data = {
        f: getattr(member, f)
        for f in (
            "code",
            "family_name",
            "middle_name",
            "given_name",
            "gender",
            "birth_date",
            "ethnicity",
            "religion",
            "hometown",
            "citizen_id",
            "admitted_on",
            "full_member_on",
            "status",
            "general_education",
            "education",
            "political_theory",
        )
    }
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(changes)
    return data


def test_it_ignores_a_forged_organisation_in_the_edit_form(client, users, tree, members):
    client.force_login(users.east)
    forged = edit_data(members.an, organization=tree.west_cells[0].pk, hometown="Hà Tĩnh")
    response = client.post(reverse("people:member_edit", args=[members.an.pk]), forged)
    assert response.status_code == 302
    members.an.refresh_from_db()
    assert members.an.organization == tree.east_cells[0]
    assert members.an.hometown == "Hà Tĩnh"


def test_it_refuses_to_create_a_member_outside_the_subtree(client, users, tree):
    client.force_login(users.east)
    data = edit_data(
        Member(
            code="M900",
            family_name="Hoàng",
            middle_name="Văn",
            given_name="Em",
            gender="male",
            birth_date="1980-02-03",
            admitted_on="2005-06-07",
            full_member_on="2006-06-07",
        ),
        organization=tree.west_cells[0].pk,
    )
    response = client.post(reverse("people:member_create"), data)
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.text  # Django's own Vietnamese message
    assert not Member.objects.filter(code="M900").exists()


def test_it_lets_a_viewer_read_but_not_edit(client, users, members):
    client.force_login(users.east_viewer)
    detail = client.get(reverse("people:member_detail", args=[members.an.pk]))
    assert detail.status_code == 200
    assert reverse("people:member_edit", args=[members.an.pk]) not in detail.text
    assert "Thêm đảng viên" not in client.get(reverse("people:member_list")).text
    assert client.get(reverse("people:member_edit", args=[members.an.pk])).status_code == 403
    assert client.get(reverse("people:member_create")).status_code == 403
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("people:member_edit", args=[members.an.pk]), edit_data(members.an, hometown="X")
    )
    assert response.status_code == 403
    assert AuditEntry.objects.count() == before


def test_it_shows_breadcrumbs_only_down_from_the_users_organisation(client, users, tree):
    client.force_login(users.east)
    page = client.get(reverse("organizations:detail", args=[tree.east_cells[0].pk])).text
    assert "Đảng bộ xã Đông Hòa" in page and "Đảng bộ huyện Đông" in page
    assert "Đảng bộ tỉnh A" not in page


def test_it_keeps_the_other_filters_when_one_is_forged(client, users, tree, members):
    client.force_login(users.east)
    page = client.get(
        reverse("people:member_list"), {"organization": tree.west.pk, "q": "tran"}
    ).text
    assert "Trần Thị Bình" in page and "Nguyễn Văn An" not in page
