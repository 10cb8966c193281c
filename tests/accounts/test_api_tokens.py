"""API tokens: made on a page and shown once, stored only as a hash, used as Bearer,
revoked, with the date of last use; HTTP Basic still works for tests."""

import base64
import re

from django.urls import reverse

from daihoi.accounts.models import ApiToken
from daihoi.audit.models import AuditEntry

MEMBERS = "/api/members"


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def make_token(client, user, name="máy báo cáo") -> str:
    client.force_login(user)
    page = client.post(reverse("api_tokens"), {"name": name})
    assert page["Cache-Control"] == "no-store"
    return re.search(r"<code data-token>([^<]+)</code>", page.text)[1]


def test_a_token_is_shown_once_and_stored_only_as_a_hash(client, users):
    token = make_token(client, users.east)
    assert token.startswith("dh_") and len(token) > 40
    stored = ApiToken.objects.get(user=users.east)
    assert token not in (stored.digest, stored.prefix) and token.startswith(stored.prefix)
    assert token not in client.get(reverse("api_tokens")).text
    assert AuditEntry.objects.filter(action="api_token.create").exists()


def test_a_script_calls_the_api_with_its_token(client, users, members):
    token = make_token(client, users.east)
    client.logout()
    response = client.get(MEMBERS, **bearer(token))
    assert response.status_code == 200
    codes = {m["code"] for m in response.json()["items"]}
    assert "M001" in codes and "M004" not in codes  # the owner's subtree only
    assert ApiToken.objects.get(user=users.east).last_used is not None


def test_a_revoked_token_opens_nothing(client, users, members):
    token = make_token(client, users.east)
    stored = ApiToken.objects.get(user=users.east)
    client.post(reverse("api_token_revoke", args=[stored.pk]))
    client.logout()
    assert client.get(MEMBERS, **bearer(token)).status_code == 401
    assert AuditEntry.objects.filter(action="api_token.revoke").exists()


def test_nobody_revokes_another_users_token(client, users):
    make_token(client, users.east)
    stored = ApiToken.objects.get(user=users.east)
    client.force_login(users.west)
    assert client.post(reverse("api_token_revoke", args=[stored.pk])).status_code == 404
    stored.refresh_from_db()
    assert stored.revoked is None


def test_a_made_up_token_is_refused(client, users, members):
    assert client.get(MEMBERS, **bearer("dh_" + "x" * 43)).status_code == 401
    assert client.get(MEMBERS, **bearer("not-even-ours")).status_code == 401


def test_a_deactivated_users_token_stops_working(client, users, members):
    token = make_token(client, users.east)
    client.logout()
    users.east.is_active = False
    users.east.save(update_fields=["is_active"])
    assert client.get(MEMBERS, **bearer(token)).status_code == 401


def test_a_token_needs_a_name(client, users):
    client.force_login(users.east)
    page = client.post(reverse("api_tokens"), {"name": "  "})
    assert "Hãy đặt tên cho khóa" in page.text and not ApiToken.objects.exists()


def test_basic_still_works_for_tests(client, users, members):
    basic = base64.b64encode(b"dong:mat-khau-9xq").decode()
    assert client.get(MEMBERS, HTTP_AUTHORIZATION=f"Basic {basic}").status_code == 200


def test_basic_credentials_are_never_written_to_the_log(client, users, members, caplog, settings):
    settings.DEBUG = True
    basic = base64.b64encode(b"dong:mat-khau-9xq").decode()
    client.get(MEMBERS, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert basic not in caplog.text
