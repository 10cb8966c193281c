"""Every page of a congress carries the same hub of links, and they all open."""

import pytest
from django.urls import reverse

from daihoi.congresses.services import create_congress
from daihoi.personnel.services import create_plan


@pytest.fixture
def congress(terms, tree, users):
    return create_congress(
        users.east, tree.east_commune, name="Đại hội Đảng bộ xã Đông Hòa", kind="delegates"
    )


def hub_links(html: str) -> list[str]:
    start = html.index('class="congress-hub')
    block = html[start : html.index("</nav>", start)]
    return [part.split('"')[0] for part in block.split('href="')[1:]]


@pytest.mark.parametrize(
    "page",
    [
        "congresses:detail",
        "reports:tracking",
        "preparation:congress",
        "preparation:programme",
        "delegates:overview",
        "delegates:roster",
    ],
)
def test_each_congress_page_links_to_all_the_others(client, users, congress, page):
    client.force_login(users.east)
    html = client.get(reverse(page, args=[congress.pk])).text
    links = hub_links(html)
    assert reverse("reports:tracking", args=[congress.pk]) in links
    assert reverse("delegates:overview", args=[congress.pk]) in links
    assert reverse("organizations:detail", args=[congress.organization_id]) in links
    for url in links:
        assert client.get(url.split("#")[0]).status_code == 200, url


def test_the_personnel_tab_appears_with_a_plan(client, users, congress):
    client.force_login(users.east)
    html = client.get(reverse("congresses:detail", args=[congress.pk])).text
    assert "Đề án nhân sự" not in html[html.index("congress-hub") :][:2000]
    plan = create_plan(users.east, congress, committee_size=15, standing_size=5, deputy_count=1)
    html = client.get(reverse("congresses:detail", args=[congress.pk])).text
    assert reverse("personnel:detail", args=[plan.pk]) in hub_links(html)


def test_an_organisation_page_links_to_its_congresses(client, users, congress, tree):
    client.force_login(users.east)
    html = client.get(reverse("organizations:detail", args=[tree.east_commune.pk])).text
    assert reverse("congresses:detail", args=[congress.pk]) in html
    assert f"{reverse('congresses:create')}?organization={tree.east_commune.pk}" in html
