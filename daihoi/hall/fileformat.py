"""The hall files: a ZIP holding `manifest.json` and `data.json`, signed with the package key.

Both files (package and return) are a contract documented in docs/hall.md. The
manifest names the format and version, the package id and the SHA-256 of
`data.json`; its `signature` is an HMAC-SHA256 under the package's key over the
canonical manifest without the signature. A file is read with hard limits (size
on disk, size unpacked, ratio, exactly the two parts, JSON depth) before anything
in it is trusted.
"""

import hashlib
import hmac
import io
import json
import zipfile

from daihoi.audit.chain import canonical

VERSION = 1
PACKAGE = "daihoi-hall-package"
RETURN = "daihoi-hall-return"
PARTS = ("manifest.json", "data.json")
MB = 1024 * 1024
MAX_FILE = 64 * MB  # a congress's counting (a few thousand ballots) is well under 10 MB
MAX_PART = 256 * MB
MAX_MANIFEST = MB  # a manifest is a few hundred bytes
MAX_RATIO = 100
MAX_DEPTH = 32


class HallFileError(ValueError):
    """The file is refused; `code` is stable (tests assert it), the message is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def sign(key: bytes, manifest: dict) -> str:
    body = {k: v for k, v in manifest.items() if k != "signature"}
    return hmac.new(key, canonical(body).encode("utf-8"), hashlib.sha256).hexdigest()


def write(kind: str, key: bytes, manifest: dict, data: dict) -> bytes:
    """The signed ZIP (deflated; the manifest first)."""
    body = canonical(data).encode("utf-8")
    manifest = {**manifest, "format": kind, "version": VERSION}
    manifest["data_sha256"] = hashlib.sha256(body).hexdigest()
    manifest["signature"] = sign(key, manifest)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", canonical(manifest))
        archive.writestr("data.json", body)
    return out.getvalue()


def _directory(content: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The archive and its two parts, from its directory alone (nothing unpacked yet)."""
    if len(content) > MAX_FILE:
        raise HallFileError("too_big", f"Tệp lớn quá {MAX_FILE // MB} MB.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        raise HallFileError(
            "not_zip", "Tệp không phải gói hội trường (không đọc được ZIP)."
        ) from None
    if sorted(i.filename for i in infos) != sorted(PARTS):
        raise HallFileError("parts", "Tệp phải có đúng hai phần manifest.json và data.json.")
    for info in infos:
        if info.flag_bits & 0x1:
            raise HallFileError("encrypted", "Tệp có đặt mật khẩu.")
        limit = MAX_MANIFEST if info.filename == "manifest.json" else MAX_PART
        if info.file_size > limit or info.file_size > MAX_RATIO * max(info.compress_size, MB):
            raise HallFileError("zip_bomb", f"Phần {info.filename} giải nén ra quá lớn.")
    return archive, infos


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise HallFileError("not_zip", f"Phần {info.filename} hỏng, không giải nén được.") from None
    if len(data) > info.file_size:
        raise HallFileError("zip_bomb", f"Phần {info.filename} lớn hơn kích thước khai báo.")
    return data


def _parts(content: bytes) -> dict[str, bytes]:
    archive, infos = _directory(content)
    return {info.filename: _unpack(archive, info) for info in infos}


def _depth(value, level: int = 0) -> int:
    if level > MAX_DEPTH:
        raise HallFileError("json_depth", "Dữ liệu JSON lồng nhau quá sâu.")
    if isinstance(value, dict):
        return max([_depth(v, level + 1) for v in value.values()], default=level)
    if isinstance(value, list):
        return max([_depth(v, level + 1) for v in value], default=level)
    return level


def _json(name: str, data: bytes):
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise HallFileError("bad_json", f"Phần {name} không phải JSON hợp lệ.") from None
    if not isinstance(value, dict):
        raise HallFileError("bad_json", f"Phần {name} phải là một đối tượng JSON.")
    _depth(value)
    return value


def _manifest(kind: str, data: bytes) -> dict:
    manifest = _json("manifest.json", data)
    if manifest.get("format") != kind:
        expected = "gói hội trường" if kind == PACKAGE else "kết quả hội trường"
        raise HallFileError("wrong_kind", f"Tệp không phải {expected}.")
    if manifest.get("version") != VERSION:
        raise HallFileError(
            "version",
            f"Phiên bản tệp {manifest.get('version')!r} không được hỗ trợ (chỉ {VERSION}).",
        )
    return manifest


def peek(kind: str, content: bytes) -> dict:
    """The manifest, after the limits read from the ZIP's directory and the format: what a
    web request can check at once. `data.json` is neither unpacked nor compared (`read`)."""
    archive, infos = _directory(content)
    [info] = [i for i in infos if i.filename == "manifest.json"]
    return _manifest(kind, _unpack(archive, info))


def read(kind: str, content: bytes) -> tuple[dict, dict, bytes]:
    """(manifest, data, data bytes), after the limits, the format and the data digest;
    the signature is checked by the caller, which knows the key (`check_signature`)."""
    parts = _parts(content)
    manifest = _manifest(kind, parts["manifest.json"])
    if hashlib.sha256(parts["data.json"]).hexdigest() != manifest.get("data_sha256"):
        raise HallFileError("data_changed", "Dữ liệu trong tệp đã bị sửa (mã băm không khớp).")
    return manifest, _json("data.json", parts["data.json"]), parts["data.json"]


def check_signature(key: bytes, manifest: dict) -> None:
    given = manifest.get("signature")
    if not isinstance(given, str) or not hmac.compare_digest(given, sign(key, manifest)):
        raise HallFileError(
            "bad_signature", "Chữ ký của tệp không hợp lệ: tệp bị sửa hoặc sai khóa gói."
        )
