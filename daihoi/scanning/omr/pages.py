"""Pages of an uploaded scan: PDF (rendered with PDFium) or PNG / JPEG / TIFF images.

Every page comes out as a grey ``uint8`` image. The kind of file is told by
its first bytes, not by its name, so a renamed file still reads and a file
that only pretends to be a PDF is refused with a message naming it. PDF pages
are rendered at ``dpi``; images keep the resolution they were scanned at (the
reader measures the scale from the corner markers).
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterator

import cv2
import numpy as np
import pypdfium2 as pdfium

from daihoi.scanning.omr.types import ScanFileError

_KINDS = (
    (b"%PDF", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_EXPECTED = "PDF hoặc ảnh quét PNG, JPEG, TIFF"
MAX_PAGES = 5000  # a box of ballots is a few hundred; more is a wrong file


def file_kind(data: bytes, filename: str) -> str:
    """ "pdf", "png", "jpeg" or "tiff" from the first bytes; ScanFileError otherwise."""
    if not data:
        raise ScanFileError(f"Tệp «{filename}» rỗng (0 byte).", filename)
    head = data[:1024]
    for magic, kind in _KINDS:
        if head.startswith(magic) or (kind == "pdf" and magic in head):
            return kind
    raise ScanFileError(
        f"Tệp «{filename}» không phải {_EXPECTED}; không đọc được phiếu nào trong tệp.", filename
    )


def page_count(data: bytes, filename: str) -> int:
    """How many pages ``iter_pages`` will give, without decoding them (ScanFileError if broken)."""
    kind = file_kind(data, filename)
    if kind == "pdf":
        doc = _open_pdf(data, filename)
        try:
            return len(doc)
        finally:
            doc.close()
    if kind == "tiff":
        return _tiff_pages(data, filename)
    _decode_single(data, filename, kind, cv2.IMREAD_REDUCED_GRAYSCALE_8)
    return 1


def iter_pages(
    data: bytes, filename: str, dpi: int = 200, *, first: int = 0, last: int | None = None
) -> Iterator[np.ndarray]:
    """Grey uint8 page images, in file order (ScanFileError names the file and the page).

    ``first``/``last`` (0-based, ``last`` excluded) pick a range of pages, so that worker
    processes can each render their own share of one PDF."""
    kind = file_kind(data, filename)
    if kind == "pdf":
        yield from _pdf_pages(data, filename, dpi, first, last)
    else:
        yield from itertools.islice(_image_pages(data, filename, kind), first, last)


def _image_pages(data: bytes, filename: str, kind: str) -> Iterator[np.ndarray]:
    if kind != "tiff":
        yield _decode_single(data, filename, kind, cv2.IMREAD_GRAYSCALE)
        return
    count = _tiff_pages(data, filename)
    ok, pages = cv2.imdecodemulti(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if not ok or not pages:
        raise ScanFileError(f"Tệp «{filename}» là ảnh TIFF hỏng, không giải mã được.", filename)
    if len(pages) < count:
        raise ScanFileError(
            f"Tệp «{filename}», trang {len(pages) + 1}: ảnh TIFF hỏng, không giải mã được "
            f"(đọc được {len(pages)}/{count} trang).",
            filename,
            len(pages) + 1,
        )
    for image in pages:
        yield to_grey(image)


def to_grey(image: np.ndarray) -> np.ndarray:
    """Any decoded image (grey, BGR, BGRA; 8 or 16 bit; bilevel) as grey uint8."""
    if image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    elif image.dtype == bool:
        image = image.astype(np.uint8) * 255
    elif image.dtype != np.uint8:
        image = cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim == 3:
        code = cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY
        image = cv2.cvtColor(image, code)
    return np.ascontiguousarray(image)


def render_pdf_page(doc: pdfium.PdfDocument, index: int, dpi: int) -> np.ndarray:
    """Page ``index`` (0-based) of an open PDF as grey uint8 at ``dpi``."""
    page = doc[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        return to_grey(bitmap.to_numpy().copy())
    finally:
        page.close()


def open_pdf(data: bytes, filename: str = "PDF") -> pdfium.PdfDocument:
    """An open PDFium document (ScanFileError when it cannot be read)."""
    return _open_pdf(data, filename)


def _open_pdf(data: bytes, filename: str) -> pdfium.PdfDocument:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        text = str(error)
        if "password" in text.lower():
            raise ScanFileError(
                f"Tệp «{filename}» là PDF có mật khẩu; hãy xuất lại bản quét không đặt mật khẩu.",
                filename,
            ) from error
        raise ScanFileError(
            f"Tệp «{filename}» là PDF hỏng hoặc chưa tải lên hết, không đọc được ({text}).",
            filename,
        ) from error
    count = len(doc)
    if count == 0 or count > MAX_PAGES:
        doc.close()
        what = "không có trang nào" if count == 0 else f"có {count} trang, quá {MAX_PAGES}"
        raise ScanFileError(f"Tệp «{filename}» {what}.", filename)
    return doc


def _pdf_pages(
    data: bytes, filename: str, dpi: int, first: int = 0, last: int | None = None
) -> Iterator[np.ndarray]:
    doc = _open_pdf(data, filename)
    try:
        stop = len(doc) if last is None else min(last, len(doc))
        for index in range(max(first, 0), stop):
            try:
                image = render_pdf_page(doc, index, dpi)
            except pdfium.PdfiumError as error:
                raise ScanFileError(
                    f"Tệp «{filename}», trang {index + 1}: không dựng được ảnh trang ({error}).",
                    filename,
                    index + 1,
                ) from error
            yield image
    finally:
        doc.close()


def _decode_single(data: bytes, filename: str, kind: str, flags: int) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if image is None or image.size == 0:
        raise ScanFileError(
            f"Tệp «{filename}» là ảnh {kind.upper()} hỏng hoặc chưa tải lên hết, "
            "không giải mã được.",
            filename,
        )
    return to_grey(image)


def _tiff_pages(data: bytes, filename: str) -> int:
    """Count the image directories of a TIFF by walking its IFD chain (no decoding)."""
    order = "<" if data[:2] == b"II" else ">"
    broken = ScanFileError(f"Tệp «{filename}» là ảnh TIFF hỏng, không đọc được.", filename)
    if len(data) < 8:
        raise broken
    offset = struct.unpack(order + "I", data[4:8])[0]
    seen: set[int] = set()
    while offset:
        if offset in seen or offset + 2 > len(data) or len(seen) >= MAX_PAGES:
            raise broken
        seen.add(offset)
        entries = struct.unpack(order + "H", data[offset : offset + 2])[0]
        end = offset + 2 + entries * 12
        if end + 4 > len(data):
            raise broken
        offset = struct.unpack(order + "I", data[end : end + 4])[0]
    if not seen:
        raise broken
    return len(seen)
