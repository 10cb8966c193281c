from django.urls import reverse

from tests.conftest import make_member


def test_it_shows_the_users_organisation_with_its_children(client, users, members):
    client.force_login(users.east)
    page = client.get(reverse("organizations:tree")).text
    assert "Đảng bộ huyện Đông" in page and "3 đảng viên" in page
    assert "Đảng bộ xã Đông Hòa" in page
    assert "Đảng bộ huyện Tây" not in page


def test_it_loads_children_with_their_counts(client, users, tree, members):
    client.force_login(users.province)
    response = client.get(
        reverse("organizations:children", args=[tree.province.pk]), HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.text
    text = " ".join(response.text.split())
    assert "Đảng bộ huyện Đông" in text and "3 đảng viên · 1 tổ chức trực thuộc" in text
    assert "Đảng bộ huyện Tây" in text and "2 đảng viên · 1 tổ chức trực thuộc" in text
    # A node with children can be opened; it fetches its own children.
    assert reverse("organizations:children", args=[tree.east.pk]) in text


def test_it_shows_cells_as_leaves(client, users, tree, members):
    client.force_login(users.east)
    response = client.get(reverse("organizations:children", args=[tree.east_commune.pk]))
    text = " ".join(response.text.split())
    assert "Chi bộ thôn 1" in text and "2 đảng viên" in text
    assert "hx-get" not in text


def test_it_keeps_the_tree_partial_to_a_few_queries(
    client, users, tree, django_assert_max_num_queries
):
    for i in range(30):
        make_member(tree.east_cells[i % 2], f"T{i:03d}")
    client.force_login(users.province)
    # session, user, the user's organisation, the node, its children with counts:
    # the same five however many organisations and members there are.
    with django_assert_max_num_queries(6):
        client.get(reverse("organizations:children", args=[tree.province.pk]))


def test_it_shows_an_organisations_statistics(client, users, tree, members):
    client.force_login(users.province)
    response = client.get(reverse("organizations:detail", args=[tree.province.pk]))
    stats = response.context["stats"]
    assert (stats.total, stats.women, stats.minority) == (5, 2, 0)
    assert stats.women_percent == 40
    text = " ".join(response.text.split())
    assert "40,0%" in text and "Nữ (2 người)" in text


def test_it_counts_ethnic_minority_members(client, users, tree, members):
    make_member(tree.east_cells[0], "M010", "Hà", "Văn", "Tú", ethnicity="02")
    client.force_login(users.east)
    stats = client.get(reverse("organizations:detail", args=[tree.east.pk])).context["stats"]
    assert (stats.total, stats.minority, stats.minority_percent) == (4, 1, 25)


def test_it_opens_the_dashboard_on_the_users_organisation(client, users, members):
    client.force_login(users.west)
    page = client.get(reverse("home")).text
    assert "Đảng bộ huyện Tây" in page and "Đảng bộ xã Tây Sơn" in page
    assert "Đảng bộ huyện Đông" not in page


def test_it_keeps_the_dashboard_to_a_few_queries(
    client, users, tree, members, django_assert_max_num_queries
):
    client.force_login(users.province)
    # session, user, the user's organisation, statistics (one aggregate), children with counts,
    # the start page's own lists: boxes waiting (2), scans, overdue tasks, and sealed ballots
    # past their keeping period (approvals, one indexed query)
    with django_assert_max_num_queries(11):
        client.get(reverse("home"))
