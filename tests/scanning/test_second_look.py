"""A PDF page refused from the scanner's own JPEG is drawn by PDFium and read once more."""

import numpy as np

from daihoi.scanning import reading
from daihoi.scanning.omr.types import PageStatus
from daihoi.scanning.reading import PageResult


def test_an_unreadable_pdf_page_gets_a_second_look_rendered(monkeypatch):
    rendered = []

    def fake_render(doc, index, dpi, *, embedded=True, filename="PDF"):
        rendered.append((index, embedded))
        return np.full((10, 10), 255, np.uint8)

    answers = iter([PageResult("", 0, PageStatus.OK)])
    monkeypatch.setattr(reading, "read_image", lambda image, templates, dpi: next(answers))
    monkeypatch.setattr("daihoi.scanning.omr.pages.render_pdf_page", fake_render)
    monkeypatch.setattr(
        "daihoi.scanning.omr.pages.open_pdf",
        lambda data, name: type("Doc", (), {"close": lambda self: None})(),
    )
    refused = PageResult("", 0, PageStatus.UNREADABLE, message="x")
    again = reading._second_look(refused, {"a.pdf": b"%PDF-1.7"}, "a.pdf", 3, None, 200)
    assert again.status == PageStatus.OK and rendered == [(2, False)]


def test_images_and_readable_pages_are_not_read_twice(monkeypatch):
    monkeypatch.setattr(reading, "read_image", lambda *a: (_ for _ in ()).throw(AssertionError))
    ok = PageResult("", 0, PageStatus.OK)
    assert reading._second_look(ok, {"a.pdf": b"%PDF"}, "a.pdf", 1, None, 200) is ok
    refused = PageResult("", 0, PageStatus.UNREADABLE)
    assert reading._second_look(refused, {"a.png": b"\x89PNG"}, "a.png", 1, None, 200) is refused
