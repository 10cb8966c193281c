"""Pages of an uploaded scan: PDF (rendered with PDFium) or PNG / JPEG / TIFF images.

Every page comes out as a grey ``uint8`` image. The kind of file is told by
its first bytes, not by its name, so a renamed file still reads and a file
that only pretends to be a PDF is refused with a message naming it. A
scanner's PDF page is usually one JPEG covering the page: that JPEG is taken
and decoded as it is (about a tenth of the cost of rendering the page); any
other PDF page is rendered at ``dpi``. Images keep the resolution they were
scanned at (the reader measures the scale from the corner markers).

Before anything is rendered or decoded, each page's declared size is checked
(limits.py): a page far beyond an A4/A5 ballot is refused naming the file and
page, and a multi-page TIFF is decoded one page at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from daihoi.scanning.omr.limits import (
    check_page_mm,
    check_pixels,
    image_size,
    tiff_directories,
)
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
            for index in range(len(doc)):
                _check_pdf_page(doc, index, filename)
            return len(doc)
        finally:
            doc.close()
    if kind == "tiff":
        return _tiff_pages(data, filename)
    check_pixels(*image_size(data, kind, filename), filename, None)
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
        yield from _image_pages(data, filename, kind, first, last)


def _image_pages(
    data: bytes, filename: str, kind: str, first: int = 0, last: int | None = None
) -> Iterator[np.ndarray]:
    if kind != "tiff":
        if first == 0 and (last is None or last > 0):
            check_pixels(*image_size(data, kind, filename), filename, None)
            yield _decode_single(data, filename, kind, cv2.IMREAD_GRAYSCALE)
        return
    count = _tiff_pages(data, filename)  # every page's size checked before any is decoded
    buffer = np.frombuffer(data, np.uint8)
    for index in range(max(first, 0), count if last is None else min(last, count)):
        ok, pages = cv2.imdecodemulti(buffer, cv2.IMREAD_UNCHANGED, None, (index, index + 1))
        if not ok or len(pages) != 1:
            raise ScanFileError(
                f"Tệp «{filename}», trang {index + 1}: ảnh TIFF hỏng, không giải mã được.",
                filename,
                index + 1,
            )
        yield to_grey(pages[0])


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


def render_pdf_page(
    doc: pdfium.PdfDocument, index: int, dpi: int, *, embedded: bool = True, filename: str = "PDF"
) -> np.ndarray:
    """Page ``index`` (0-based) of an open PDF as grey uint8: the scanner's own JPEG when the
    page is just that (``embedded``), else rendered at ``dpi``. Refuses a page far beyond a
    ballot's size (ScanFileError) before rendering anything."""
    _check_pdf_page(doc, index, filename)
    page = doc[index]
    try:
        image = _embedded_jpeg(page, dpi, filename, index + 1) if embedded else None
        if image is not None:
            return image
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        return to_grey(bitmap.to_numpy().copy())
    finally:
        page.close()


def _check_pdf_page(doc: pdfium.PdfDocument, index: int, filename: str) -> None:
    width, height = doc.get_page_size(index)
    check_page_mm(width * 25.4 / 72, height * 25.4 / 72, filename, index + 1)


_GREY_OR_RGB = (pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_DEVICERGB)


def _embedded_jpeg(page: pdfium.PdfPage, dpi: int, filename: str, number: int) -> np.ndarray | None:
    """The page's one JPEG, decoded, when the page is nothing but an upright JPEG covering it
    (what a scanner writes); None for any other page (it is rendered instead)."""
    if page.get_rotation() != 0:
        return None
    objects = list(page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    if image.get_filters() != ["DCTDecode"]:
        return None
    m = image.get_matrix()
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:
        return None  # turned or mirrored: let PDFium draw it
    left, bottom, right, top = image.get_bounds()
    width, height = page.get_size()
    if (right - left) * (top - bottom) < 0.95 * width * height:
        return None
    meta = image.get_metadata()
    if meta.colorspace not in _GREY_OR_RGB:
        return None
    check_pixels(int(meta.width), int(meta.height), filename, number)
    scanned_dpi = meta.width / max((right - left) / 72, 1e-6)
    flags = cv2.IMREAD_REDUCED_GRAYSCALE_2 if scanned_dpi >= 1.9 * dpi else cv2.IMREAD_GRAYSCALE
    data = image.get_data(decode_simple=False)
    decoded = cv2.imdecode(np.frombuffer(bytes(data), np.uint8), flags)
    return None if decoded is None else to_grey(decoded)


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
                image = render_pdf_page(doc, index, dpi, filename=filename)
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
    """Count the pages of a TIFF, each page's size checked, without decoding any."""
    sizes = tiff_directories(data, filename, MAX_PAGES)
    for number, (width, height) in enumerate(sizes, start=1):
        check_pixels(width, height, filename, number)
    return len(sizes)
