"""Nobody can lock the counting team out by guessing: the count that refuses a user is
per username *and* address; an address is throttled on its own; lock-outs back off."""

import time

import pytest
from django.urls import reverse

from daihoi.audit.models import AuditEntry

PASSWORD = "mat-khau-9xq"
ATTACKER, CLERK = "203.0.113.7", "10.0.0.21"


def login(client, username, password, address=CLERK):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_ADDRESS_LIMIT = 5, 20
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900


def test_an_attacker_elsewhere_cannot_lock_out_a_clerk(client, users, limits):
    for _ in range(12):
        login(client, "dong", "doan-bua", address=ATTACKER)
    assert "Đăng nhập sai quá nhiều lần" in login(client, "dong", PASSWORD, ATTACKER).text
    assert login(client, "dong", PASSWORD, address=CLERK).status_code == 302


def test_the_attacker_is_told_how_long_to_wait(client, users, limits):
    for _ in range(5):
        login(client, "dong", "sai", address=ATTACKER)
    page = login(client, "dong", PASSWORD, address=ATTACKER).text
    assert "thử lại sau 15 phút" in page


def test_each_lockout_doubles_the_next_wait(client, users, limits, monkeypatch):
    for _ in range(5):
        login(client, "dong", "sai", address=ATTACKER)
    later = time.time() + 901
    monkeypatch.setattr(time, "time", lambda: later)
    for _ in range(5):
        login(client, "dong", "sai", address=ATTACKER)
    assert "thử lại sau 30 phút" in login(client, "dong", PASSWORD, ATTACKER).text


def test_an_address_trying_many_usernames_is_stopped(client, users, limits):
    for i in range(20):
        login(client, f"khong-co-{i}", "sai", address=ATTACKER)
    assert "Đăng nhập sai quá nhiều lần" in login(client, "tay", PASSWORD, ATTACKER).text
    assert login(client, "tay", PASSWORD, address=CLERK).status_code == 302


def test_a_hall_of_clerks_behind_one_router_is_not_locked_by_logging_in(
    client, users, limits, settings
):
    settings.LOGIN_FAILURE_ADDRESS_LIMIT = 3
    for _ in range(10):  # successful sign-ins give their slot back
        assert login(client, "dong", PASSWORD).status_code == 302
        client.post(reverse("logout"))


def test_a_lockout_is_in_the_audit_log(client, users, limits):
    for _ in range(5):
        login(client, "dong", "sai", address=ATTACKER)
    entry = AuditEntry.objects.get(action="signin.lockout")
    assert "dong" in entry.summary and ATTACKER in entry.summary


def test_the_address_behind_a_trusted_proxy_is_the_forwarded_one(client, users, limits, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    def via_proxy(password, forwarded):
        return client.post(
            reverse("login"),
            {"username": "dong", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for _ in range(5):
        via_proxy("sai", f"1.2.3.4, {ATTACKER}")
    assert "Đăng nhập sai quá nhiều lần" in via_proxy(PASSWORD, ATTACKER).text
    # The attacker forging a header cannot pass for the clerk, nor lock him.
    assert via_proxy(PASSWORD, CLERK).status_code == 302


def test_a_forged_forwarded_header_is_ignored_without_a_trusted_proxy(client, users, limits):
    for i in range(5):
        client.post(
            reverse("login"),
            {"username": "dong", "password": "sai"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"10.9.9.{i}",
        )
    assert "Đăng nhập sai quá nhiều lần" in login(client, "dong", PASSWORD, ATTACKER).text
