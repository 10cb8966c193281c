import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


def new_public_id() -> str:
    return secrets.token_urlsafe(12)


class Job(models.Model):
    """One piece of background work. Its state lives here, not in a process's memory,
    so any web worker can answer a poll and a worker that dies loses nothing."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    kind = models.CharField(_("loại"), max_length=40)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    args = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=8, choices=JobState.choices, default=JobState.QUEUED)
    stage = models.CharField(max_length=32, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    run_after = models.DateTimeField(default=timezone.now)
    worker = models.CharField(max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    # Set inside the transaction that makes the job's effect, so it commits with it:
    # a worker that dies after that commit is not followed by a second run.
    effect_committed = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("công việc nền")
        verbose_name_plural = _("công việc nền")
        indexes = [
            # The worker's claim: the oldest queued job whose time has come.
            models.Index(fields=["state", "run_after"], name="job_claim_idx"),
            # An app's list of its own jobs (a congress's hall merges) reads one kind, newest first.
            models.Index(fields=["kind", "-created"], name="job_kind_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.public_id} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)
