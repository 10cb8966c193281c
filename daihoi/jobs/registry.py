"""Job kinds and the functions that run them.

A handler is `run(ctx) -> dict` (the result, plain JSON). It may raise
`JobRefused(reason)` for a failure that a retry cannot mend; any other exception
is retried with backoff and, after the last attempt, reported with its reason.
`on_failed(job, reason)`, if given, lets the owning app mark its own records.
`page(job) -> url`, if given, names the owning app's page for such a job (one that
shows its outcome in that app's words); the generic job page sends the user there.

Handlers are named by dotted path so that this plumbing imports no app above it.
"""

from dataclasses import dataclass
from importlib import import_module


class JobRefused(Exception):
    """A failure to report as is, without retrying."""


@dataclass(frozen=True)
class Kind:
    run: str
    on_failed: str = ""
    max_attempts: int = 3
    page: str = ""


KINDS: dict[str, Kind] = {
    "people.import": Kind("daihoi.people.views.import_jobs:run"),
    "people.export": Kind("daihoi.people.views.export_jobs:run"),
    "scanning.read": Kind("daihoi.scanning.jobs:run", on_failed="daihoi.scanning.jobs:on_failed"),
    "hall.merge": Kind("daihoi.hall.jobs:run", page="daihoi.hall.jobs:page"),
}


def resolve(path: str):
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


def own_page(job) -> str:
    """The owning app's page for ``job``, or "" when its kind has none (or is unknown)."""
    found = KINDS.get(job.kind)
    return resolve(found.page)(job) if found and found.page else ""


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise JobRefused(f"Không có loại công việc “{name}”.") from None
