"""Fixtures for the demo generator's tests.

Building even the small province takes about a second, so the read-only tests
share one build per module: it is made inside an outer transaction that is
rolled back when the module ends, and each test still runs in its own nested
transaction (pytest-django's `db`), so nothing leaks into other modules.
A module that uses `demo` must not also hold transactional tests
(django_db(transaction=True)): they would flush the tables under the open
outer transaction.
"""

import pytest
from django.db import transaction
from django.test import override_settings

from daihoi.demo.generator import build_demo

SEED = 11


def fast_hashing():
    # The real hasher costs a third of a second a call; these tests check accounts, not hashing.
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(autouse=True)
def fast_password_hashing():
    with fast_hashing():
        yield


@pytest.fixture(scope="module")
def small_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with fast_hashing():
                summary = build_demo(SEED, small=True)
            yield summary
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(small_demo, db):
    """The shared small demo, seen from inside a test's own transaction."""
    return small_demo
