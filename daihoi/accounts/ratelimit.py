"""Throttling of sign-in attempts, per (username, address) and per address, with backoff.

Nobody can lock an account from elsewhere: the count that refuses a user is kept
per username *and* address, so an attacker guessing the counting team's
passwords from his own machine locks only himself. A second count per address
stops one machine from trying many usernames; its limit is higher, since every
clerk in a congress hall may come through one router.

Each count is LIMIT slots in the shared cache. An attempt first takes a free slot
(`cache.add`, atomic in the Redis and database caches), and only then is the
password checked; with no free slot it is refused, even with the right password,
until the oldest slot expires. So the limit holds exactly across any number of
worker processes. A failure keeps its slot for the window; a success frees it
(and, for the username+address count, all of them). Each time a count fills
up, its next window doubles (15 min, 30 min, 1 h… up to a day).
"""

import hashlib
import ipaddress
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


@dataclass(frozen=True)
class Lockout:
    retry_at: float  # a Unix timestamp

    @property
    def seconds_left(self) -> int:
        return max(1, int(self.retry_at - time.time() + 0.999))


@dataclass
class Attempt:
    """The slots one attempt holds: (count key, slot key, the count's limit)."""

    slots: list[tuple[str, str, int]] = field(default_factory=list)
    label: str = ""


def _digest(value: str) -> str:
    # Hash so that any characters a user types make a valid cache key.
    return hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]


def _counts(username: str, address: str) -> list[tuple[str, int]]:
    return [
        (f"signin:ua:{_digest(username + '|' + address)}", settings.LOGIN_FAILURE_LIMIT),
        (f"signin:a:{_digest(address)}", settings.LOGIN_FAILURE_ADDRESS_LIMIT),
    ]


def _window(key: str) -> int:
    strikes = min(cache.get(f"{key}:strikes", 0), 10)
    base = settings.LOGIN_FAILURE_WINDOW_SECONDS
    return min(base * 2**strikes, max(base, settings.LOGIN_FAILURE_MAX_WINDOW_SECONDS))


def _slot_keys(key: str, limit: int) -> list[str]:
    return [f"{key}:{number}" for number in range(limit)]


def _reserve(key: str, limit: int) -> str | None:
    now = time.time()
    held = cache.get_many(_slot_keys(key, limit))
    window = _window(key)
    for slot in _slot_keys(key, limit):
        expires = held.get(slot)
        if expires is not None and expires > now:
            continue
        if expires is not None:
            cache.delete(slot)  # expired by our clock, not yet by the cache's
        if cache.add(slot, now + window, timeout=window):
            return slot
    return None


def _retry_at(key: str, limit: int) -> float:
    held = [t for t in cache.get_many(_slot_keys(key, limit)).values() if t]
    return min(held) if held else time.time() + 1


def begin(username: str, address: str) -> Attempt | Lockout:
    """Take a slot in each count before the password is checked, or say how long to wait."""
    attempt = Attempt(label=f"{username.strip()[:60]} @ {address}")
    for key, limit in _counts(username, address):
        slot = _reserve(key, limit)
        if slot is None:
            cache.delete_many([s for _k, s, _l in attempt.slots])
            return Lockout(_retry_at(key, limit))
        attempt.slots.append((key, slot, limit))
    return attempt


def failed(attempt: Attempt) -> None:
    """The attempt failed: its slots stay taken for the window. A count that is now full
    doubles its next window, and the lock-out goes to the audit log."""
    for key, _slot, limit in attempt.slots:
        if _has_free_slot(key, limit):
            continue
        strikes = f"{key}:strikes"
        cache.add(strikes, 0, timeout=settings.LOGIN_FAILURE_MAX_WINDOW_SECONDS)
        try:
            cache.incr(strikes)
        except ValueError:  # expired in between
            cache.set(strikes, 1, timeout=settings.LOGIN_FAILURE_MAX_WINDOW_SECONDS)
        _audit_lockout(attempt.label, "address" if key.startswith("signin:a:") else "user")


def _has_free_slot(key: str, limit: int) -> bool:
    now = time.time()
    held = cache.get_many(_slot_keys(key, limit))
    return sum(1 for t in held.values() if t and t > now) < limit


def succeeded(attempt: Attempt) -> None:
    """The right password: the username+address count starts afresh, the address
    count gives back this attempt's slot."""
    user_key, _slot, limit = attempt.slots[0]
    cache.delete_many([*_slot_keys(user_key, limit), f"{user_key}:strikes"])
    cache.delete_many([slot for _key, slot, _limit in attempt.slots[1:]])


@transaction.atomic
def _audit_lockout(label: str, count: str) -> None:
    from daihoi.audit.services import record

    record(None, "signin.lockout", object_type="signin", summary=f"{label} ({count})"[:200])


def client_address(request) -> str:
    """REMOTE_ADDR, or, when that is one of TRUSTED_PROXIES, the last address in
    X-Forwarded-For that is not a trusted proxy (the one a proxy of ours saw).
    Without trusted proxies an X-Forwarded-For header is ignored: anyone can forge it."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = set(getattr(settings, "TRUSTED_PROXIES", []))
    if remote not in trusted:
        return remote
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for candidate in reversed([a for a in chain if a]):
        if candidate not in trusted:
            return candidate if _is_address(candidate) else remote
    return remote


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
