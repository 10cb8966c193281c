"""Bounds on what a clerk may upload into the congress file: size, type by content
(not by the name the browser sends), and a safe stored name."""

import hashlib
import io
import zipfile

from django.core.exceptions import ValidationError

MAX_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_EXPANDED = 200 * 1024 * 1024

# extension -> the file's first bytes
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def _check_docx(content: bytes) -> None:
    """A .docx is a ZIP: refuse a bomb or a ZIP that is not a Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            infos = z.infolist()
            if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_ZIP_EXPANDED:
                raise ValidationError("Tệp Word quá lớn khi giải nén.")
            if "word/document.xml" not in z.namelist():
                raise ValidationError("Tệp .docx không phải văn bản Word.")
    except zipfile.BadZipFile as exc:
        raise ValidationError("Tệp .docx bị hỏng.") from exc


def checked_upload(uploaded) -> tuple[bytes, str, str]:
    """(content, extension, sha256) of an acceptable upload; else ValidationError naming why."""
    if uploaded is None:
        raise ValidationError("Chưa chọn tệp.")
    if uploaded.size > MAX_BYTES:
        raise ValidationError(f"Tệp {uploaded.name!s} lớn hơn 20 MB.")
    content = uploaded.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ValidationError(f"Tệp {uploaded.name!s} lớn hơn 20 MB.")
    if not content:
        raise ValidationError(f"Tệp {uploaded.name!s} rỗng.")
    ext = next(
        (e for e, sigs in SIGNATURES.items() if any(content.startswith(s) for s in sigs)), None
    )
    if ext is None:
        raise ValidationError(
            f"Tệp {uploaded.name!s}: chỉ nhận PDF, Word (.docx), JPG hoặc PNG (theo nội dung tệp)."
        )
    if ext == "docx":
        _check_docx(content)
    return content, ext, hashlib.sha256(content).hexdigest()
