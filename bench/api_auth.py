"""Benchmark of API authentication: a token against HTTP Basic (the baseline), same run.

    .venv/bin/python bench/api_auth.py

Basic checks the password with the production hasher (PBKDF2) on every request;
a token is one indexed lookup of its SHA-256. Prints milliseconds per request.
"""

import base64
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))


def main() -> int:
    from scratch import scratch_database

    with scratch_database("apiauth") as (engine, _tmp):
        from django.conf import settings
        from django.test import Client

        from daihoi.accounts.models import Role, User
        from daihoi.accounts.tokens import create_api_token
        from daihoi.organizations.services import create_organization

        settings.ALLOWED_HOSTS = ["testserver"]
        province = create_organization(
            None, code="T01", name="Đảng bộ tỉnh A", level="province", kind="province"
        )
        user = User.objects.create_user(
            "script", password="mat-khau-dai-9xq", organization=province, role=Role.STAFF
        )
        _token, plain = create_api_token(user, "bench")
        basic = "Basic " + base64.b64encode(b"script:mat-khau-dai-9xq").decode()
        basic_ms = per_request(Client(), basic)
        token_ms = per_request(Client(), f"Bearer {plain}")
        print(
            f"api_auth [{engine}]: {REQUESTS} GET /api/organizations/{{id}} each: token "
            f"{token_ms:.1f} ms/request vs HTTP Basic {basic_ms:.1f} ms/request (baseline); "
            f"{basic_ms / token_ms:.0f}x faster"
        )
    return 0


def per_request(client, header: str) -> float:
    from daihoi.organizations.models import Organization

    url = f"/api/organizations/{Organization.objects.get(code='T01').pk}"
    assert client.get(url, HTTP_AUTHORIZATION=header).status_code == 200  # warm up
    started = time.perf_counter()
    for _ in range(REQUESTS):
        assert client.get(url, HTTP_AUTHORIZATION=header).status_code == 200
    return (time.perf_counter() - started) * 1000 / REQUESTS


if __name__ == "__main__":
    sys.exit(main())
