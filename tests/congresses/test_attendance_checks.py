"""Attendance figures that cannot be are refused everywhere, nothing saved (issue 15, point 5)."""

import base64
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.congresses.models import Congress
from daihoi.congresses.services import create_congress, update_attendance

IMPOSSIBLE = [
    ({"summoned": 10, "present": 11}, "present", "Số có mặt (11) lớn hơn số được triệu tập (10)."),
    ({"summoned": -1}, "summoned", "Số không được âm (-1)."),
    (
        {
            "summoned": 10,
            "present": 8,
            "excluded_committee_absent": 6,
            "excluded_delegates_absent_no_alternate": 5,
        },
        "excluded_committee_absent",
        "Tổng số loại trừ khỏi cơ sở (11) lớn hơn số được triệu tập (10).",
    ),
]


@pytest.fixture
def congress(tree, users):
    c = create_congress(users.east, tree.east_commune, name="Đại hội xã Đông Hòa", kind="delegates")
    return update_attendance(users.east, c, summoned=100, present=90)


def unchanged(congress):
    fresh = Congress.objects.get(pk=congress.pk)
    return (fresh.summoned, fresh.present, fresh.excluded_committee_absent) == (100, 90, 0)


@pytest.mark.parametrize("counts, field, message", IMPOSSIBLE)
def test_the_service_refuses_naming_the_field_and_saves_nothing(
    congress, users, counts, field, message
):
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        update_attendance(users.east, congress, **counts)
    assert any(message in m for m in error.value.message_dict[field])
    assert unchanged(congress) and AuditEntry.objects.count() == audits


@pytest.mark.parametrize("counts, field, message", IMPOSSIBLE[::2])
def test_the_form_shows_the_error_and_saves_nothing(
    client, congress, users, counts, field, message
):
    client.force_login(users.east)
    data = {
        "summoned": 100,
        "present": 90,
        "excluded_committee_absent": 0,
        "excluded_delegates_absent_no_alternate": 0,
        **counts,
    }
    page = client.post(reverse("congresses:attendance", args=[congress.pk]), data, follow=True).text
    assert message in page
    assert unchanged(congress)


def basic(user) -> Client:
    token = base64.b64encode(f"{user.username}:pw".encode()).decode()
    return Client(HTTP_AUTHORIZATION=f"Basic {token}")


@pytest.fixture
def api_user(users):
    users.east.set_password("pw")
    users.east.save()
    return users.east


@pytest.mark.parametrize("counts, field, message", IMPOSSIBLE)
def test_the_api_answers_422_with_the_field_and_saves_nothing(
    congress, api_user, counts, field, message
):
    url = f"/api/congresses/{congress.pk}/attendance"
    response = basic(api_user).put(url, json.dumps(counts), content_type="application/json")
    assert response.status_code == 422
    assert any(message in m for m in response.json()["errors"][field])
    assert unchanged(congress)


def test_the_api_changes_good_figures_and_answers_the_one_base(congress, api_user):
    client = basic(api_user)
    url = f"/api/congresses/{congress.pk}/attendance"
    body = {"present": 95, "excluded_delegates_absent_no_alternate": 3}
    answer = client.put(url, json.dumps(body), content_type="application/json").json()
    assert (answer["summoned"], answer["present"], answer["base"]) == (100, 95, 97)
    assert client.get(f"/api/congresses/{congress.pk}/base").json() == answer
    assert AuditEntry.objects.filter(action="congress.attendance").count() == 2
