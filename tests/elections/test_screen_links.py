"""The projector's read-only link: no login, nothing before publication, revocable."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.elections import entry, results
from daihoi.elections.models import ScreenLink
from daihoi.elections.screen_links import issue_screen_link
from tests.elections.test_views_results import count


@pytest.fixture
def counted(election, counting):
    """The result of tests/elections/test_views_results.py: counted, not yet published."""
    count(entry.create_batch(None, election, team=counting.team, number=1), counting)
    return election


def issue(client, users, election) -> str:
    client.force_login(users.east)
    page = client.post(
        reverse("elections:screen_link_issue", args=[election.pk]),
        {"label": "Máy chiếu hội trường A"},
        follow=True,
    ).text
    return re.search(r"/elections/hall/([\w-]+)/", page).group(1)


def test_an_organiser_issues_a_link_shown_once_and_stored_hashed(client, users, counted):
    token = issue(client, users, counted)
    link = ScreenLink.objects.get()
    assert token not in link.token_hash and len(link.token_hash) == 64
    assert AuditEntry.objects.filter(action="election.screen_link.issue").exists()
    page = client.get(reverse("elections:results", args=[counted.pk])).text
    assert "Máy chiếu hội trường A" in page and token not in page


def test_the_projector_needs_no_login_and_sees_nothing_before_publication(users, counted):
    _, token = issue_screen_link(users.east, counted)
    projector = Client()
    page = projector.get(reverse("elections:hall_screen", args=[token]))
    assert page.status_code == 200 and "Lê Quốc Cường" not in page.text
    data = projector.get(reverse("elections:hall_screen_data", args=[token])).json()
    assert data["published"] is False and "result" not in data
    results.publish_result(users.east, counted)
    data = projector.get(reverse("elections:hall_screen_data", args=[token])).json()
    assert data["published"] is True and data["result"]["elected"][0]["name"] == "Lê Quốc Cường"


def test_a_revoked_or_forged_link_shows_nothing(client, users, counted):
    link, token = issue_screen_link(users.east, counted)
    projector = Client()
    client.force_login(users.east)
    client.post(reverse("elections:screen_link_revoke", args=[counted.pk, link.pk]))
    assert projector.get(reverse("elections:hall_screen", args=[token])).status_code == 404
    assert projector.get(reverse("elections:hall_screen_data", args=[token])).status_code == 404
    assert projector.get("/elections/hall/" + "x" * 40 + "/").status_code == 404


@pytest.mark.parametrize("who", ["east_viewer", "west"])
def test_only_organisers_issue_or_revoke(client, users, counted, who):
    link, _ = issue_screen_link(users.east, counted)
    client.force_login(getattr(users, who))
    assert client.post(reverse("elections:screen_link_issue", args=[counted.pk])).status_code == 404
    revoke = reverse("elections:screen_link_revoke", args=[counted.pk, link.pk])
    assert client.post(revoke).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_viewer_reads_a_published_result_and_is_offered_no_dead_link(client, users, counted):
    client.force_login(users.east_viewer)
    results_url = reverse("elections:results", args=[counted.pk])
    congress_page = reverse("congresses:detail", args=[counted.congress_id])
    assert client.get(results_url).status_code == 404
    assert results_url not in client.get(congress_page).text
    results.publish_result(users.east, counted)
    assert results_url in client.get(congress_page).text
    page = client.get(results_url)
    assert page.status_code == 200 and "Lê Quốc Cường" in page.text
    assert "nhap1" not in page.text  # the operators stay the committee's business
