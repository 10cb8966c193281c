"""The sign-in throttle holds across the 4 worker processes of a real `daihoi serve`
on PostgreSQL, with the database cache and with Redis; the local-memory cache,
one per process, lets through far more guesses (the bug this replaces)."""

import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.processes import needs_postgres, served

from ..conftest import make_user

GUESSES = 12
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"
LOCKED = "Đăng nhập sai quá nhiều lần"


def csrf(base: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"{base}/accounts/login/") as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    return cookie, token[1]


def guess(base: str, cookie: str, token: str, password: str) -> str:
    body = urllib.parse.urlencode(
        {"username": "doi-kiem-phieu", "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/",
        data=body,
        headers={"Cookie": cookie, "Referer": f"{base}/accounts/login/"},
    )
    with urllib.request.urlopen(request) as response:
        return response.read().decode()


def answers(base: str) -> list[str]:
    cookie, token = csrf(base)
    with ThreadPoolExecutor(GUESSES) as pool:
        pages = list(pool.map(lambda i: guess(base, cookie, token, f"doan-{i}"), range(GUESSES)))
    return ["wrong" if WRONG in p else "locked" if LOCKED in p else "other" for p in pages]


@pytest.fixture
def team_member(transactional_db, tree):
    needs_postgres()
    return make_user("doi-kiem-phieu", tree.east)


def flush_redis() -> None:
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=4).flushdb()


@pytest.mark.parametrize("cache_url", ["db", "redis://127.0.0.1:6379/4"])
def test_five_guesses_and_no_more_across_four_workers(team_member, cache_url):
    if cache_url.startswith("redis"):
        flush_redis()
    with served(8141, CACHE_URL=cache_url) as base:
        result = answers(base)
    assert result.count("wrong") == 5 and result.count("locked") == GUESSES - 5


def test_a_cache_in_each_process_lets_more_guesses_through(team_member):
    with served(8142, CACHE_URL="locmem") as base:
        result = answers(base)
    assert result.count("wrong") > 5
