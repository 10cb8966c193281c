"""Read uploaded files page by page with the OMR reader; no database here.

The web upload reads in one background thread; ``daihoi scan`` reads with a
pool of processes (``pool.py``). Results come back in page order. This module
imports no Django: the worker processes import it on their own.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import cv2
import numpy as np

from daihoi.scanning.omr.types import PageStatus, ScanFileError

from .sizes import ElectionTemplates

DPI = 200  # pages are rendered and read at this resolution
# The aligned page is kept at 150 dpi (a pen stroke is still 2–4 pixels wide) as a grey
# JPEG: about 100 kB a ballot, a third of a 200 dpi copy of a noisy scan. Nothing is
# whitened or cleaned, so a person sees every faint mark the reader saw.
IMAGE_DPI = 150
JPEG_QUALITY = 75
# Refusals after which the other paper size is worth a try: the code was not where expected.
RETRY_OTHER_SIZE = {PageStatus.NO_CODE, PageStatus.UNREADABLE}

File = tuple[str, bytes]  # (file name, content)


@dataclass
class PageResult:
    file_name: str
    file_page: int
    status: str
    message: str = ""
    payload: str = ""
    flags: tuple[str, ...] = ()
    rows: list[dict] = field(default_factory=list)
    image: bytes | None = None
    dpi: int = IMAGE_DPI  # of the stored image, to which the crops refer
    size: str = ""

    @property
    def needs_person(self) -> bool:
        from .content import flagged

        return self.status == PageStatus.OK and (
            flagged(self.flags) or any(r["uncertain"] for r in self.rows)
        )


def count_pages(files: Iterable[File]) -> int:
    """The pages of all files; raises ScanFileError (naming the file) on a corrupt one."""
    from daihoi.scanning.omr.pages import page_count

    total = 0
    for name, data in files:
        total += page_count(data, name)
    return total


def read_image(image: np.ndarray, templates: ElectionTemplates, dpi: int = DPI) -> PageResult:
    """One page through the reader with the scan's paper size (``templates``' first); another
    size only when the first does not even find the code (then only an "ok" reading wins)."""
    from daihoi.scanning.omr.reader import read_page

    first = None
    for size, template in templates.by_size:
        reading = read_page(image, template, dpi=dpi)
        if first is None:
            first = (reading, size)
        if not _size_may_help(reading, templates.payload):
            if _size_may_help(first[0], templates.payload) and reading.status != PageStatus.OK:
                break  # the other size found nothing better: keep the first answer
            return _result(reading, size)
    return _result(*first)


def _size_may_help(reading, payload: str) -> bool:
    """A refusal another paper size might undo: the code not found where this layout has it,
    the page refused as of another size, or this ballot's own code on a layout that does
    not fit it."""
    if reading.status in RETRY_OTHER_SIZE:
        return True
    return reading.status == PageStatus.WRONG_BALLOT and reading.payload == payload


# A4 and A5 ballots carry the same code, and the reader takes the scale from the page
# itself: read with the other size's template, a page can come back "ok" with every
# row misplaced. Such readings are not clean (the printed names do not cancel out: ink
# outside the rows, rows unsure) on most pages, so the first pages of a scan are read
# with every size and the size with the cleanest readings is used for the whole scan.
SIZE_PROBE_PAGES = 3


def _unclean(result: PageResult, payload: str) -> int:
    if result.status == PageStatus.OK:
        from .content import flagged

        return 10 * flagged(result.flags) + sum(1 for r in result.rows if r["uncertain"])
    return 50 if _size_may_help(result, payload) else 0


def _unclean_all(results: list[PageResult], payload: str) -> int:
    return sum(_unclean(r, payload) for r in results)


def choose_size(images: list[np.ndarray], templates: ElectionTemplates, dpi: int = DPI):
    """(templates with the chosen size first, the readings of ``images`` in that size): the
    size whose readings are cleanest (fewest refusals, flags, unsure rows), the preferred one
    on a tie.

    Reading a page with the wrong size's template costs the most (the markers do not fit, the
    code is then searched on the whole page: ~120 ms), so the preferred size's pages are read
    one by one: all clean, no other size can beat it; once one is not, the other sizes are
    read, and the preferred size's remaining pages only if it can still win."""
    if len(templates.by_size) == 1 or not images:
        return templates, [read_image(image, templates, dpi) for image in images]
    preferred, payload = templates.preferred, templates.payload
    mine: list[PageResult] = []
    for image in images:
        mine.append(read_image(image, templates.only(preferred), dpi))
        if _unclean_all(mine, payload):
            break
    else:
        return templates.first(preferred), mine
    others = {
        size: [read_image(image, templates.only(size), dpi) for image in images]
        for size, _ in templates.by_size[1:]
    }
    scores = {size: _unclean_all(results, payload) for size, results in others.items()}
    if min(scores.values()) >= _unclean_all(mine, payload):  # the preferred size may still win
        mine += [read_image(image, templates.only(preferred), dpi) for image in images[len(mine) :]]
    # Unless all its pages were read, the preferred size's score here is a part of its own,
    # already above another size's: it cannot win.
    scores = {preferred: _unclean_all(mine, payload), **scores}
    best = min(scores, key=lambda size: (scores[size], size != preferred))
    return templates.first(best), mine if best == preferred else others[best]


