"""Hand a queued job to its runner: the worker picks it up, or (inline mode) run it now."""

from .models import Job
from .runner import inline, run_inline


def start(job: Job) -> None:
    if inline():
        run_inline(job)
        job.refresh_from_db()
