"""Official documents rendered once and served from the shared cache afterwards.

A document is stored under the digest of everything it is rendered from (the
frozen result, the committee's names, times, audit head), so the stored copy is
never stale: any change in what it shows gives a new digest and a new rendering.
The cache is the one every server worker shares (Redis or the database in
production), so the minutes of a publication are laid out once, not once per
worker or per download.
"""

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache

# Bump when a renderer's layout changes, so copies laid out by older code are not served.
LAYOUT_VERSION = 2
KEEP_SECONDS = 60 * 60 * 24 * 90  # a term's paperwork is done within the quarter


def digest(data: dict) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def rendered(kind: str, data: dict, render: Callable[[dict], bytes]) -> bytes:
    """The document `kind` of `data`: from the cache, or rendered now and stored."""
    key = f"elections:document:{LAYOUT_VERSION}:{kind}:{digest(data)}"
    content = cache.get(key)
    if content is None:
        content = render(data)
        cache.set(key, content, KEEP_SECONDS)
    return content
