"""Issue 16.7: the ballot API takes exactly the documented JSON, nothing it could coerce."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.elections import entry
from daihoi.elections.models import EnteredBallot


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def entry_url(election, counting):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    client = Client()
    client.force_login(counting.op1)
    entry_id = client.post(f"/api/elections/batches/{batch.pk}/entries").json()["entry_id"]
    return client, f"/api/elections/entries/{entry_id}"


@pytest.mark.parametrize(
    "body",
    [
        {"struck": [True]},
        {"struck": ["1"]},
        {"struck": [1.0]},
        {"struck": [1.5]},
        {"struck": [[1]]},
        {"struck": [None]},
        {"struck": "1"},
        {"struck": {"1": 1}},
        {"marks": {"1": True}},
        {"marks": [["1", "agree"]]},
        {"invalid": 1},
        {"invalid": ["not_issued"]},
    ],
    ids=repr,
)
def test_it_refuses_a_value_of_the_wrong_type_with_422_and_saves_nothing(entry_url, body):
    client, url = entry_url
    response = client.post(f"{url}/ballots", body, content_type="application/json")
    assert response.status_code == 422, response.content
    answer = response.json()
    assert answer["code"] == "invalid_input"
    assert "không hợp lệ" in answer["message"] and answer["detail"]
    assert not EnteredBallot.objects.exists()


@given(
    value=st.one_of(
        st.booleans(),
        st.floats(allow_nan=False),
        st.text(max_size=5),
        st.none(),
        st.lists(st.integers(), max_size=2),
    )
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_non_integer_is_ever_stored_as_a_position(entry_url, value):
    client, url = entry_url
    response = client.post(f"{url}/ballots", {"struck": [value]}, content_type="application/json")
    assert response.status_code in (400, 422)  # 400: a text holding NUL is refused before typing
    assert not EnteredBallot.objects.exists()


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "text/html", ""],
)
def test_it_refuses_json_sent_as_another_content_type_with_415(entry_url, content_type):
    client, url = entry_url
    response = client.generic(
        "POST", f"{url}/ballots", json.dumps({"struck": [1]}), content_type=content_type
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert not EnteredBallot.objects.exists()


def test_it_still_takes_json_with_a_charset(entry_url):
    client, url = entry_url
    response = client.post(
        f"{url}/ballots", {"struck": [1]}, content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 201
    assert EnteredBallot.objects.count() == 1


def test_it_refuses_a_count_that_is_not_an_integer(entry_url):
    client, url = entry_url
    client.post(f"{url}/ballots", {"struck": [1]}, content_type="application/json")
    for count in (True, "1", 1.0):
        response = client.post(f"{url}/finalise", {"count": count}, content_type="application/json")
        assert response.status_code == 422, count


def test_it_answers_400_to_json_nested_too_deeply(entry_url):
    client, url = entry_url
    body = '{"struck": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client.post(f"{url}/ballots", body, content_type="application/json")
    assert response.status_code == 400
    assert not EnteredBallot.objects.exists()
