"""Throttling of failed logins, per username and per client address.

Each key keeps the times of its recent failures in Django's cache. Once a key
holds `LOGIN_FAILURE_LIMIT` failures inside `LOGIN_FAILURE_WINDOW_SECONDS`, every
attempt is refused, even with the right password, until the oldest of them
leaves the window. A successful login clears both keys.

The per-address limit is a multiple of the per-user one: in a congress hall
every clerk comes through the same router, so a few typos by different people
must not lock the whole hall out.

Behind several worker processes the cache must be shared (database, file or
Redis); the default local-memory cache counts per process.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

ADDRESS_LIMIT_FACTOR = 4


@dataclass(frozen=True)
class Lockout:
    retry_at: float  # a Unix timestamp

    @property
    def seconds_left(self) -> int:
        return max(1, int(self.retry_at - time.time() + 0.999))


def _window() -> int:
    return settings.LOGIN_FAILURE_WINDOW_SECONDS


def _limits() -> tuple[int, int]:
    user_limit = settings.LOGIN_FAILURE_LIMIT
    address_limit = getattr(settings, "LOGIN_FAILURE_ADDRESS_LIMIT", None)
    return user_limit, address_limit or user_limit * ADDRESS_LIMIT_FACTOR


def _key(kind: str, value: str) -> str:
    # Hash so that any characters a user types make a valid cache key.
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    user_limit, address_limit = _limits()
    return [(_key("user", username), user_limit), (_key("addr", address), address_limit)]


def _recent(key: str, now: float) -> list[float]:
    return [t for t in cache.get(key, []) if t > now - _window()]


def lockout(username: str, address: str) -> Lockout | None:
    """The lockout in force for this username or address, if any."""
    now = time.time()
    retry_at = 0.0
    for key, limit in _keys(username, address):
        recent = _recent(key, now)
        if len(recent) >= limit:
            # Free again once enough failures have aged out of the window.
            retry_at = max(retry_at, recent[-limit] + _window())
    return Lockout(retry_at) if retry_at else None


def register_failure(username: str, address: str) -> None:
    now = time.time()
    for key, limit in _keys(username, address):
        recent = _recent(key, now)[-(limit * 2) :]
        cache.set(key, [*recent, now], timeout=_window())


def clear(username: str, address: str) -> None:
    cache.delete_many([key for key, _ in _keys(username, address)])


def client_address(request) -> str:
    """REMOTE_ADDR only: an X-Forwarded-For header is trivially forged. Behind a
    reverse proxy every request carries the proxy's address, so the per-address
    count then covers everyone together; the per-username count still holds."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
