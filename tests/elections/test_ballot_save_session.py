"""The ballot save takes a browser session's user from the session and confirms it in its
own read (accounts.session_actor): a session that would no longer sign anyone in saves
nothing, CSRF is checked as on every other endpoint, and tokens still work."""

import pytest
from django.test import Client

from daihoi.accounts.tokens import create_api_token
from daihoi.elections import entry
from daihoi.elections.models import EnteredBallot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def started(election, counting):
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    return entry.start_entry(counting.op1, batch)


def save(client, entry_id, **headers):
    return client.post(
        f"/api/elections/entries/{entry_id}/ballots",
        {"struck": [2]},
        content_type="application/json",
        **headers,
    )


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_it_saves_for_the_sessions_user(started, counting):
    answer = save(signed_in(counting.op1), started.pk)
    assert answer.status_code == 201
    assert answer.json()["counts"] == {"total": 1, "valid": 1, "invalid": 0}


def test_a_session_from_before_a_password_change_saves_nothing(started, counting):
    client = signed_in(counting.op1)
    counting.op1.set_password("mat-khau-moi-7zq")
    counting.op1.save()
    assert save(client, started.pk).status_code == 401
    assert not EnteredBallot.objects.exists()


def test_a_deactivated_users_session_saves_nothing(started, counting):
    client = signed_in(counting.op1)
    counting.op1.is_active = False
    counting.op1.save(update_fields=["is_active"])
    assert save(client, started.pk).status_code == 401
    assert not EnteredBallot.objects.exists()


def test_a_session_signed_under_a_retired_secret_key_still_saves(started, counting, settings):
    # Django accepts a session hash made with a key in SECRET_KEY_FALLBACKS; the quick
    # check does not know them and hands the request to Django, which does.
    client = signed_in(counting.op1)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-after-rotation-" + "x" * 30
    assert save(client, started.pk).status_code == 201
    assert EnteredBallot.objects.count() == 1


def test_a_session_must_send_its_csrf_token(started, counting):
    client = signed_in(counting.op1, enforce_csrf_checks=True)
    assert save(client, started.pk).status_code == 403
    client.get("/")  # the page sets the csrftoken cookie, as the entry screen does
    token = client.cookies["csrftoken"].value
    assert save(client, started.pk, HTTP_X_CSRFTOKEN=token).status_code == 201
    assert EnteredBallot.objects.count() == 1


def test_a_bearer_token_saves_without_a_session(started, counting):
    _, plain = create_api_token(counting.op1, "máy nhập phiếu")
    answer = save(Client(), started.pk, HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert answer.status_code == 201


def test_another_users_session_cannot_type_into_the_entry(started, counting):
    # op2 is in the team (the entry is visible) but the entry is op1's: refused, nothing saved.
    answer = save(signed_in(counting.op2), started.pk)
    assert (answer.status_code, answer.json()["code"]) == (409, "not_your_entry")
    assert not EnteredBallot.objects.exists()
