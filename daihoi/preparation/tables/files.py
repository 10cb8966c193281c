"""Where uploaded files go, and what may be uploaded.

Files are served only through views that check access (never from MEDIA_URL):
a draft under comment or a task's evidence is not public. The stored name
starts with a random part so that names cannot be guessed or collide.
"""

import os
import secrets

from django.core.exceptions import ValidationError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# Signatures of the formats we accept: what the first bytes must be.
MAGIC = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
DRAFT_TYPES = (".docx", ".pdf")
EVIDENCE_TYPES = (".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg")
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def _name(folder: str, filename: str) -> str:
    base, ext = os.path.splitext(os.path.basename(filename))
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in base)[:60] or "tep"
    return f"preparation/{folder}/{secrets.token_hex(6)}-{safe}{ext.lower()}"


def plan_file_path(instance, filename: str) -> str:
    return _name("plans", filename)


def evidence_path(instance, filename: str) -> str:
    return _name("evidence", filename)


def draft_path(instance, filename: str) -> str:
    return _name("drafts", filename)


def check_upload(upload, allowed: tuple[str, ...], label: str) -> str:
    """The extension of an acceptable upload; a Vietnamese error naming the field otherwise."""
    ext = os.path.splitext(upload.name or "")[1].lower()
    if ext not in allowed:
        kinds = ", ".join(a.lstrip(".").upper() for a in allowed)
        raise ValidationError(f"{label}: chỉ nhận tệp {kinds} (tệp đã chọn: {upload.name}).")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(f"{label}: tệp lớn hơn 20 MB.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in MAGIC[ext]):
        raise ValidationError(f"{label}: nội dung tệp không phải {ext.lstrip('.').upper()}.")
    return ext
