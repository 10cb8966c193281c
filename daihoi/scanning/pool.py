"""``daihoi scan`` with every core: worker processes render, read and encode pages.

Rendering a scanned page costs more than reading it, so each worker renders its
own pages from the files (written once to a temporary folder: no copy of a large
PDF per task). The main process reads the first pages itself to choose the paper
size (``reading.choose_size``) while the workers start, then keeps a bounded
window of pages in flight and hands results back in page order.

Workers are spawned, not forked: a fork copies the locks of OpenCV's and the web
server's threads mid-use (the children can hang). This module and everything
the workers import need no Django. Each worker caps its own memory
(``omr.limits.limit_memory``, ``DAIHOI_SCAN_MEMORY_MB``).
"""

from __future__ import annotations

import multiprocessing
import tempfile
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from daihoi.scanning.omr.types import ScanFileError

from .reading import SIZE_PROBE_PAGES, PageResult, choose_size, located, read_image
from .sizes import ElectionTemplates

Source = tuple[str, str, str]  # (file name as uploaded, kind, path of the temporary copy)


def pool_results(files, templates: ElectionTemplates, workers: int, dpi: int) -> Iterator:
    from daihoi.scanning.omr.pages import file_kind, page_count

    with tempfile.TemporaryDirectory(prefix="daihoi-scan-") as folder:
        sources, tasks = [], []
        for index, (name, data) in enumerate(files):
            path = Path(folder) / f"{index:04d}"
            path.write_bytes(data)
            sources.append((name, file_kind(data, name), str(path)))
            tasks += [(index, page) for page in range(page_count(data, name))]
        context = multiprocessing.get_context("spawn")
        args = (templates, dpi, sources)
        with context.Pool(workers, initializer=_init_worker, initargs=args) as pool:
            _start(*args)  # the main process reads the probe pages itself
            try:
                probe = tasks[:SIZE_PROBE_PAGES]
                images = [_render(i, page) for i, page in probe]
                templates, probed = choose_size(images, templates, dpi)
            finally:
                _close()
            for (index, page), result in zip(probe, probed, strict=True):
                yield located(result, sources[index][0], page + 1)
            rest = tasks[SIZE_PROBE_PAGES:]
            yield from _in_order(pool, workers, rest, templates.preferred, sources)


def _in_order(pool, workers: int, tasks, size: str, sources: list[Source]) -> Iterator:
    window: deque = deque()
    for index, page in tasks:
        window.append((index, page, pool.apply_async(_read_in_worker, (index, page, size))))
        if len(window) >= 2 * workers:
            yield _collect(window.popleft(), sources)
    while window:
        yield _collect(window.popleft(), sources)


def _collect(item, sources: list[Source]) -> PageResult:
    index, page, pending = item
    return located(pending.get(), sources[index][0], page + 1)


_WORKER: dict = {}


def _init_worker(templates: ElectionTemplates, dpi: int, sources: list[Source]) -> None:
    from daihoi.scanning.omr import limits

    cv2.setNumThreads(1)  # one process per core already
    limits.limit_memory()  # a file that slips past the size checks fails its job, not the machine
    _start(templates, dpi, sources)


def _start(templates: ElectionTemplates, dpi: int, sources: list[Source]) -> None:
    _WORKER.clear()
    _WORKER.update(templates=templates, dpi=dpi, sources=sources, open={})


def _close() -> None:
    for opened in _WORKER.get("open", {}).values():
        if hasattr(opened, "close"):
            opened.close()
    _WORKER.clear()


def _render(index: int, page: int) -> np.ndarray:
    """Page ``page`` (0-based) of file ``index`` at the scan's dpi, rendered in this process."""
    from daihoi.scanning.omr.pages import iter_pages, open_pdf, render_pdf_page

    name, kind, path = _WORKER["sources"][index]
    dpi, opened = _WORKER["dpi"], _WORKER["open"]
    if kind != "pdf":  # images: decoded whole (a multi-page TIFF once per process)
        if index not in opened:
            opened[index] = list(iter_pages(Path(path).read_bytes(), name, dpi=dpi))
        return opened[index][page]
    if index not in opened:
        opened[index] = open_pdf(path, name)
    try:
        return render_pdf_page(opened[index], page, dpi, filename=name)
    except Exception as error:  # PDFium's own error class: a page that cannot be drawn
        raise ScanFileError(
            f"Tệp «{name}», trang {page + 1}: không dựng được ảnh trang ({error}).", name, page + 1
        ) from error


def _read_in_worker(index: int, page: int, size: str) -> PageResult:
    templates = _WORKER["templates"].first(size)
    return read_image(_render(index, page), templates, _WORKER["dpi"])
