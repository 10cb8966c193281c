"""The hall's return is merged by a job: the upload answers with the job's page, which
shows the verdict (merged with its counts, or refused with its code) to the congress's
organisers only; a merge that dies half-way writes nothing and its retry merges."""

import pytest
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.elections.models import BallotBatch, CountedBallot, ElectionStatus
from daihoi.hall import merge
from daihoi.hall.models import HallPackage
from daihoi.jobs.models import Job, JobState
from daihoi.jobs.runner import Worker

from .returns import counted_return, upload, with_data_changed


@pytest.fixture
def inline(settings):
    settings.DAIHOI_INLINE_JOBS = True


def post_return(client, congress, content: bytes):
    return client.post(reverse("hall:upload_return", args=[congress.pk]), {"file": upload(content)})


def the_job() -> Job:
    return Job.objects.get(kind="hall.merge")


def test_it_merges_through_the_job_and_shows_the_verdict(
    client, congress, counting, election, users, inline
):
    content = counted_return(users.east, congress, counting)
    client.force_login(users.east)
    response = post_return(client, congress, content)
    job = the_job()
    assert response.status_code == 302
    assert response["Location"] == reverse("hall:merge", args=[congress.pk, job.public_id])
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhận kết quả hội trường" in page
    assert f"{job.result['added']} dòng mới" in page
    assert reverse("hall:congress", args=[congress.pk]) in page
    assert job.state == JobState.DONE and job.result["verdict"] == "merged"
    assert BallotBatch.objects.get(election=election).counted.count() == 3
    election.refresh_from_db()
    assert election.status == ElectionStatus.COUNTING
    hall_page = client.get(reverse("hall:congress", args=[congress.pk])).content.decode()
    assert response["Location"] in hall_page and "Đã nhận:" in hall_page


def test_the_generic_job_page_sends_the_owner_to_the_merge_and_its_verdict(
    client, congress, counting, election, users, inline
):
    client.force_login(users.east)
    post_return(client, congress, counted_return(users.east, congress, counting))
    job = the_job()
    own = reverse("hall:merge", args=[congress.pk, job.public_id])
    generic = reverse("jobs:job", args=[job.public_id])
    response = client.get(generic)
    assert response.status_code == 302 and response["Location"] == own
    polled = client.get(generic, headers={"HX-Request": "true"})
    assert polled.status_code == 204 and polled["HX-Redirect"] == own
    assert "Đã nhận kết quả hội trường" in client.get(own).content.decode()
    client.force_login(users.west)  # the owner's page only: another user learns nothing
    assert client.get(generic).status_code == 404


def test_it_waits_in_the_queue_until_a_worker_merges(client, congress, counting, election, users):
    content = counted_return(users.east, congress, counting)
    client.force_login(users.east)
    job_page = post_return(client, congress, content)["Location"]
    assert "Đang chờ đến lượt" in client.get(job_page).content.decode()
    assert not CountedBallot.objects.filter(batch__election=election).exists()
    assert Worker(burst=True).run() == 1
    partial = client.get(job_page, headers={"HX-Request": "true"}).content.decode()
    assert 'id="return-ok"' in partial and "hx-get" not in partial
    assert CountedBallot.objects.filter(batch__election=election).count() == 3


def test_a_tampered_return_is_refused_by_the_job_and_audited(
    client, congress, counting, election, users, inline
):
    content = with_data_changed(counted_return(users.east, congress, counting))
    client.force_login(users.east)
    page = client.get(post_return(client, congress, content)["Location"]).content.decode()
    assert "Không nhận kết quả hội trường" in page and "đã bị sửa" in page
    assert '<code id="refusal-code">data_changed</code>' in page
    assert the_job().result == {
        "verdict": "refused",
        "code": "data_changed",
        "message": "Dữ liệu trong tệp đã bị sửa (mã băm không khớp).",
    }
    refusal = AuditEntry.objects.get(action="hall.return_refused")
    assert (refusal.actor, refusal.after["code"]) == (users.east, "data_changed")
    assert not CountedBallot.objects.filter(batch__election=election).exists()
    assert HallPackage.objects.get(congress=congress).returned_at is None


def test_a_bad_envelope_is_refused_at_once_without_a_job(client, congress, users, inline):
    client.force_login(users.east)
    page = post_return(client, congress, b"PK\x03\x04 truncated").content.decode()
    assert '<code id="refusal-code">not_zip</code>' in page
    assert AuditEntry.objects.get(action="hall.return_refused").after["code"] == "not_zip"
    assert not Job.objects.exists()


def test_the_same_return_twice_changes_nothing(client, congress, counting, election, users, inline):
    content = counted_return(users.east, congress, counting)
    client.force_login(users.east)
    post_return(client, congress, content)
    counts = (
        AuditEntry.objects.exclude(action="job.enqueue").count(),
        CountedBallot.objects.count(),
    )
    page = client.get(post_return(client, congress, content)["Location"]).content.decode()
    assert "Kết quả này đã được nhận trước đó" in page
    assert (
        AuditEntry.objects.exclude(action="job.enqueue").count(),
        CountedBallot.objects.count(),
    ) == counts


def test_only_the_congress_organisers_see_the_merge(
    client, congress, counting, election, users, inline
):
    content = counted_return(users.east, congress, counting)
    client.force_login(users.east)
    job_page = post_return(client, congress, content)["Location"]
    public_id = the_job().public_id
    for outsider in (users.west, users.east_viewer):
        client.force_login(outsider)
        assert client.get(job_page).status_code == 404
        assert client.get(f"/jobs/{public_id}/").status_code == 404
    client.force_login(users.province)  # an organiser above the congress's organisation
    assert client.get(job_page).status_code == 200
    client.logout()
    assert client.get(job_page).status_code == 302  # to the sign-in page


def test_a_merge_that_dies_half_way_writes_nothing_and_its_retry_merges(
    client, congress, counting, election, users, monkeypatch
):
    """The merge's rows are written before it seals the boxes; it dies there once."""
    content = counted_return(users.east, congress, counting)
    real_reseal, calls = merge.reseal, []

    def dies_once(*args, **kwargs):
        calls.append(CountedBallot.objects.filter(batch__election=election).count())
        if len(calls) == 1:
            raise ConnectionError("the database went away")
        return real_reseal(*args, **kwargs)

    monkeypatch.setattr(merge, "reseal", dies_once)
    client.force_login(users.east)
    post_return(client, congress, content)
    Worker(burst=True).run()
    job = the_job()
    assert calls == [3]  # it died with the rows written inside its transaction
    assert job.state == JobState.QUEUED and job.attempts == 1 and not job.effect_committed
    assert not CountedBallot.objects.filter(batch__election=election).exists()
    assert HallPackage.objects.get(congress=congress).returned_at is None
    assert not AuditEntry.objects.filter(action__in=["hall.entry", "hall.return_import"]).exists()
    Job.objects.filter(pk=job.pk).update(run_after=job.created)  # its retry is due now
    Worker(burst=True).run()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result["verdict"] == "merged"
    assert CountedBallot.objects.filter(batch__election=election).count() == 3
    assert AuditEntry.objects.filter(action="hall.return_import").count() == 1
