"""The congress list at province scale: search without marks, filters, pages, sort, Excel."""

import io

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from daihoi.congresses.listing import SORTS, CongressFilters
from daihoi.congresses.models import Congress
from daihoi.congresses.services import create_congress


@pytest.fixture
def congresses(terms, tree, users):
    made = {}
    for org, kind in (
        (tree.province, "delegates"),
        (tree.east, "delegates"),
        (tree.west, "delegates"),
        (tree.east_commune, "members"),
        (tree.west_commune, "members"),
        *((cell, "members") for cell in tree.east_cells + tree.west_cells),
    ):
        made[org.code] = create_congress(
            users.province, org, name=f"Đại hội {org.name} lần thứ I", kind=kind
        )
    return made


def shown(response) -> list[str]:
    return [c.organization.code for c in response.context["page_obj"]]


def test_it_finds_a_congress_typed_without_marks(client, users, congresses):
    client.force_login(users.province)
    response = client.get(reverse("congresses:list"), {"q": "dong hoa"})
    assert shown(response) == ["X01"]
    response = client.get(reverse("congresses:list"), {"q": "ĐÔNG   HÒA"})
    assert shown(response) == ["X01"]
    # every word must match, in any order
    assert shown(client.get(reverse("congresses:list"), {"q": "hoa xa dong"})) == ["X01"]
    assert shown(client.get(reverse("congresses:list"), {"q": "khong co dau nao"})) == []


def test_it_filters_by_level_subtree_and_status(client, users, congresses):
    client.force_login(users.province)
    url = reverse("congresses:list")
    assert sorted(shown(client.get(url, {"level": "district"}))) == ["H01", "H02"]
    east = users.east.organization
    in_east = shown(client.get(url, {"organization": east.pk}))
    assert sorted(in_east) == ["C011", "C012", "H01", "X01"]
    Congress.objects.filter(pk=congresses["C011"].pk).update(status="held")
    assert shown(client.get(url, {"status": "held", "organization": east.pk})) == ["C011"]


def test_a_user_never_sees_outside_the_subtree_even_when_filtering_there(
    client, users, congresses, tree
):
    client.force_login(users.east)
    url = reverse("congresses:list")
    assert "H02" not in shown(client.get(url))
    # a forged subtree outside the user's scope is ignored, not obeyed
    assert "X02" not in shown(client.get(url, {"organization": tree.west.pk}))


def test_pages_hold_the_chosen_size_and_keep_the_filters(client, users, congresses):
    client.force_login(users.province)
    url = reverse("congresses:list")
    response = client.get(url, {"size": "25", "level": "cell"})
    assert response.context["listing"].size == 25
    assert len(shown(response)) == 4
    # a size that is not offered falls back to the default instead of failing
    assert client.get(url, {"size": "100000"}).context["listing"].size == 50
    assert "level=cell" in response.context["query"]


def test_the_export_holds_the_filtered_list_not_only_the_page(client, users, congresses):
    client.force_login(users.province)
    response = client.get(
        reverse("congresses:list"), {"level": "cell", "size": "25", "format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row[1]]
    assert sorted(names) == sorted(
        c.organization.name for c in Congress.objects.filter(organization__level="cell")
    )


def test_the_htmx_request_gets_only_the_results(client, users, congresses):
    client.force_login(users.province)
    response = client.get(reverse("congresses:list"), {"q": "tay"}, HTTP_HX_REQUEST="true")
    assert "<form" not in response.text and "Đảng bộ huyện Tây" in response.text


@settings(max_examples=60, deadline=None)
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "level", "organization", "status", "term", "sort", "size", "page", "pilot"]
        ),
        st.text(max_size=12),
        max_size=6,
    )
)
def test_any_query_string_gives_a_list_never_an_error(params):
    """Hand-edited URLs (NULs, letters for ids, huge pages) are read, never trusted."""
    filters = CongressFilters.from_query(params)
    assert filters.sort in SORTS
    assert filters.organization is None or filters.organization >= 0
    assert "\x00" not in filters.q


@pytest.mark.parametrize(
    "params",
    [
        {"organization": "x"},
        {"organization": "1\x00"},
        {"q": "a\x00b"},
        {"term": "\x00"},
        {"page": "999999"},
        {"page": "-1"},
        {"sort": "organization__path;drop"},
        {"size": "0"},
    ],
)
def test_hostile_parameters_never_fail(client, users, congresses, params):
    """A list answers; a NUL is refused whole with a 400 naming the field (request_guards)."""
    client.force_login(users.province)
    nul = any("\x00" in value for value in params.values())
    assert client.get(reverse("congresses:list"), params).status_code == (400 if nul else 200)


def test_the_creation_form_has_its_own_page_with_a_type_ahead(client, users, congresses, tree):
    client.force_login(users.east)
    page = client.get(reverse("congresses:create"), {"organization": tree.east_commune.pk})
    html = page.text
    assert 'data-typeahead-url="/organizations/lookup/"' in html
    assert f'value="{tree.east_commune.pk}"' in html and "Đảng bộ xã Đông Hòa (X01)" in html
    # only one option's label is rendered, never the whole subtree
    assert "Chi bộ thôn 2" not in html
    client.force_login(users.east_viewer)
    assert client.get(reverse("congresses:create")).status_code == 404


def test_the_congress_lookup_finds_by_organisation_words(client, users, congresses):
    client.force_login(users.east)
    rows = client.get(reverse("congresses:lookup"), {"q": "dong hoa"}).json()["results"]
    assert [r["id"] for r in rows] == [congresses["X01"].pk]
    assert client.get(reverse("congresses:lookup"), {"q": "tay"}).json()["results"] == []
