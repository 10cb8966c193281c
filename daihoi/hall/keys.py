"""The package key: derived on the server, carried to the hall apart from the file.

key = first 16 bytes of HMAC-SHA256(audit key, "daihoi-hall-key/1:" + package id).
The server never stores it (it derives it again to check a return); the hall
stores it with the imported package, to sign its return. It is shown to the
organiser as 8 groups of 4 hex digits, to be typed or given on a separate medium.
"""

import hashlib
import hmac
import re

from daihoi.audit.keys import ensure_key

from .fileformat import HallFileError


def package_key(package_id: str) -> bytes:
    server = ensure_key()
    label = f"daihoi-hall-key/1:{package_id}".encode()
    return hmac.new(server, label, hashlib.sha256).digest()[:16]


def show(key: bytes) -> str:
    text = key.hex()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse(text: str) -> bytes:
    cleaned = re.sub(r"[\s-]", "", text or "").lower()
    if not re.fullmatch(r"[0-9a-f]{32}", cleaned):
        raise HallFileError("bad_key", "Khóa gói phải gồm 32 chữ số hex (8 nhóm 4 chữ số).")
    return bytes.fromhex(cleaned)
