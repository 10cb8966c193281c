"""``daihoi scan`` with every core: worker processes render, read and encode pages.

Rendering a scanned page costs more than reading it, so each worker renders its
own pages from the files (written once to a temporary folder: no copy of a large
PDF per task). The main process reads the first pages itself to choose the paper
size (``reading.choose_size``) while the workers start, then keeps a bounded
window of pages in flight and hands results back in page order.

Workers are forked once the paper size is chosen when that is safe: the main
process runs no other thread (``daihoi scan``, not a web server's reading thread)
and OpenCV's own thread pool is stopped first (``cv2.setNumThreads(1)``; a child
forked while that pool exists hangs on its first parallel call). The workers then
start with the reader imported and the chosen template's references already built
by the probe pages (a spawned worker spends ~0.4 s of CPU on both). Otherwise
they are spawned, started while the main process reads the probe pages. This
module and everything the workers import need no Django. Each worker caps its
own memory (``omr.limits.limit_memory``, ``DAIHOI_SCAN_MEMORY_MB``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import tempfile
import threading
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
        fork = _can_fork()
        with contextlib.ExitStack() as stack:
            # Spawned workers start (import, build nothing yet) while the probe pages are read.
            pool = (
                None
                if fork
                else stack.enter_context(_pool("spawn", workers, templates, dpi, sources))
            )
            probe = tasks[:SIZE_PROBE_PAGES]
            templates, probed = _probe(probe, templates, dpi, sources)
            for (index, page), result in zip(probe, probed, strict=True):
                yield located(result, sources[index][0], page + 1)
            if pool is None:
                stack.enter_context(_single_threaded_opencv())
                pool = stack.enter_context(_pool("fork", workers, templates, dpi, sources))
            rest = tasks[SIZE_PROBE_PAGES:]
            yield from _in_order(pool, workers, rest, templates.preferred, sources)


def _can_fork() -> bool:
    """A fork copies every thread's locks but only the calling thread: safe with no other."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _pool(method: str, workers: int, templates: ElectionTemplates, dpi: int, sources):
    context = multiprocessing.get_context(method)
    return context.Pool(workers, initializer=_init_worker, initargs=(templates, dpi, sources))


@contextlib.contextmanager
def _single_threaded_opencv():
    """OpenCV's thread pool stopped while workers are forked (and they inherit one thread)."""
    threads = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        yield
    finally:
        cv2.setNumThreads(threads)


def _probe(probe, templates: ElectionTemplates, dpi: int, sources: list[Source]):
    """The main process reads the first pages itself to choose the paper size."""
    _start(templates, dpi, sources)
    try:
        images = [_render(i, page) for i, page in probe]
        return choose_size(images, templates, dpi)
    finally:
        _close()


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
