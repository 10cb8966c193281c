import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache(db):
    """Login throttles and import jobs live in the cache; each test starts clean."""
    cache.clear()
    yield
    cache.clear()
