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


def credential_names(response):
    return [d.member.given_name for d, _found in response.context["page_obj"]]


def test_the_credentials_search_filter_and_page(client, users, congress, hall):
    client.force_login(users.province)
    url = reverse("delegates:credentials", args=[congress.pk])
    assert credential_names(client.get(url, {"q": "tay1"})) == ["Tây1"]
    to_review = client.get(url, {"show": "review"})
    assert hall.probationary.member.given_name in credential_names(to_review)
    assert to_review.context["page_obj"].paginator.count == to_review.context["flagged"]
    everyone = client.get(url, {"size": "25"}).context["page_obj"].paginator.count
    assert everyone == 8 and client.get(url, {"page": "x", "show": "?"}).status_code == 200


def test_a_credentials_decision_returns_to_the_same_search(client, users, congress, hall):
    client.force_login(users.province)
    decide = reverse("delegates:credentials_decide", args=[congress.pk, hall.probationary.pk])
    response = client.post(decide, {"accepted": "on", "back": "q=du&show=review&page=1"})
    assert response["Location"].endswith("/credentials/?q=du&show=review&page=1")
    pending = client.get(reverse("delegates:credentials", args=[congress.pk]), {"show": "pending"})
    assert hall.probationary.pk not in [d.pk for d, _f in pending.context["page_obj"]]
