"""The hashing of the audit chain: one keyed hash per entry, one for the head."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from .keys import mac

GENESIS = "0" * 64
ENTRY_FIELDS = (
    "seq",
    "prev_hash",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "organization_id",
    "summary",
    "before",
    "after",
)


def canonical(value) -> str:
    return json.dumps(
        value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def normalise(value):
    """Round-trip through JSON so the hash is computed on what the database stores."""
    return None if value is None else json.loads(canonical(value))


def entry_hash(key: bytes, fields: dict) -> str:
    """HMAC-SHA256 over every stored field of an entry (ENTRY_FIELDS, in that order)."""
    values = [fields[name] for name in ENTRY_FIELDS]
    values[2] = values[2].isoformat()
    values[7] = str(values[7])
    return mac(key, canonical(["daihoi-audit/2", *values]))


def fields_of(entry) -> dict:
    return {name: getattr(entry, name) for name in ENTRY_FIELDS}


def head_mac(key: bytes, count: int, last_hash: str) -> str:
    return mac(key, canonical(["daihoi-audit-head/2", count, last_hash]))
