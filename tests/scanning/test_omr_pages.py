"""Uploaded scan files become page images, or a clear error naming the file and page."""

import cv2
import numpy as np
import pytest

from daihoi.scanning.omr.pages import iter_pages, open_pdf, page_count, render_pdf_page
from daihoi.scanning.omr.types import ScanFileError
from daihoi.scanning.synthetic import scanned_pdf


def page(height=300, width=200, value=0):
    image = np.full((height, width), 255, np.uint8)
    cv2.rectangle(image, (20, 20), (60, 60), value, -1)
    return image


def encode(ext: str, image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(ext, image)
    assert ok
    return data.tobytes()


def test_it_takes_a_scanned_pdf_pages_own_jpeg_at_the_resolution_it_was_scanned():
    pdf = scanned_pdf([page(400, 300), page(500, 300, 80)], dpi=100)
    assert page_count(pdf, "hop1.pdf") == 2
    pages = list(iter_pages(pdf, "hop1.pdf", dpi=200))
    assert [p.shape for p in pages] == [(400, 300), (500, 300)]
    assert all(p.dtype == np.uint8 and p.ndim == 2 for p in pages)
    assert pages[0][40, 40] < 40 and pages[1][40, 40] > 60  # the squares, grey kept
    doc = open_pdf(pdf)
    drawn = render_pdf_page(doc, 0, 200, embedded=False)
    doc.close()
    assert drawn.shape == (800, 600)  # the same page drawn by PDFium at the asked resolution
    small = cv2.resize(drawn, (300, 400), interpolation=cv2.INTER_AREA)
    assert np.abs(small.astype(int) - pages[0]).mean() < 3


def test_a_pdf_page_that_is_not_one_jpeg_is_rendered_at_the_asked_resolution():
    from daihoi.elections.ballot_paper import render_ballot_pdf
    from tests.scanning.test_omr_reader import ballot

    (image,) = iter_pages(render_ballot_pdf(ballot(5, 3), page_size="A5"), "mau.pdf", dpi=100)
    assert image.shape == (827, 583)  # A5 at 100 dpi


def test_workers_can_each_render_their_own_range_of_pages():
    pdf = scanned_pdf([page(300 + 10 * i, 200) for i in range(5)], dpi=100)
    heights = [p.shape[0] // 10 for p in iter_pages(pdf, "hop.pdf", dpi=100, first=1, last=3)]
    assert heights == [31, 32]  # PDFium may round a pixel up
    assert [p.shape[0] // 10 for p in iter_pages(pdf, "hop.pdf", dpi=100, first=3)] == [33, 34]
    ok, tiff = cv2.imencodemulti(".tiff", [page(), page(310, 210), page(320, 220)])
    assert [p.shape for p in iter_pages(tiff.tobytes(), "hop.tif", first=2)] == [(320, 220)]


def test_it_reads_png_jpeg_and_every_page_of_a_multipage_tiff():
    assert [p.shape for p in iter_pages(encode(".png", page()), "a.png")] == [(300, 200)]
    assert [p.shape for p in iter_pages(encode(".jpg", page()), "a.jpg")] == [(300, 200)]
    ok, tiff = cv2.imencodemulti(".tiff", [page(), page(310, 210), page(320, 220)])
    assert ok
    assert page_count(tiff.tobytes(), "hop.tif") == 3
    assert [p.shape for p in iter_pages(tiff.tobytes(), "hop.tif")] == [
        (300, 200),
        (310, 210),
        (320, 220),
    ]


def test_it_turns_colour_and_16_bit_scans_into_grey_bytes():
    colour = cv2.cvtColor(page(), cv2.COLOR_GRAY2BGR)
    colour[100:120, 100:120] = (255, 0, 0)  # blue ink
    (grey,) = iter_pages(encode(".png", colour), "mau.png")
    assert grey.ndim == 2 and grey[110, 110] < 60
    deep = page().astype(np.uint16) * 257
    (grey,) = iter_pages(encode(".png", deep), "16bit.png")
    assert grey.dtype == np.uint8 and grey[40, 40] == 0 and grey[200, 150] == 255


def test_it_tells_the_kind_by_content_not_by_name():
    assert [p.shape for p in iter_pages(encode(".png", page()), "renamed.pdf")] == [(300, 200)]


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "rong.pdf", "rỗng"),
        (b"Bien ban kiem phieu\n", "ghichu.txt", "không phải PDF"),
        (b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF", "hong.pdf", "PDF hỏng"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "hong.png", "ảnh PNG hỏng"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "hong.jpg", "ảnh JPEG hỏng"),
        (b"II*\x00\xff\xff\x00\x00", "hong.tif", "ảnh TIFF hỏng"),
    ],
)
def test_it_refuses_a_broken_or_foreign_file_naming_it(data, name, words):
    with pytest.raises(ScanFileError) as caught:
        list(iter_pages(data, name))
    assert f"«{name}»" in str(caught.value) and words in str(caught.value)
    assert caught.value.filename == name
    with pytest.raises(ScanFileError):
        page_count(data, name)


def test_it_refuses_a_pdf_cut_short_in_the_upload():
    pdf = scanned_pdf([page(), page()])
    with pytest.raises(ScanFileError, match="«cut.pdf»"):
        list(iter_pages(pdf[: len(pdf) // 2], "cut.pdf"))
