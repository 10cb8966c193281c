"""Issue 16.6: every page and API route, every query parameter any view reads, hostile values:
a 4xx (or a page that ignores the value), never a 500. NUL bytes matter on PostgreSQL, where
a string with one cannot be sent to the database at all; CI runs this file there too."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Every name a view reads from request.GET (grep request.GET), and the API's.
PARAMS = [
    *("q", "organization", "org", "term", "page", "status", "as_of", "after", "before"),
    *("parts", "row", "by", "committee", "complete", "all", "full_name", "next", "direct"),
    *("gender", "ethnicity", "political_theory", "active", "sort", "size", "paper", "year"),
    *("on", "figure", "group"),  # the upward report
]
HOSTILE = ["x", "\x00", "a\x00b", "-1", "99999999999999999999", "1e9", "%", "'\"<>", "٣", " "]
# Path arguments: a huge number overflows PostgreSQL's bigint; 0 and 1 may or may not exist.
PATH_INTS = ["1", "99999999999999999999"]
SKIP = re.compile(r"^(admin/|static/|media/|__debug__/|i18n/|logout)")


def routes(resolver=None, prefix=""):
    """(route template, converter names) for every URL pattern, included ones too."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def concrete(route: str, number: str) -> str | None:
    if route.startswith("^") or SKIP.match(route):
        return None  # regex routes are Django's own (admin, static)
    url = re.sub(r"<int:\w+>", number, route)
    url = re.sub(r"<(?:str|slug|path):\w+>", "x", url)
    url = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", url)
    url = re.sub(r"<\w+>", "x", url)
    return "/" + url.lstrip("/")


def urls() -> list[str]:
    found = set()
    for route in routes():
        for number in PATH_INTS:
            url = concrete(route, number)
            if url:
                found.add(url)
    return sorted(found)


@pytest.fixture
def admin_client(users, members):
    client = Client(raise_request_exception=False)
    client.force_login(users.province)
    return client


def test_the_walk_covers_the_pages_and_the_api():
    walked = urls()
    assert len(walked) > 100
    assert "/members/" in walked and "/api/members" in walked and "/congresses/" in walked


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_no_route_answers_500_to_hostile_query_values(admin_client, value):
    failures = []
    query = {name: value for name in PARAMS}
    for url in urls():
        response = admin_client.get(url, query)
        if response.status_code >= 500:
            failures.append(url)
    assert failures == []


def test_no_route_answers_500_to_hostile_path_numbers(admin_client):
    failures = [u for u in urls() if admin_client.get(u).status_code >= 500]
    assert failures == []


@pytest.mark.parametrize(
    "url",
    [
        "/members/?organization=x",
        "/api/members?q=a%00b",
        "/congresses/?term=%00",
        "/members/?organization=%00",
    ],
)
def test_the_reported_urls_answer_400_or_ignore_the_value(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code in (200, 400, 404, 422)


def test_a_nul_in_a_json_body_is_refused_with_400_and_nothing_saved(admin_client, members):
    from daihoi.people.models import Member

    member = Member.objects.order_by("pk").first()
    before = member.hometown
    response = admin_client.patch(
        f"/api/members/{member.pk}", {"hometown": "Xã\x00Đông"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "nul_character" and "NUL" in response.json()["message"]
    member.refresh_from_db()
    assert member.hometown == before


def test_a_nul_in_a_posted_form_names_the_field(admin_client):
    response = admin_client.post("/congresses/", {"name": "Đại hội\x00"})
    assert response.status_code == 400
    assert "“name”" in response.content.decode()


def test_a_text_without_nul_is_untouched_by_the_guard(admin_client):
    response = admin_client.get("/api/members", {"q": "nguyen \\u0000 van"})
    assert response.status_code == 200
