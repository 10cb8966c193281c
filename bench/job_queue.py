"""Benchmark of the job queue: 1,000 small imports, a worker killed (kill -9) half-way.

    .venv/bin/python bench/job_queue.py                     # a throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/job_queue.py

Queues BENCH_JOBS (1,000) one-member imports, runs two `daihoi worker` processes,
kills both with SIGKILL once half the jobs are done, starts two again, and waits.
It then checks that no job was lost or failed and that none took effect twice
(one member and one "import.members" audit entry per job), and prints the rate
through the queue beside the baseline measured in the same run: the same imports
called directly in this process, without a queue.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

JOBS = int(os.environ.get("BENCH_JOBS", "1000"))
WORKERS = 2
BASELINE_SAMPLE = 100
DAIHOI = str(Path(sys.executable).with_name("daihoi"))


def main() -> int:
    from scratch import scratch_database

    with scratch_database("queue") as (engine, tmp):
        os.environ["MEDIA_ROOT"] = str(tmp / "media")
        from django.conf import settings

        settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
        return run(engine)


def setup():
    from daihoi.accounts.models import Role, User
    from daihoi.organizations.services import create_organization

    province = create_organization(
        None, code="T01", name="Đảng bộ tỉnh A", level="province", kind="province"
    )
    district = create_organization(
        None, code="H01", name="Huyện A", level="district", kind="rural_district", parent=province
    )
    commune = create_organization(
        None, code="X01", name="Xã A", level="grassroots", kind="commune", parent=district
    )
    cell = create_organization(
        None, code="C011", name="Chi bộ 1", level="cell", kind="village", parent=commune
    )
    user = User.objects.create_user("bench", password="x", organization=province, role=Role.STAFF)
    return user, cell


def books(prefix: str, count: int) -> list[bytes]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "jobs"))
    from books import member_row, workbook

    return [workbook(member_row(f"{prefix}{i:05d}", "C011")) for i in range(count)]


def baseline(user, data: list[bytes]) -> float:
    import io

    from daihoi.organizations.selectors import user_root
    from daihoi.people.importing import import_workbook

    started = time.perf_counter()
    for one in data:
        assert import_workbook(io.BytesIO(one), actor=user, scope=user_root(user)).written
    return len(data) / (time.perf_counter() - started)


def workers() -> list[subprocess.Popen]:
    return [
        subprocess.Popen([DAIHOI, "worker", "--poll", "0.2"], stdout=subprocess.DEVNULL)
        for _ in range(WORKERS)
    ]


def wait_until(done_at_least: int, timeout: float = 1800) -> None:
    from daihoi.jobs.models import Job

    deadline = time.monotonic() + timeout
    while Job.objects.filter(state__in=["done", "failed"]).count() < done_at_least:
        if time.monotonic() > deadline:
            raise SystemExit(f"queue: timed out before {done_at_least} jobs were settled")
        time.sleep(0.2)


def steady_seconds() -> float:
    """From the first job's end to the last one's, less the restart's gap."""
    from daihoi.jobs.models import Job

    busy, previous = 0.0, None
    for finished in Job.objects.order_by("finished").values_list("finished", flat=True):
        if previous is not None:
            # A gap longer than a few seconds is the kill and the new workers' start-up.
            busy += min((finished - previous).total_seconds(), 5.0)
        previous = finished
    return max(busy, 1e-6)


def run(engine: str) -> int:
    from daihoi.audit.models import AuditEntry
    from daihoi.jobs.models import Job
    from daihoi.people.models import Member
    from daihoi.people.views.import_jobs import start_import

    user, _cell = setup()
    base_rate = baseline(user, books("B", BASELINE_SAMPLE))
    for number, data in enumerate(books("Q", JOBS)):
        start_import(user, data, f"q{number}.xlsx", False)
    started = time.perf_counter()
    procs = workers()
    wait_until(JOBS // 2)
    for proc in procs:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    killed_at = Job.objects.filter(state="done").count()
    procs = workers()
    wait_until(JOBS)
    elapsed = time.perf_counter() - started
    for proc in procs:
        proc.terminate()
        proc.wait()
    done = Job.objects.filter(state="done").count()
    failed = Job.objects.filter(state="failed").count()
    members = Member.objects.filter(code__startswith="Q").count()
    imports = AuditEntry.objects.filter(action="import.members").count() - BASELINE_SAMPLE
    lost, twice = JOBS - done - failed, imports - done
    retried = Job.objects.filter(attempts__gt=1).count()
    if os.environ.get("BENCH_VERBOSE"):
        for job in Job.objects.exclude(error=""):
            print(job.attempts, job.error)
    busy = steady_seconds()
    print(
        f"queue [{engine}]: {JOBS} import jobs, {WORKERS} workers killed (kill -9) at "
        f"{killed_at} done and restarted: lost {lost}, failed {failed}, took effect twice "
        f"{twice}, run again {retried} (members {members}, import audit entries {imports}); "
        f"{elapsed:.0f} s in all with two worker start-ups; {JOBS / busy:.1f} jobs/s while "
        f"workers ran vs {base_rate:.1f} imports/s called directly (baseline), "
        f"ratio {JOBS / busy / base_rate:.2f}x"
    )
    ok = lost == 0 and failed == 0 and twice == 0 and members == JOBS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
