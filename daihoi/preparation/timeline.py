"""A plan as dated entries: the timeline page and the iCalendar export read the same list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from . import ical, schedule
from .models import Plan


@dataclass(frozen=True)
class Entry:
    uid: str
    on: dt.date
    kind: str  # "finish", "pilots", "start" or "task"
    title: str
    detail: str
    state: str  # schedule states: overdue, at_risk, on_track, done, cancelled
    owner: str = ""
    task_id: int | None = None
    stamp: dt.datetime | None = None
    sequence: int = 0


MILESTONE_TITLES = {
    "finish": "Hoàn thành đại hội {level}",
    "pilots": "Hoàn thành đại hội điểm {level}",
    "start": "Bắt đầu đại hội {level}",
}


def _milestone_entries(plan: Plan, today: dt.date) -> list[Entry]:
    out = []
    for m in plan.milestones.all():
        level = schedule.LEVEL_NAMES[m.level]
        dates = {"start": m.starts_on, "pilots": m.pilots_by, "finish": m.finish_by}
        for kind, on in dates.items():
            if on is None:
                continue
            state = schedule.ON_TRACK if on >= today else schedule.DONE
            out.append(
                Entry(
                    ical.uid(f"plan{plan.pk}-{kind}", m.level),
                    on,
                    kind,
                    MILESTONE_TITLES[kind].format(level=level),
                    m.note,
                    state,
                    stamp=plan.updated_at,
                    sequence=plan.version,
                )
            )
    return out


def _task_entries(plan: Plan, today: dt.date) -> list[Entry]:
    tasks = plan.tasks.select_related("owner_body", "owner_organization")
    return [
        Entry(
            ical.uid("task", task.pk),
            task.due_on,
            "task",
            task.title,
            task.detail,
            schedule.task_state(task.due_on, task.status, today),
            str(task.owner),
            task.pk,
            stamp=task.updated_at,
            sequence=task.version,
        )
        for task in tasks
    ]


def entries(plan: Plan, today: dt.date) -> list[Entry]:
    found = _milestone_entries(plan, today) + _task_entries(plan, today)
    return sorted(found, key=lambda e: (e.on, e.kind != "finish", e.title))


def by_month(found: list[Entry]) -> list[tuple[dt.date, list[Entry]]]:
    return [
        (month, list(items)) for month, items in groupby(found, key=lambda e: e.on.replace(day=1))
    ]


STATUS = {"cancelled": "CANCELLED", "done": "CONFIRMED"}


def calendar_text(plan: Plan, today: dt.date, base_url: str = "") -> str:
    """The plan's dates and tasks as an iCalendar file; SEQUENCE follows the version of the
    plan (its dates) or of the task, so a calendar program accepts a moved date."""
    events = []
    for entry in entries(plan, today):
        description = "\n".join(
            line
            for line in (
                entry.detail,
                f"Chủ trì: {entry.owner}" if entry.owner else "",
                f"{plan.number} {plan.title}".strip(),
            )
            if line
        )
        events.append(
            ical.Event(
                uid=entry.uid,
                summary=entry.title,
                start=entry.on,
                stamp=entry.stamp,
                description=description,
                categories=("Nhiệm vụ" if entry.kind == "task" else "Mốc thời gian",),
                url=base_url,
                status=STATUS.get(entry.state, "CONFIRMED" if entry.kind != "task" else ""),
                sequence=entry.sequence,
            )
        )
    return ical.calendar(f"{plan.organization.name} — {plan.title}", events)
