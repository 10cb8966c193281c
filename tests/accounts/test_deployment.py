"""Deployment: `daihoi serve` binds where it is told; the security settings come from
the environment and pass `check --deploy`; sessions suit a shared office PC."""

import os
import subprocess
import time
import urllib.request

import pytest
from django.urls import reverse

from daihoi.accounts.middleware import LAST_SEEN
from daihoi.cli import serve_command
from tests.processes import DAIHOI, wait_for_port

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-a-long-random-production-key-0123456789",
    "ALLOWED_HOSTS": "daihoi.example.vn",
    "HTTPS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


@pytest.mark.parametrize(
    "args",
    [["--bind", "0.0.0.0:9000"], ["-b", "unix:/run/daihoi.sock"], ["--bind=[::1]:8001"]],
)
def test_serve_binds_only_where_it_is_told(args, monkeypatch):
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    assert "127.0.0.1:8000" not in serve_command(args)


def test_serve_binds_the_local_default_when_told_nothing(monkeypatch):
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    assert serve_command(["--workers", "4"])[-4:] == ["--bind", "127.0.0.1:8000", "--workers", "4"]
    monkeypatch.setenv("GUNICORN_CMD_ARGS", "--bind 10.0.0.5:80")
    assert "127.0.0.1:8000" not in serve_command([])


def test_a_real_server_answers_on_the_bound_port(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    proc = subprocess.Popen(
        [DAIHOI, "serve", "--bind", "127.0.0.1:8143", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(8143, proc)
        with urllib.request.urlopen("http://127.0.0.1:8143/accounts/login/") as response:
            assert response.status == 200
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def check_deploy(**env) -> subprocess.CompletedProcess:
    # The e2e tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; no deployment has it.
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [DAIHOI, "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_is_clean_with_the_documented_settings():
    result = check_deploy(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_what_is_missing_without_https():
    result = check_deploy(**{**PRODUCTION, "HTTPS": "0", "SECURE_HSTS_PRELOAD": "0"})
    assert result.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert warning in result.stderr


def test_every_page_carries_the_content_security_policy(client, users):
    client.force_login(users.east)
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy


def test_the_session_ends_with_the_browser(client, users):
    response = client.post(reverse("login"), {"username": "dong", "password": "mat-khau-9xq"})
    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]


def test_an_idle_session_is_logged_out(client, users, settings, monkeypatch):
    settings.SESSION_IDLE_SECONDS = 1800
    client.force_login(users.east)
    assert client.get(reverse("home")).status_code == 200
    later = time.time() + 1801
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_active_session_stays(client, users, settings, monkeypatch):
    settings.SESSION_IDLE_SECONDS = 1800
    client.force_login(users.east)
    client.get(reverse("home"))
    start = client.session[LAST_SEEN]
    for minutes in (20, 40, 60):  # a request every 20 minutes for an hour
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert client.get(reverse("home")).status_code == 200


def test_migrate_alone_makes_the_cache_table_and_the_job_queue(tmp_path):
    import sqlite3

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/fresh.sqlite3"}
    env.pop("CACHE_URL", None)
    subprocess.run([DAIHOI, "migrate", "-v0"], env=env, check=True, timeout=600)
    tables = {
        name
        for (name,) in sqlite3.connect(tmp_path / "fresh.sqlite3").execute(
            "select name from sqlite_master where type = 'table'"
        )
    }
    assert {"daihoi_cache", "jobs_job"} <= tables
