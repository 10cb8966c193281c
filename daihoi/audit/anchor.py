"""Anchors: the chain's head taken outside the database (printed on the minutes,
exported as a small signed JSON). A chain rewritten or cut after an anchor was
published no longer contains the anchored hash at the anchored position.

    {"format": "daihoi-audit-anchor/1", "seq": 1234, "head": "<hash of entry 1234>",
     "at": "<time of that entry>", "key_id": "<key fingerprint>", "mac": "<HMAC>"}
"""

import hmac

from django.utils import timezone

from .chain import canonical
from .keys import key_id, load_key, mac
from .models import AuditEntry, AuditHead
from .verify import Problem

FORMAT = "daihoi-audit-anchor/1"
SIGNED = ("format", "seq", "head", "at", "key_id")


def make_anchor() -> dict:
    key = load_key()
    head = AuditHead.objects.filter(id=1).first()
    seq, last = (head.count, head.last_hash) if head else (0, "")
    entry = AuditEntry.objects.filter(seq=seq).only("at").first()
    anchor = {
        "format": FORMAT,
        "seq": seq,
        "head": last,
        "at": (entry.at if entry else timezone.now()).isoformat(),
        "key_id": key_id(key),
    }
    anchor["mac"] = mac(key, canonical([anchor[k] for k in SIGNED]))
    return anchor


def check_anchor(key: bytes, anchor: dict) -> list[Problem]:
    seq = anchor.get("seq") if isinstance(anchor, dict) else None
    if not isinstance(seq, int) or anchor.get("format") != FORMAT:
        return [Problem("anchor_invalid", "Tệp mốc không đúng định dạng daihoi-audit-anchor/1.")]
    signature = mac(key, canonical([anchor.get(k) for k in SIGNED]))
    if not hmac.compare_digest(signature, str(anchor.get("mac", ""))):
        return [
            Problem("anchor_bad_signature", f"Mốc #{seq}: chữ ký không khớp với khóa hiện tại.")
        ]
    if seq == 0:
        return []
    entry = AuditEntry.objects.filter(seq=seq).only("hash").first()
    if entry is None or entry.hash != anchor.get("head"):
        return [
            Problem(
                "anchor_mismatch",
                f"Mốc đã công bố #{seq} ({str(anchor.get('head'))[:16]}…) không còn trong "
                "chuỗi: nhật ký đã bị cắt hoặc tính lại sau khi công bố.",
                seq=seq,
            )
        ]
    return []


def check_printed(printed: str) -> list[Problem]:
    """A code typed back from paper minutes: "SEQ:HASH" (spaces ignored), unsigned."""
    seq_text, _sep, digest = "".join(printed.split()).lstrip("#").partition(":")
    if not seq_text.isdigit() or len(digest) != 64:
        return [
            Problem("printed_invalid", f"Mã in “{printed}” phải có dạng SỐ_MỤC:MÃ (64 chữ số hex).")
        ]
    entry = AuditEntry.objects.filter(seq=int(seq_text)).only("hash").first()
    if entry is None or entry.hash != digest.lower():
        return [
            Problem(
                "printed_mismatch",
                f"Mã in trên biên bản (mục #{seq_text}) không còn trong chuỗi: nhật ký đã bị "
                "cắt hoặc tính lại sau khi in.",
                seq=int(seq_text),
            )
        ]
    return []