def _result(reading, size: str) -> PageResult:
    """The reading as plain data; crops refer to the stored image (``IMAGE_DPI``)."""
    ok = reading.status == PageStatus.OK
    scale = IMAGE_DPI / reading.dpi
    rows = [
        {
            "position": r.position,
            "mark": str(r.mark),
            "confidence": round(float(r.confidence), 4),
            "uncertain": bool(r.uncertain),
            "crop": [round(int(v) * scale) for v in r.crop],
            "reason": r.reason,  # why a person must decide (omr.types.REASONS), "" if sure
        }
        for r in reading.rows
    ]
    return PageResult(
        file_name="",
        file_page=0,
        status=str(reading.status),
        message=reading.message,
        payload=reading.payload,
        flags=tuple(reading.flags),
        rows=rows if ok else [],
        image=encode(reading.aligned, scale) if ok and reading.aligned is not None else None,
        dpi=IMAGE_DPI,
        size=size if ok else "",
    )


def encode(image: np.ndarray, scale: float = 1.0) -> bytes:
    """The aligned page as a grey JPEG, scaled by ``scale``."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if scale != 1.0:
        # Bilinear, not area averaging: at 3/4 every source pixel still weighs at least a
        # third in the pixel nearest it (a 2-pixel pen line stays visible), for a quarter of
        # the cost (OpenCV's area resize has no fast path for 3/4: ~11 ms of ~90 per page).
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    ok, data = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 array
        raise RuntimeError("could not encode the aligned page")
    return data.tobytes()


def iter_images(files: Iterable[File], dpi: int = DPI) -> Iterator[tuple[str, int, np.ndarray]]:
    from daihoi.scanning.omr.pages import iter_pages

    for name, data in files:
        for number, image in enumerate(iter_pages(data, name, dpi=dpi), start=1):
            yield name, number, image


def read_files(
    files: list[File],
    templates: ElectionTemplates,
    *,
    workers: int = 1,
    dpi: int = DPI,
    progress: Callable[[int], None] | None = None,
) -> Iterator[PageResult]:
    """Every page of ``files`` read, in order. ``progress(done)`` after each page."""
    done = 0
    for result in _results(files, templates, workers, dpi):
        done += 1
        if progress:
            progress(done)
        yield result


def _results(files, templates, workers: int, dpi: int) -> Iterator[PageResult]:
    if workers > 1:
        from .pool import pool_results

        yield from pool_results(files, templates, workers, dpi)
        return
    images = iter_images(files, dpi)
    probe = list(itertools.islice(images, SIZE_PROBE_PAGES))
    templates, probed = choose_size([image for _, _, image in probe], templates, dpi)
    data = dict(files)
    for (name, number, _), result in zip(probe, probed, strict=True):
        yield located(_second_look(result, data, name, number, templates, dpi), name, number)
    for name, number, image in images:
        result = read_image(image, templates, dpi)
        yield located(_second_look(result, data, name, number, templates, dpi), name, number)


def _second_look(result, data, name, number, templates, dpi) -> PageResult:
    """A PDF page refused as unreadable from the scanner's own JPEG (decoded at reduced size
    when it is far finer than ``dpi``) is drawn by PDFium at ``dpi`` and read once more:
    what a fast path cannot read must not be refused for the fast path's sake."""
    unsure = (PageStatus.UNREADABLE, PageStatus.NO_CODE)
    if result.status not in unsure or not data.get(name, b"").startswith(b"%PDF"):
        return result
    from daihoi.scanning.omr.pages import open_pdf, render_pdf_page

    doc = open_pdf(data[name], name)
    try:
        image = render_pdf_page(doc, number - 1, dpi, embedded=False, filename=name)
    finally:
        doc.close()
    again = read_image(image, templates, dpi)
    return again if again.status == PageStatus.OK else result


def located(result: PageResult, name: str, number: int) -> PageResult:
    result.file_name, result.file_page = name, number
    return result


__all__ = ["PageResult", "ScanFileError", "count_pages", "read_files", "read_image"]
