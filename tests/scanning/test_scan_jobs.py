"""Scan reading as a queued job: the upload answers while the scan waits in the queue;
a worker killed after the pages were stored does not store them twice; a scan whose
job keeps killing its worker is marked failed instead of "reading" for ever."""

import datetime as dt

from django.utils import timezone

from daihoi.jobs import services as jobs
from daihoi.jobs.models import Job, JobState
from daihoi.jobs.runner import Worker
from daihoi.scanning import services
from daihoi.scanning.jobs import run, start_reading
from daihoi.scanning.models import ScanStatus
from tests.scanning.conftest import files, struck_page


def queued_scan(batch, counting, fake_reader, pages=2):
    fake_reader.extend([struck_page([1])] * pages)
    scan = services.create_scan(counting.op1, batch, files(pages))
    start_reading(scan, files(pages))
    return scan, Job.objects.get(kind="scanning.read")


def test_the_scan_waits_in_the_queue_then_a_worker_reads_it(batch, counting, fake_reader):
    scan, job = queued_scan(batch, counting, fake_reader)
    scan.refresh_from_db()
    assert scan.status == ScanStatus.QUEUED and job.state == JobState.QUEUED
    Worker(burst=True).run()
    scan.refresh_from_db()
    job.refresh_from_db()
    assert job.state == JobState.DONE and scan.pages.count() == 2
    assert scan.status not in (ScanStatus.QUEUED, ScanStatus.PROCESSING)


def test_pages_stored_before_the_worker_died_are_not_stored_again(batch, counting, fake_reader):
    scan, job = queued_scan(batch, counting, fake_reader)
    claimed = jobs.claim_job("host:1:x")
    from daihoi.jobs.runner import JobContext

    run(JobContext(claimed, "host:1:x"))  # stored, then the worker was killed
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result["skipped"]
    assert scan.pages.count() == 2


def test_a_scan_that_kills_its_worker_each_time_is_marked_failed(batch, counting, fake_reader):
    scan, job = queued_scan(batch, counting, fake_reader)
    for attempt in range(job.max_attempts):
        jobs.claim_job(f"host:{attempt}:x")
        Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert jobs.claim_job("host:9:x") is None
    scan.refresh_from_db()
    assert scan.status == ScanStatus.FAILED and "Lỗi hệ thống khi đọc phiếu" in scan.error
    assert scan.pages.count() == 0
