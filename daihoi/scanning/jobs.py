"""Reading a scan in the background, so that the upload answers at once.

The upload stores the scan (status "queued") and hands the file contents to a
thread that reads every page and stores the result; the page polls the scan's
progress from the database, so any worker process of the web server can answer
the polling. With ``DAIHOI_INLINE_JOBS`` (tests, a single-user laptop) the
reading runs inside the request instead. A thread that dies marks its scan
failed rather than leaving it "processing" for ever.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connections

from .models import ScanBatch
from .reading import File
from .services import fail_scan, process_scan

log = logging.getLogger(__name__)


def start_reading(scan: ScanBatch, files: list[File]) -> None:
    if getattr(settings, "DAIHOI_INLINE_JOBS", False):
        _run(scan.pk, files)
        return
    thread = threading.Thread(
        target=_in_thread, args=(scan.pk, files), name=f"scan-{scan.pk}", daemon=True
    )
    thread.start()


def _in_thread(scan_id: int, files: list[File]) -> None:
    try:
        _run(scan_id, files)
    finally:
        # A thread opens its own database connections; nobody else will close them.
        connections.close_all()


def _run(scan_id: int, files: list[File]) -> None:
    scan = ScanBatch.objects.get(pk=scan_id)
    try:
        process_scan(scan, files)
    except Exception:
        log.exception("scan %s failed", scan_id)
        fail_scan(
            scan, "Lỗi hệ thống khi đọc phiếu; không có trang nào được lưu. Hãy báo quản trị viên."
        )
