"""Reading a scan as a background job (daihoi.jobs), so that the upload answers at once.

The upload stores the scan (status "queued") and queues a job with the files; a
`daihoi worker` reads every page and stores the result. The page polls the
scan's progress from the database, so any web worker answers. A worker killed
half-way leaves the scan "processing" and the job is taken up again; a scan
already stored is never stored twice (`_store` and the check below), and a job
that fails for good marks its scan failed rather than leaving it "processing".
"""

from __future__ import annotations

from daihoi.jobs.services import enqueue_job
from daihoi.jobs.submit import start

from .models import ScanBatch, ScanStatus
from .reading import File
from .services import fail_scan, process_scan

FAILED = "Lỗi hệ thống khi đọc phiếu; không có trang nào được lưu. Hãy báo quản trị viên."


def start_reading(scan: ScanBatch, files: list[File]) -> None:
    job = enqueue_job(
        "scanning.read",
        owner=scan.uploaded_by,
        args={"scan": scan.pk},
        files=files,
        summary=f"đọc {len(files)} tệp quét",
    )
    start(job)


def run(ctx) -> dict:
    """The worker's handler for "scanning.read"."""
    scan = ScanBatch.objects.get(pk=ctx.args["scan"])
    if scan.status not in (ScanStatus.QUEUED, ScanStatus.PROCESSING):
        return {"skipped": scan.status}  # stored already, or discarded meanwhile
    scan = process_scan(scan, ctx.files())
    return {"status": scan.status, "pages": scan.pages_total}


def on_failed(job, reason: str) -> None:
    scan = ScanBatch.objects.filter(pk=job.args.get("scan")).first()
    if scan is not None and scan.status in (ScanStatus.QUEUED, ScanStatus.PROCESSING):
        fail_scan(scan, FAILED)
