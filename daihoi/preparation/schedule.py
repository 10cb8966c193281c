"""Deadlines of a term's congresses, as pure functions (no Django, no I/O).

A level's plan (kế hoạch) sets, for each level below it, the date by which its
congresses must be finished, and optionally an earlier date for its pilot
congresses. Congresses go bottom-up within a term: cells, then grassroots,
then the district level, then the province (CT 45-CT/TW 2025; a provincial
plan under it, e.g. Hà Tĩnh's of 2024: cells before 28/02/2025, grassroots
April–30/06/2025, district before 25/08/2025, province before 31/10/2025;
KL 163-KL/TW of 06/06/2025 repeats "cơ sở hoàn thành trước ngày 30/6/2025").

A congress inherits its deadline from the plans of its own organisation and
of every organisation above it. The nearest plan that names the congress's
level gives the date; a higher plan's earlier date still binds, since a lower
level may tighten a deadline of the level above but never relax it. The
resolution is computed on every read from the plans as they stand, so a
changed plan changes every congress below it at once; no copy is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from daihoi.rules.findings import Finding, Severity

CT_45 = "CT 45-CT/TW 2025"
BOTTOM_UP = ("cell", "grassroots", "district", "province")
LEVEL_NAMES = {
    "cell": "chi bộ trực thuộc",
    "grassroots": "cấp cơ sở",
    "district": "cấp trên cơ sở",
    "province": "cấp tỉnh",
}
DEFAULT_WARN_DAYS = 14


@dataclass(frozen=True)
class LevelDates:
    level: str
    finish_by: dt.date
    pilots_by: dt.date | None = None


@dataclass(frozen=True)
class PlanDates:
    """One issued plan: whose it is (``plan_id``) and its dates by level."""

    plan_id: int
    levels: dict[str, LevelDates]


@dataclass(frozen=True)
class Deadline:
    on: dt.date
    plan_id: int  # the plan whose date binds
    nearest_plan_id: int  # the nearest plan naming the level (may differ from plan_id)
    pilot: bool  # the date is the pilot congresses' one

    @property
    def tightened_above(self) -> bool:
        """A higher plan's date is earlier than the nearest plan's."""
        return self.plan_id != self.nearest_plan_id


def milestone_findings(levels: list[LevelDates]) -> list[Finding]:
    """CT 45-CT/TW 2025: congresses go bottom-up, so a lower level's date may not fall after a
    higher level's; a level's pilot congresses come before its other congresses."""
    findings = []
    by_level = {m.level: m for m in levels}
    present = [level for level in BOTTOM_UP if level in by_level]
    for lower, higher in zip(present, present[1:], strict=False):
        if by_level[lower].finish_by > by_level[higher].finish_by:
            findings.append(
                Finding(
                    "plan.order",
                    Severity.BLOCKING,
                    CT_45,
                    f"Hạn đại hội {LEVEL_NAMES[lower]} ({by_level[lower].finish_by:%d/%m/%Y}) "
                    f"muộn hơn hạn {LEVEL_NAMES[higher]} ({by_level[higher].finish_by:%d/%m/%Y}): "
                    "đại hội phải tiến hành từ dưới lên.",
                    lower,
                )
            )
    for m in levels:
        if m.pilots_by and m.pilots_by > m.finish_by:
            findings.append(
                Finding(
                    "plan.pilot_after_finish",
                    Severity.BLOCKING,
                    CT_45,
                    f"Hạn đại hội điểm {LEVEL_NAMES[m.level]} ({m.pilots_by:%d/%m/%Y}) muộn hơn "
                    f"hạn hoàn thành của cấp đó ({m.finish_by:%d/%m/%Y}).",
                    m.level,
                )
            )
    return findings


def nesting_findings(lower: PlanDates, higher: list[PlanDates]) -> list[Finding]:
    """A lower plan may tighten a higher plan's date for a level, never relax it (warned: the
    higher date still binds, see ``resolve``)."""
    findings = []
    for level, mine in lower.levels.items():
        for above in higher:
            theirs = above.levels.get(level)
            if theirs and mine.finish_by > theirs.finish_by:
                findings.append(
                    Finding(
                        "plan.later_than_above",
                        Severity.WARNING,
                        CT_45,
                        f"Hạn đại hội {LEVEL_NAMES[level]} ({mine.finish_by:%d/%m/%Y}) muộn hơn "
                        f"kế hoạch cấp trên ({theirs.finish_by:%d/%m/%Y}); hạn của cấp trên "
                        "được áp dụng.",
                        level,
                    )
                )
                break
    return findings


def resolve(chain: list[PlanDates], level: str, pilot: bool = False) -> Deadline | None:
    """The deadline of a congress at ``level`` from ``chain``, the issued plans of its own
    organisation and of those above it, nearest first; None when no plan names the level."""
    nearest_id = None
    best: tuple[dt.date, int, bool] | None = None
    for plan in chain:
        dates = plan.levels.get(level)
        if dates is None:
            continue
        nearest_id = plan.plan_id if nearest_id is None else nearest_id
        is_pilot = bool(pilot and dates.pilots_by)
        on = dates.pilots_by if is_pilot else dates.finish_by
        if best is None or on < best[0]:
            best = (on, plan.plan_id, is_pilot)
    if best is None:
        return None
    return Deadline(best[0], best[1], nearest_id, best[2])


# --- State of a congress and of a task against its date -----------------------------------

HELD_ON_TIME, HELD_LATE = "held_on_time", "held_late"
OVERDUE, PLANNED_LATE, AT_RISK, ON_TRACK, NO_DEADLINE = (
    "overdue",
    "planned_late",
    "at_risk",
    "on_track",
    "no_deadline",
)
DONE, CANCELLED = "done", "cancelled"


def congress_state(
    deadline: dt.date | None,
    *,
    status: str,
    planned_on: dt.date | None,
    held_on: dt.date | None,
    today: dt.date,
    warn_days: int = DEFAULT_WARN_DAYS,
) -> str:
    """Where a congress stands against its deadline.

    held (on time or late); overdue: the deadline passed and it is not held;
    planned_late: its planned (or postponed-to) date falls after the deadline;
    at_risk: the deadline is within ``warn_days`` and it is not yet prepared;
    on_track otherwise.
    """
    if deadline is None:
        return NO_DEADLINE
    if status == "held":
        return HELD_LATE if held_on and held_on > deadline else HELD_ON_TIME
    if today > deadline:
        return OVERDUE
    if planned_on and planned_on > deadline:
        return PLANNED_LATE
    if status in ("planned", "postponed") and (deadline - today).days <= warn_days:
        return AT_RISK
    return ON_TRACK


def task_state(due_on: dt.date, status: str, today: dt.date, warn_days: int = 7) -> str:
    """done / cancelled; overdue once the due date has passed; at_risk when due within
    ``warn_days`` and not started; on_track otherwise."""
    if status in (DONE, CANCELLED):
        return status
    if today > due_on:
        return OVERDUE
    if status == "todo" and (due_on - today).days <= warn_days:
        return AT_RISK
    return ON_TRACK


def working_days_before(day: dt.date, count: int) -> dt.date:
    """The date ``count`` working days (Monday–Friday) before ``day``: the higher standing
    committee reviews a lower congress's contents at least that long before it opens (a
    provincial plan under CT 45: "ít nhất trước 45 ngày làm việc"). Public holidays are not
    known here and are not skipped."""
    current = day
    left = count
    while left > 0:
        current -= dt.timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current
