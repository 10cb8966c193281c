"""Progress of a year's review under an organisation: by level, by direct child, the late units.

Same shape as the congress tracking dashboard (reports.selectors): each function
is one GROUP BY over the subtree's units (a path prefix scan joined to the units
by cycle), folded in Python. A unit is late when the decision deadline has
passed and it is still open, or the report deadline has passed and it is not
yet published.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr

from daihoi.organizations.models import LEVEL_ORDER, Level, Organization

from .models import ReviewCycle, StepChoice, UnitReview
from .workflow import DONE, OPEN, Step

STATUSES = [s.value for s in StepChoice]


def late_statuses(cycle: ReviewCycle, today: dt.date) -> set[str]:
    late = set()
    if today > cycle.decision_due:
        late |= {s.value for s in OPEN}
    if today > cycle.report_due:
        late |= {Step.DECIDED.value}
    return late


@dataclass
class Progress:
    label: str = ""
    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    late: int = 0
    org: Organization | None = None

    @property
    def published(self) -> int:
        return self.by_status[Step.PUBLISHED]

    @property
    def done(self) -> int:
        return sum(self.by_status[s] for s in DONE)

    @property
    def proposed(self) -> int:
        return self.by_status[Step.PROPOSED]

    @property
    def percent(self) -> float:
        return round(100 * self.done / self.total, 1) if self.total else 0.0

    def add(self, status: str, n: int, late: set[str]) -> None:
        self.total += n
        self.by_status[status] += n
        if status in late:
            self.late += n


def units_in(cycle: ReviewCycle, root: Organization) -> QuerySet[UnitReview]:
    return UnitReview.objects.filter(cycle=cycle, organization__path__startswith=root.path)


def by_level(cycle: ReviewCycle, root: Organization, today: dt.date):
    late = late_statuses(cycle, today)
    overall = Progress(str(root))
    levels = {lv: Progress(str(Level(lv).label)) for lv in LEVEL_ORDER}
    rows = (
        units_in(cycle, root)
        .order_by()
        .values_list("organization__level", "status")
        .annotate(n=Count("id"))
    )
    for level, status, n in rows:
        overall.add(status, n, late)
        levels[level].add(status, n, late)
    return overall, [p for p in levels.values() if p.total]


def by_child(cycle: ReviewCycle, root: Organization, today: dt.date) -> list[Progress]:
    """Each direct child's whole subtree (the drill-down rows): one GROUP BY on the path prefix."""
    late = late_statuses(cycle, today)
    width = len(root.path) + 8  # the child's 7-digit segment and its dot
    qs = units_in(cycle, root).exclude(organization=root)
    qs = qs.annotate(child=Substr("organization__path", 1, width))
    rows: dict[str, Progress] = defaultdict(Progress)
    for child, status, n in qs.order_by().values_list("child", "status").annotate(n=Count("id")):
        rows[child].add(status, n, late)
    out = []
    for child in root.children.filter(active=True).order_by("path"):
        progress = rows.get(child.path, Progress())
        progress.label, progress.org = child.name, child
        out.append(progress)
    return out


def late_units(
    cycle: ReviewCycle, root: Organization, today: dt.date, limit: int = 50
) -> list[UnitReview]:
    late = late_statuses(cycle, today)
    if not late:
        return []
    qs = units_in(cycle, root).filter(status__in=late).select_related("organization__parent")
    return list(qs.order_by("organization__path")[:limit])


def returned_units(cycle: ReviewCycle, root: Organization, limit: int = 50) -> list[UnitReview]:
    qs = units_in(cycle, root).filter(status=Step.RETURNED).select_related("organization")
    return list(qs.order_by("organization__path")[:limit])


def dashboard(cycle: ReviewCycle, root: Organization, today: dt.date) -> dict:
    overall, levels = by_level(cycle, root, today)
    return {
        "overall": overall,
        "levels": levels,
        "children": by_child(cycle, root, today),
        "late": late_units(cycle, root, today),
        "returned": returned_units(cycle, root),
        "own_unit": UnitReview.objects.filter(cycle=cycle, organization=root).first(),
    }
