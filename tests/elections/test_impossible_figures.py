"""Publication refuses impossible figures, with the reason, audited (issue 15, point 5)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.congresses.services import update_attendance
from daihoi.elections import results, services_extra
from daihoi.elections.models import Election, ElectionStatus, PublishedResult
from tests.elections.test_sittings import count

BALLOTS = [{"struck": [5]}] * 7


@pytest.fixture
def counted(election, counting):
    """11 summoned, 10 present; 7 ballots counted."""
    count(election, counting.team, [counting.op1, counting.op2], BALLOTS)
    return election


def refused_publication(users, election):
    with pytest.raises(results.PublicationRefused) as error:
        results.publish_result(users.east, election)
    return error.value


def test_it_refuses_to_publish_more_ballots_collected_than_issued(counted, users):
    services_extra.set_ballots_issued(users.east, counted, 5)
    error = refused_publication(users, counted)
    assert [p.code for p in error.problems] == ["collected_over_issued"]
    assert "Số phiếu thu vào (7) lớn hơn số phiếu phát ra (5)." in error.messages[0]
    assert not PublishedResult.objects.exists()
    assert Election.objects.get(pk=counted.pk).status != ElectionStatus.PUBLISHED
    audit = AuditEntry.objects.get(action="election.publish_refused")
    assert audit.after["problems"] == ["collected_over_issued"]


def test_it_refuses_to_publish_more_ballots_issued_than_present(counted, congress, users):
    services_extra.set_ballots_issued(users.east, counted, 10)
    update_attendance(users.east, congress, present=8)  # present corrected after the issue
    error = refused_publication(users, counted)
    assert [p.code for p in error.problems] == ["issued_over_present"]
    assert "Số phiếu phát ra (10) lớn hơn số có mặt tại phiên bầu (8)." in error.messages[0]


def test_it_publishes_once_the_figures_are_corrected(counted, users):
    services_extra.set_ballots_issued(users.east, counted, 5)
    refused_publication(users, counted)
    services_extra.set_ballots_issued(users.east, counted, 8)
    assert results.publish_result(users.east, counted).data["issued"] == 8


def test_it_refuses_ballots_issued_beyond_those_present(counted, users):
    with pytest.raises(ValidationError, match=r"\(11\) lớn hơn số đại biểu có mặt \(10\)"):
        services_extra.set_ballots_issued(users.east, counted, 11)


def test_the_results_page_explains_what_to_correct_and_the_refusal(client, counted, users):
    services_extra.set_ballots_issued(users.east, counted, 5)
    client.force_login(users.east)
    page = client.get(reverse("elections:results", args=[counted.pk])).text
    assert "Số phiếu thu vào (7) lớn hơn số phiếu phát ra (5)." in page
    assert "Kiểm tra lại số phiếu phát ra" in page
    response = client.post(reverse("elections:publish", args=[counted.pk]), follow=True)
    assert "Số phiếu thu vào (7) lớn hơn số phiếu phát ra (5)." in response.text
    assert not PublishedResult.objects.exists()
