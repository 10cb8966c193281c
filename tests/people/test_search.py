from daihoi.people.models import Member
from daihoi.people.selectors import search, visible_members
from daihoi.textnorm import fold


def test_it_folds_vietnamese_marks():
    assert fold("  Nguyễn   Văn Ấn ") == "nguyen van an"
    assert fold("ĐẶNG Thị Đào") == "dang thi dao"


def test_it_finds_names_without_accents(members):
    found = set(search(Member.objects.all(), "nguyen van an").values_list("code", flat=True))
    assert found == {"M001"}
    found = set(search(Member.objects.all(), "NGUYEN an").values_list("code", flat=True))
    assert found == {"M001", "M005"}
    assert list(search(Member.objects.all(), "M004").values_list("code", flat=True)) == ["M004"]


def test_it_limits_search_to_the_users_subtree(members, users):
    found = set(search(visible_members(users.east), "nguyen").values_list("code", flat=True))
    assert found == {"M001"}


def test_the_member_list_picks_its_organisation_by_type_ahead(client, members, users, tree):
    """No <select> of every organisation: the filter is a type-ahead, and its chosen id
    still narrows the list (a forged one is ignored)."""
    from django.urls import reverse

    from daihoi.organizations.services import create_organization

    for i in range(30):
        create_organization(
            None,
            code=f"CX{i}",
            name=f"Chi bộ {i}",
            level="cell",
            kind="village",
            parent=tree.east_commune,
        )
    client.force_login(users.province)
    url = reverse("people:member_list")
    page = client.get(url).text
    assert "data-typeahead-url" in page and "Chi bộ 29" not in page
    chosen = client.get(url, {"organization": tree.east_cells[1].pk})
    assert [m.code for m in chosen.context["page_obj"]] == ["M003"]
    assert tree.east_cells[1].name in chosen.text  # the chosen one's label is shown
    assert client.get(url, {"organization": "x"}).context["page_obj"].paginator.count == 5


def test_the_member_lookup_answers_codes_within_the_users_subtree(client, members, users):
    from django.urls import reverse

    client.force_login(users.east)
    url = reverse("people:lookup")
    rows = client.get(url, {"q": "nguyen an"}).json()["results"]
    assert [r["id"] for r in rows] == ["M001"]  # Nguyễn Thị Ấn is in the other district
    assert rows[0]["label"] == "Nguyễn Văn An (M001)" and "Chi bộ thôn 1" in rows[0]["detail"]
    assert client.get(url, {"q": "M003"}).json()["results"][0]["id"] == "M003"
    assert client.get(url, {"q": "n"}).json() == {"results": []}


def test_the_complaint_form_picks_its_member_by_type_ahead(client, members, users):
    client.force_login(users.east)
    page = client.get("/complaints/")
    assert 'data-typeahead-url="/members/lookup/"' in page.text
    assert 'name="member_code"' in page.text
