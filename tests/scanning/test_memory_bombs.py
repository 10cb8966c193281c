"""Issue 16.4: files that declare huge pages are refused before anything is decoded, multi-page
TIFFs are decoded one page at a time, and a reading process's memory is capped."""

import io
import struct
import subprocess
import sys
import zlib

import cv2
import numpy as np
import pytest
from django.core.management import CommandError, call_command

from daihoi.scanning.models import ScanBatch
from daihoi.scanning.omr.limits import MAX_PIXELS
from daihoi.scanning.omr.pages import iter_pages, page_count
from daihoi.scanning.omr.types import ScanFileError


def tiny_pdf(pages: int, side_pt: int) -> bytes:
    """A valid PDF of ``pages`` empty pages of ``side_pt`` × ``side_pt`` points, a few hundred bytes."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    bodies = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        f"<</Type/Pages/Kids[{kids}]/Count {pages}>>".encode(),
    ]
    bodies += [f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {side_pt} {side_pt}]>>".encode()] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj".encode() + body + b"endobj\n"
    xref = len(out)
    out += f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer<</Size {len(bodies) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF".encode()
    return bytes(out)


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` grey pixels: a row of zeros compressed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(
        b"\x00" * (width + 1) * 64, 9
    )  # the first rows only: enough to lure a decoder
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def test_a_few_hundred_bytes_of_pdf_with_huge_pages_is_refused_naming_file_and_page():
    bomb = tiny_pdf(5, 14_400)
    assert len(bomb) < 700
    with pytest.raises(
        ScanFileError, match=r"«bom\.pdf», trang 1: khổ trang 5080 × 5080 mm"
    ) as found:
        page_count(bomb, "bom.pdf")
    assert found.value.page == 1
    with pytest.raises(ScanFileError, match="trang 1"):
        next(iter_pages(bomb, "bom.pdf"))


def test_an_oversized_page_after_good_ones_is_named_by_its_number():
    a4 = tiny_pdf(1, 595)
    assert page_count(a4, "a4.pdf") == 1
    mixed = tiny_pdf(3, 842).replace(b"[0 0 842 842]", b"[0 0 842 842]", 2)
    last = mixed.rfind(b"[0 0 842 842]")
    mixed = mixed[:last] + b"[0 0 842 9999]" + mixed[last + 13 :]
    with pytest.raises(ScanFileError, match="trang 3"):
        page_count(mixed, "hop.pdf")


def test_a_png_declaring_thirty_thousand_pixels_a_side_is_refused_before_decoding():
    bomb = png_declaring(30_000, 30_000)
    assert len(bomb) < 2_000_000
    with pytest.raises(ScanFileError, match=r"«bom\.png».*30000 × 30000 điểm ảnh"):
        page_count(bomb, "bom.png")
    with pytest.raises(ScanFileError, match="30000 × 30000"):
        next(iter_pages(bomb, "bom.png"))


def test_a_jpeg_and_a_tiff_page_beyond_the_pixel_bound_are_refused_from_their_headers():
    ok, jpeg = cv2.imencode(".jpg", np.full((16, 16), 255, np.uint8))
    data = bytearray(jpeg.tobytes())
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 20_000, 20_000)
    with pytest.raises(ScanFileError, match="20000 × 20000"):
        page_count(bytes(data), "bom.jpg")
    pages = [np.full((40, 30), 255, np.uint8)] * 3
    ok, tiff = cv2.imencodemulti(".tiff", pages)
    side = int(MAX_PIXELS**0.5) + 1000
    forged = _tiff_with_size(tiff.tobytes(), page=3, width=side, height=side)
    with pytest.raises(ScanFileError, match=r"«hop\.tif», trang 3"):
        page_count(forged, "hop.tif")
    with pytest.raises(ScanFileError, match="trang 3"):
        next(iter_pages(forged, "hop.tif"))  # refused before page 1 is decoded


def _tiff_with_size(data: bytes, page: int, width: int, height: int) -> bytes:
    out = bytearray(data)
    order = "<" if data[:2] == b"II" else ">"
    offset = struct.unpack(order + "I", data[4:8])[0]
    for _ in range(page - 1):
        entries = struct.unpack(order + "H", data[offset : offset + 2])[0]
        offset = struct.unpack(
            order + "I", data[offset + 2 + 12 * entries : offset + 6 + 12 * entries]
        )[0]
    entries = struct.unpack(order + "H", data[offset : offset + 2])[0]
    for at in range(offset + 2, offset + 2 + 12 * entries, 12):
        tag, kind = struct.unpack(order + "HH", data[at : at + 4])
        if tag in (256, 257):
            value = width if tag == 256 else height
            out[at + 2 : at + 8] = struct.pack(order + "HI", 4, 1)
            out[at + 8 : at + 12] = struct.pack(order + "I", value)
    return bytes(out)


PEAK = """
import resource, sys, cv2, numpy as np
from daihoi.scanning.omr.pages import iter_pages
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for image in iter_pages(data, "hop.tif"):
    assert image.shape == (4000, 3000)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_a_sixteen_page_tiff_is_decoded_one_page_at_a_time(tmp_path):
    page = np.full((4000, 3000), 255, np.uint8)  # 12 MB decoded; 16 of them 192 MB
    cv2.putText(page, "16", (500, 2000), cv2.FONT_HERSHEY_SIMPLEX, 20, 0, 40)
    ok, tiff = cv2.imencodemulti(".tiff", [page] * 16)
    path = tmp_path / "hop.tif"
    path.write_bytes(tiff.tobytes())
    assert path.stat().st_size < 5_000_000
    out = subprocess.run(
        [sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, check=True
    )
    grown_mb = int(out.stdout.strip())
    assert grown_mb < 16 * 12 / 3, f"peak grew by {grown_mb} MB: pages decoded together"


CAPPED = """
import sys
from daihoi.scanning.omr.limits import limit_memory
print(limit_memory(int(sys.argv[1])), flush=True)
try:
    block = bytearray(1024 * 1024 * 2 * int(sys.argv[1]))
except MemoryError:
    print("MemoryError")
"""


def test_a_reading_process_cannot_grow_past_its_memory_cap():
    out = subprocess.run(
        [sys.executable, "-c", CAPPED, "1024"], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["1024", "MemoryError"]


def test_the_scan_workers_cap_their_memory(monkeypatch):
    from daihoi.scanning import pool
    from daihoi.scanning.omr import limits

    capped = []
    monkeypatch.setattr(limits, "limit_memory", lambda mb=None: capped.append(mb) or 1)
    pool._init_worker(None, 200, [])
    pool._close()
    assert capped == [None]


@pytest.mark.django_db
def test_the_cli_refuses_a_pdf_bomb_naming_file_and_page(batch, tmp_path):
    path = tmp_path / "hop-bom.pdf"
    path.write_bytes(tiny_pdf(5, 14_400))
    with pytest.raises(CommandError, match=r"«hop-bom\.pdf», trang 1: khổ trang"):
        call_command("scan", str(batch.election.pk), str(path), workers=1, stdout=io.StringIO())
    assert not ScanBatch.objects.exists()


def test_a_tiny_pdf_helper_builds_a_valid_file():
    assert page_count(tiny_pdf(2, 595), "a.pdf") == 2
