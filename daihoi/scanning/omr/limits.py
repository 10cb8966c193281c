"""Bounds on what an uploaded scan may ask the reader to decode (memory bombs).

A ballot is an A4 or A5 sheet. A file can declare a page or an image of any
size in a few hundred bytes (a PDF page of 14,400 pt, a PNG of 30,000² px
that compresses to under a megabyte), and decoding it would take gigabytes.
So the size is read from the file's own headers, before anything is rendered
or decoded, and a page far beyond a ballot is refused with a message naming
the file and the page. Nothing here decodes pixels.

``limit_memory`` caps the address space of a reading process (the worker
processes of ``daihoi scan`` and of the job queue), so that a file that slips
past these checks ends in a ``MemoryError`` for its job, not in a machine out
of memory.
"""

from __future__ import annotations

import os
import struct

from daihoi.memory_cap import cap_address_space
from daihoi.scanning.omr.types import ScanFileError

# A3 with room to spare: a ballot is A4 (210 × 297 mm) or A5, scanned with a margin.
MAX_PAGE_MM = (330.0, 450.0)  # short side, long side
# A4 scanned at 600 dpi is 35 M pixels; a ballot never needs more than that.
MAX_PIXELS = 50_000_000
MAX_SIDE_PX = 12_000
MEMORY_ENV = "DAIHOI_SCAN_MEMORY_MB"
DEFAULT_MEMORY_MB = 3072


def _where(filename: str, page: int | None) -> str:
    return f"Tệp «{filename}»" + (f", trang {page}" if page else "")


def check_page_mm(width_mm: float, height_mm: float, filename: str, page: int) -> None:
    """Refuse a PDF page whose declared size is far beyond a ballot's."""
    short, long = sorted((width_mm, height_mm))
    if short > 0 and short <= MAX_PAGE_MM[0] and long <= MAX_PAGE_MM[1]:
        return
    raise ScanFileError(
        f"{_where(filename, page)}: khổ trang {width_mm:.0f} × {height_mm:.0f} mm, quá lớn "
        f"cho một phiếu bầu (khổ A4 hoặc A5; tối đa {MAX_PAGE_MM[0]:.0f} × "
        f"{MAX_PAGE_MM[1]:.0f} mm). Không đọc tệp này; hãy quét lại phiếu ở khổ thật.",
        filename,
        page,
    )


def check_pixels(width: int, height: int, filename: str, page: int | None) -> None:
    """Refuse an image whose declared pixel size is far beyond a scanned ballot's."""
    if 0 < width <= MAX_SIDE_PX and 0 < height <= MAX_SIDE_PX and width * height <= MAX_PIXELS:
        return
    raise ScanFileError(
        f"{_where(filename, page)}: ảnh {width} × {height} điểm ảnh, quá lớn cho một phiếu "
        f"bầu quét (tối đa {MAX_PIXELS // 1_000_000} triệu điểm ảnh, mỗi cạnh "
        f"{MAX_SIDE_PX} điểm; khổ A4 quét 600 dpi là 35 triệu). Không đọc tệp này; hãy quét "
        "lại ở 200–300 dpi.",
        filename,
        page,
    )


def image_size(data: bytes, kind: str, filename: str) -> tuple[int, int]:
    """(width, height) of a PNG or JPEG from its header; ScanFileError when there is none."""
    size = _png_size(data) if kind == "png" else _jpeg_size(data)
    if size is None:
        raise ScanFileError(
            f"Tệp «{filename}» là ảnh {kind.upper()} hỏng hoặc chưa tải lên hết, không đọc được "
            "kích thước ảnh.",
            filename,
        )
    return size


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The frame header's size, walking the JPEG's markers (no decoding)."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker in _SOF:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if marker in (0xD9, 0xDA) or length < 2:
            return None
        at += 2 + length
    return None


def tiff_directories(data: bytes, filename: str, most: int) -> list[tuple[int, int]]:
    """(width, height) of every page of a TIFF, walking its directory chain (no decoding)."""
    order = "<" if data[:2] == b"II" else ">"
    broken = ScanFileError(f"Tệp «{filename}» là ảnh TIFF hỏng, không đọc được.", filename)
    if len(data) < 8:
        raise broken
    offset = struct.unpack(order + "I", data[4:8])[0]
    seen: set[int] = set()
    sizes = []
    while offset:
        if offset in seen or offset + 2 > len(data) or len(seen) >= most:
            raise broken
        seen.add(offset)
        entries = struct.unpack(order + "H", data[offset : offset + 2])[0]
        end = offset + 2 + entries * 12
        if end + 4 > len(data):
            raise broken
        tags = {}
        for at in range(offset + 2, end, 12):
            tag, kind = struct.unpack(order + "HH", data[at : at + 4])
            if tag in (256, 257):
                fmt = "H" if kind == 3 else "I"
                tags[tag] = struct.unpack(
                    order + fmt, data[at + 8 : at + 8 + struct.calcsize(fmt)]
                )[0]
        sizes.append((tags.get(256, 0), tags.get(257, 0)))
        offset = struct.unpack(order + "I", data[end : end + 4])[0]
    if not sizes:
        raise broken
    return sizes


def limit_memory(megabytes: int | None = None) -> int:
    """Cap this process's address space (``DAIHOI_SCAN_MEMORY_MB``, default 3 GB); returns
    the cap in MB, 0 where the system cannot cap it. Call it in a reading worker only."""
    return cap_address_space(megabytes or int(os.environ.get(MEMORY_ENV, DEFAULT_MEMORY_MB)))
