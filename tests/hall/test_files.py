"""Hostile or foreign files are refused before anything in them is trusted."""

import io
import json
import zipfile

import pytest

from daihoi.hall import fileformat
from daihoi.hall.fileformat import HallFileError

KEY = bytes(range(16))


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def _refused(content: bytes, kind=fileformat.PACKAGE) -> str:
    with pytest.raises(HallFileError) as error:
        manifest, _data, _ = fileformat.read(kind, content)
        fileformat.check_signature(KEY, manifest)
    return error.value.code


def test_it_reads_back_what_it_signed():
    content = fileformat.write(fileformat.PACKAGE, KEY, {"package_id": "x"}, {"rows": {}})
    manifest, data, _ = fileformat.read(fileformat.PACKAGE, content)
    fileformat.check_signature(KEY, manifest)
    assert (manifest["version"], data) == (1, {"rows": {}})


def test_it_refuses_a_package_where_a_return_is_expected():
    content = fileformat.write(fileformat.PACKAGE, KEY, {"package_id": "x"}, {})
    assert _refused(content, fileformat.RETURN) == "wrong_kind"


def test_it_refuses_an_unknown_version():
    manifest = {"format": fileformat.PACKAGE, "version": 2}
    assert _refused(_zip({"manifest.json": json.dumps(manifest), "data.json": b"{}"})) == "version"


def test_it_refuses_a_zip_bomb():
    """110 MB of spaces packed into ~110 KB: over the ratio (streamed, never held whole)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"{}")
        with archive.open("data.json", "w") as part:
            for _ in range(110):
                part.write(b" " * (1024 * 1024))
    content = out.getvalue()
    assert len(content) < 1024 * 1024
    assert _refused(content) == "zip_bomb"


def test_it_refuses_malformed_and_deep_json():
    assert _refused(_zip({"manifest.json": b"{nope", "data.json": b"{}"})) == "bad_json"
    deep = b"[" * 100 + b"]" * 100
    assert _refused(_zip({"manifest.json": b'{"a": ' + deep + b"}", "data.json": b"{}"})) == (
        "json_depth"
    )


def test_it_refuses_extra_parts_and_non_zip():
    parts = {"manifest.json": b"{}", "data.json": b"{}", "evil.sh": b"rm -rf /"}
    assert _refused(_zip(parts)) == "parts"
    assert _refused(b"PK\x03\x04 truncated") == "not_zip"


def test_it_refuses_a_changed_data_part_and_a_wrong_key():
    content = fileformat.write(fileformat.PACKAGE, KEY, {"package_id": "x"}, {"a": 1})
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        manifest = archive.read("manifest.json")
    assert _refused(_zip({"manifest.json": manifest, "data.json": b'{"a": 2}'})) == "data_changed"
    manifest, _, _ = fileformat.read(fileformat.PACKAGE, content)
    with pytest.raises(HallFileError) as error:
        fileformat.check_signature(bytes(16), manifest)
    assert error.value.code == "bad_signature"
