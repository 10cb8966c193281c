"""The audit chain's secret: an HMAC key kept in a file outside the database.

Whoever can write to the database but cannot read this file can no longer
recompute a chain that `daihoi audit verify` accepts. The key is created once,
on the first entry of an empty chain; a missing key under a non-empty chain is an
error (the chain cannot be extended or checked), never a reason to make a new one.
"""

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from django.conf import settings


class AuditKeyError(Exception):
    """The key file is missing or malformed."""


_cache: dict[tuple[str, float], bytes] = {}


def key_path() -> Path:
    return Path(settings.AUDIT_KEY_FILE)


def load_key() -> bytes:
    path = key_path()
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise AuditKeyError(
            f"Không tìm thấy khóa nhật ký kiểm toán {path} (DAIHOI_AUDIT_KEY_FILE)."
        ) from None
    cached = _cache.get((str(path), mtime))
    if cached is not None:
        return cached
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise AuditKeyError(f"Khóa nhật ký kiểm toán {path} phải có ít nhất 64 chữ số hex.")
    _cache.clear()
    _cache[(str(path), mtime)] = key
    return key


def generate_key(path: Path | None = None) -> Path:
    """Write a new random key, readable by the owner only; refuse to overwrite one."""
    path = path or key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    return path


def ensure_key() -> bytes:
    """The key, created if there is none yet (first entry of an empty chain only)."""
    try:
        return load_key()
    except AuditKeyError:
        if key_path().exists():
            raise
    try:
        generate_key()
    except FileExistsError:
        pass  # another process created it a moment ago
    return load_key()


def key_id(key: bytes) -> str:
    """A public fingerprint of the key, printed on anchors: tells "wrong key" from tampering."""
    return hashlib.sha256(b"daihoi-audit-key-id:" + key).hexdigest()[:16]


def mac(key: bytes, payload: str) -> str:
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()
