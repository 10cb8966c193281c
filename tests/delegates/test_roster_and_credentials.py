"""The roster (import from a lower congress's published result, cards) and the credentials checks."""

import datetime as dt

import pytest
from django.utils import timezone

from daihoi.congresses.services import create_congress
from daihoi.delegates import credentials, roster
from daihoi.delegates.models import Credentials, Delegate, Kind
from daihoi.elections.models import Candidate, Election, PublishedResult


@pytest.fixture
def lower(tree, users, people):
    """The east district's congress has published its election of delegates to the province."""
    lower = create_congress(users.province, tree.east, name="Đại hội huyện Đông", kind="delegates")
    election = Election.objects.create(
        congress=lower,
        kind="delegates",
        title="Bầu đại biểu dự Đại hội tỉnh",
        seats=2,
        alternates=1,
    )
    for position, member in enumerate(people[1:4], start=1):
        Candidate.objects.create(
            election=election,
            member=member,
            family_name=member.family_name,
            middle_name=member.middle_name,
            given_name=member.given_name,
            full_name=member.full_name,
            position=position,
        )
    names = [m.full_name for m in people[1:4]]
    data = {
        "elected": names[:2],
        "alternates_elected": names[2:],
        "candidates": [{"name": n, "votes": v} for n, v in zip(names, (40, 38, 30), strict=True)],
    }
    PublishedResult.objects.create(
        election=election,
        data=data,
        published_at=timezone.now(),
        published_by=users.province,
        audit_hash="0" * 64,
    )
    return lower


def test_it_imports_the_elected_and_the_alternates_of_a_lower_congress(
    congress, lower, users, people
):
    added = roster.import_elected(users.province, congress, lower)
    assert added == {"elected": 2, "alternates": 1, "skipped": 0}
    alternate = Delegate.objects.get(congress=congress, kind=Kind.ALTERNATE)
    assert (alternate.member, alternate.rank, alternate.votes) == (people[3], 1, 30)
    facts = credentials.facts_for(congress)
    assert all(f.elected_in_system for f in facts.values())


def test_a_congress_without_a_published_result_cannot_be_imported(congress, tree, users):
    bare = create_congress(users.province, tree.west, name="Đại hội huyện Tây", kind="delegates")
    with pytest.raises(roster.RosterError) as error:
        roster.import_elected(users.province, congress, bare)
    assert error.value.code == "roster.no_published_result"


def test_a_delegation_must_be_the_congress_organisation_or_a_child(congress, tree, users, people):
    with pytest.raises(roster.RosterError) as error:
        roster.add_delegate(
            users.province, congress, people[0], kind="elected", delegation=tree.east_commune
        )
    assert error.value.code == "roster.bad_delegation"


def test_the_card_qr_carries_only_the_token(hall):
    payload = roster.qr_payload(hall.chief)
    assert payload == "DHDB:" + hall.chief.token
    assert hall.chief.member.given_name not in payload and len(hall.chief.token) == 10


def test_a_probationary_member_is_flagged_with_the_charter(congress, hall):
    found = credentials.check(credentials.facts_for(congress)[hall.probationary.pk])
    assert [f.code for f in found if f.blocking] == ["credentials.probationary"]
    assert "Điều 5" in found[0].citation


def test_a_suspended_member_is_flagged_with_hd_04():
    facts = credentials.Facts("elected", "suspended", True, True, True, 0)
    assert [f.code for f in credentials.check(facts)] == ["credentials.suspended"]


def test_refusing_credentials_needs_a_reason(hall, users):
    with pytest.raises(ValueError):
        credentials.decide(users.province, hall.probationary, accepted=False)
    d = credentials.decide(users.province, hall.probationary, accepted=False, note="Dự bị")
    assert d.credentials == Credentials.REJECTED


def test_the_report_counts_the_admitted_officials(congress, hall, users):
    credentials.decide(users.province, hall.probationary, accepted=False, note="Dự bị")
    figures = credentials.report(congress, dt.date(2025, 10, 1))
    assert (figures["summoned"], figures["ex_officio"], figures["elected"]) == (6, 2, 4)
    assert figures["age_average"] == 50.0  # every member of the cast was born 1/5/1975
    assert [d.pk for d in figures["rejected"]] == [hall.probationary.pk]


def test_the_hall_pages_render_and_the_files_open(client, congress, hall, users):
    client.force_login(users.province)
    base = f"/delegates/{congress.pk}"
    for url in ("/", "/roster/", "/credentials/", "/checkin/", "/checkin/quorum/"):
        assert client.get(base + url).status_code == 200, url
    assert client.get(base + "/cards.pdf").content[:4] == b"%PDF"
    assert client.get(base + "/credentials/report.pdf").content[:4] == b"%PDF"
    assert client.get(base + "/credentials/report.docx").content[:2] == b"PK"


def test_the_scan_endpoint_answers_json_and_a_viewer_may_not_scan(client, congress, hall, users):
    client.force_login(users.province)
    answer = client.post(
        f"/delegates/{congress.pk}/checkin/scan/", {"code": str(hall.chief.number)}
    )
    assert answer.json()["outcome"] == "checked_in" and answer.json()["present"] == 1
    viewer = users.east_viewer
    viewer.organization = congress.organization
    viewer.save()
    client.force_login(viewer)
    assert client.post(f"/delegates/{congress.pk}/checkin/scan/", {"code": "1"}).status_code == 403
