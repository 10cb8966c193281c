"""Reads for the tracking dashboard: every congress of a term under an organisation, counted in SQL.

Each function is one or two GROUP BY queries over the subtree (a path prefix
scan, served by org_path_idx / the pattern index on PostgreSQL, joined to
congresses by congress_org_term_idx); Python only folds the few grouped rows.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr, TruncWeek

from daihoi.congresses.models import Congress, CongressStatus
from daihoi.organizations.models import LEVEL_ORDER, Level, Organization

STATUSES = [s.value for s in CongressStatus]


@dataclass
class Progress:
    """Congresses counted by status; `held` over `total` is the bar."""

    label: str = ""
    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    pilots: int = 0
    pilots_held: int = 0
    org: Organization | None = None

    @property
    def held(self) -> int:
        return self.by_status["held"]

    @property
    def postponed(self) -> int:
        return self.by_status["postponed"]

    @property
    def percent(self) -> float:
        return round(100 * self.held / self.total, 1) if self.total else 0.0

    def add(self, status: str, n: int, pilots: int, pilots_held: int) -> None:
        self.total += n
        self.by_status[status] = self.by_status.get(status, 0) + n
        self.pilots += pilots
        self.pilots_held += pilots_held


def congresses_in(root: Organization, term: str) -> QuerySet[Congress]:
    return Congress.objects.filter(term=term, organization__path__startswith=root.path)


def _counted(qs: QuerySet, *keys: str) -> QuerySet:
    return (
        qs.order_by()
        .values(*keys, "status")
        .annotate(
            n=Count("id"),
            pilots=Count("id", filter=Q(pilot=True)),
            pilots_held=Count("id", filter=Q(pilot=True, status=CongressStatus.HELD)),
        )
    )


def by_level(root: Organization, term: str) -> tuple[Progress, list[Progress]]:
    """The whole subtree and each level below (and including) the root: one GROUP BY query."""
    overall = Progress(str(root))
    levels = {lv: Progress(str(Level(lv).label)) for lv in LEVEL_ORDER}
    for row in _counted(congresses_in(root, term), "organization__level"):
        args = (row["status"], row["n"], row["pilots"], row["pilots_held"])
        overall.add(*args)
        levels[row["organization__level"]].add(*args)
    return overall, [p for p in levels.values() if p.total]


def by_child(root: Organization, term: str) -> list[Progress]:
    """Progress of each direct child's subtree (drill-down rows): one GROUP BY on the path prefix."""
    width = len(root.path) + 8  # the child's own 7-digit segment and its dot
    qs = congresses_in(root, term).exclude(organization=root)
    qs = qs.annotate(child=Substr("organization__path", 1, width))
    rows: dict[str, Progress] = defaultdict(Progress)
    for row in _counted(qs, "child"):
        rows[row["child"]].add(row["status"], row["n"], row["pilots"], row["pilots_held"])
    children = root.children.order_by("path")
    out = []
    for child in children:
        progress = rows.get(child.path, Progress())
        progress.label, progress.org = child.name, child
        out.append(progress)
    return out


def held_by_week(root: Organization, term: str) -> list[tuple[dt.date, int]]:
    qs = congresses_in(root, term).filter(status=CongressStatus.HELD, starts_on__isnull=False)
    rows = (
        qs.order_by()
        .annotate(week=TruncWeek("starts_on"))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("week")
    )
    return [(_as_date(r["week"]), r["n"]) for r in rows]


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def postponed(root: Organization, term: str, limit: int = 25) -> list[Congress]:
    qs = congresses_in(root, term).filter(status=CongressStatus.POSTPONED)
    return list(qs.select_related("organization").order_by("postponed_to", "name")[:limit])


def dashboard(root: Organization, term: str) -> dict:
    overall, levels = by_level(root, term)
    return {
        "overall": overall,
        "levels": levels,
        "children": by_child(root, term),
        "weeks": held_by_week(root, term),
        "postponed": postponed(root, term),
    }
