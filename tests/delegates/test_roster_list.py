"""The roster of a big congress pages and searches instead of one 27,000 px page."""

from django.urls import reverse


def names(response):
    return [d.member.given_name for d in response.context["page_obj"]]


def test_the_roster_searches_names_without_marks_and_card_numbers(client, users, congress, hall):
    client.force_login(users.province)
    url = reverse("delegates:roster", args=[congress.pk])
    assert names(client.get(url, {"q": "tay1"})) == ["Tây1"]
    number = hall.east[0].number
    assert [d.pk for d in client.get(url, {"q": str(number)}).context["page_obj"]] == [
        hall.east[0].pk
    ]


def test_the_roster_filters_one_delegation_and_pages(client, users, congress, hall, tree):
    client.force_login(users.province)
    url = reverse("delegates:roster", args=[congress.pk])
    west = client.get(url, {"delegation": tree.west.pk})
    assert sorted(names(west)) == ["Dự", "Tây0", "Tây1"]
    page = client.get(url, {"size": "25"})
    assert page.context["page_obj"].paginator.count == 8
    assert client.get(url, {"delegation": "x", "page": "99", "size": "7"}).status_code == 200
