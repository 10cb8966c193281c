"""The job queue: queued → running → done, retries, failures with a reason, and jobs
whose worker died, all as the page that polls them would see."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from daihoi.audit.models import AuditEntry
from daihoi.jobs import registry, services
from daihoi.jobs.models import Job, JobState
from daihoi.jobs.runner import Worker, run_claimed
from daihoi.people.models import Member
from daihoi.people.views import import_jobs

from .books import member_row, workbook


def queue_import(user, *codes, org="C011"):
    data = workbook(*(member_row(code, org) for code in codes))
    return Job.objects.get(public_id=import_jobs.start_import(user, data, "a.xlsx", False))


def imports_audited() -> int:
    return AuditEntry.objects.filter(action="import.members").count()


FLAKY_CALLS: list[int] = []


def flaky_run(ctx):
    FLAKY_CALLS.append(ctx.job.attempts)
    if len(FLAKY_CALLS) <= ctx.args["fail_times"]:
        raise ConnectionError("database went away")
    return {"ok": True}


@pytest.fixture
def flaky(monkeypatch):
    """A job kind whose handler fails as often as asked, then succeeds."""
    FLAKY_CALLS.clear()
    monkeypatch.setitem(registry.KINDS, "test.flaky", registry.Kind(f"{__name__}:flaky_run"))
    return FLAKY_CALLS


def test_it_runs_a_queued_import_and_keeps_its_result(users):
    job = queue_import(users.east, "M100")
    assert job.state == JobState.QUEUED and not Member.objects.filter(code="M100").exists()
    assert Worker(burst=True).run() == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result["members_created"] == 1
    assert job.stage == "write" and job.done == job.total == 1
    assert Member.objects.filter(code="M100").exists()
    page = import_jobs.get_job(job.public_id, users.east)
    assert page["state"] == "done" and page["result"]["written"]


def test_it_retries_a_failing_job_later_then_runs_it(users, flaky):
    job = services.enqueue_job("test.flaky", owner=users.east, args={"fail_times": 1})
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and "ConnectionError" in job.error
    assert job.run_after > timezone.now()  # backs off instead of hammering
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result == {"ok": True} and flaky == [1, 2]


def test_it_reports_a_job_that_keeps_failing_with_its_reason(users, flaky):
    job = services.enqueue_job("test.flaky", owner=users.east, args={"fail_times": 99})
    for _ in range(job.max_attempts):
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
        Worker(burst=True).run()
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "Lỗi hệ thống" in job.error
    assert len(flaky) == job.max_attempts
    assert AuditEntry.objects.filter(action="job.fail", object_id=str(job.pk)).exists()


def kill_worker_holding(job: Job) -> None:
    """What kill -9 leaves behind: the job running, its lease no longer renewed."""
    gone = timezone.now() - dt.timedelta(seconds=1)
    Job.objects.filter(pk=job.pk).update(lease_until=gone)


def test_it_takes_up_again_a_job_whose_worker_died(users):
    job = queue_import(users.east, "M100")
    claimed = services.claim_job("host:1:dead")
    assert claimed.pk == job.pk and claimed.state == JobState.RUNNING
    assert services.claim_job("host:2:other") is None  # leased: nobody else takes it
    kill_worker_holding(job)
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2
    assert Member.objects.filter(code="M100").count() == 1 and imports_audited() == 1


def test_it_never_imports_twice_when_the_worker_died_after_the_commit(users):
    job = queue_import(users.east, "M100")
    claimed = services.claim_job("host:1:dies-after-commit")
    ctx_result = import_jobs.run(_Ctx(claimed, "host:1:dies-after-commit"))
    assert ctx_result["written"] and imports_audited() == 1
    kill_worker_holding(job)  # died before it could mark the job done
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result["recovered"]
    assert imports_audited() == 1 and job.attempts == 1
    assert "Đã nhập xong" in _page(users.east, job)


def test_its_effect_mark_rolls_back_with_a_failed_import(users):
    job = queue_import(users.east, "M100")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.mark_effect_committed(job)
        raise RuntimeError("the import broke before its commit")
    job.refresh_from_db()
    assert not job.effect_committed


def test_it_fails_a_job_that_killed_its_worker_every_time(users):
    job = queue_import(users.east, "M100")
    for attempt in range(job.max_attempts):
        assert services.claim_job(f"host:{attempt}:x").pk == job.pk
        kill_worker_holding(job)
    assert services.claim_job("host:9:x") is None
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "dừng đột ngột 3 lần" in job.error
    assert not Member.objects.filter(code="M100").exists()
    assert "dừng đột ngột" in _page(users.east, job)


def test_a_worker_that_lost_its_lease_records_nothing(users):
    job = queue_import(users.east, "M100")
    first = services.claim_job("host:1:slow")
    kill_worker_holding(job)
    services.claim_job("host:2:fast")
    with pytest.raises(services.LeaseLost):
        services.complete_job(first, "host:1:slow", {"late": True})


def test_a_dead_local_worker_frees_its_job_at_once(users):
    job = queue_import(users.east, "M100")
    dead_pid = 2**22 + 17  # above pid_max's default: no such process
    services.claim_job(f"{services.socket.gethostname()}:{dead_pid}:x")
    assert services.expire_dead_local_workers() == 1
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.state == JobState.DONE


def test_an_unknown_kind_fails_with_a_reason(users):
    job = Job.objects.create(kind="no.such", owner=users.east)
    claimed = services.claim_job("host:1:x")
    run_claimed(claimed, "host:1:x")
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "no.such" in job.error


class _Ctx:
    def __init__(self, job, worker):
        from daihoi.jobs.runner import JobContext

        self._ctx = JobContext(job, worker)

    def __getattr__(self, name):
        return getattr(self._ctx, name)


def _page(user, job) -> str:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    return client.get(reverse("people:excel_job", args=[job.public_id])).text
