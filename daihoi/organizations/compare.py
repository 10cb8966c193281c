"""Before / after: organisations and members by level under one organisation on two days.

Each day is two GROUP BY queries (units by level, members by the level of the
unit they belong to), from the current rows for today and from the history
for a past day.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from . import history
from .models import LEVEL_ORDER, Level, Organization, Restructuring


@dataclass(frozen=True)
class LevelRow:
    level: str
    label: str
    units_before: int
    units_after: int
    members_before: int
    members_after: int

    @property
    def units_change(self) -> int:
        return self.units_after - self.units_before

    @property
    def members_change(self) -> int:
        return self.members_after - self.members_before


def by_level(org: Organization, day: dt.date | None) -> tuple[dict[str, int], dict[str, int]]:
    """(active units by level, members by their unit's level) in the subtree on `day`."""
    from daihoi.people.history import official_under_on
    from daihoi.people.models import Member

    if history.is_current(day):
        units = Organization.objects.filter(path__startswith=org.path, active=True)
        members = Member.objects.filter(organization__path__startswith=org.path, active=True)
        member_key = "organization__level"
    else:
        path = history.path_on(org.pk, day)
        if path is None:
            return {}, {}
        units = history.versions_on(day).filter(path__startswith=path, active=True)
        members = official_under_on(path, day)
        member_key = "organization__versions__level"
    unit_counts = dict(units.values_list("level").annotate(n=Count("id")).order_by())
    member_counts = dict(members.values_list(member_key).annotate(n=Count("id")).order_by())
    return unit_counts, member_counts


def compare(org: Organization, before: dt.date, after: dt.date | None) -> list[LevelRow]:
    units_before, members_before = by_level(org, before)
    units_after, members_after = by_level(org, after)
    rows = []
    for level in LEVEL_ORDER:
        row = LevelRow(
            level,
            Level(level).label,
            units_before.get(level, 0),
            units_after.get(level, 0),
            members_before.get(level, 0),
            members_after.get(level, 0),
        )
        if any((row.units_before, row.units_after, row.members_before, row.members_after)):
            rows.append(row)
    return rows


@dataclass(frozen=True)
class UnitChange:
    organization_id: int
    code: str
    before: Organization | None
    after: Organization | None
    members_before: int
    members_after: int


def units_changed(restructuring: Restructuring) -> list[UnitChange]:
    """Each unit the decision touched, as it stood the day before and on the day."""
    from .selectors import member_count

    day = restructuring.effective_on
    previous = day - dt.timedelta(days=1)
    opened = dict(restructuring.versions.values_list("organization_id", "parent_id"))
    # Units the decision moved under a unit it created (the cells of merged communes)
    # travel with that unit: listed once, through it.
    ids = [pk for pk, parent in opened.items() if parent not in opened]
    rows = []
    for org in Organization.objects.filter(pk__in=ids).order_by("path"):
        before, after = (
            history.organization_on(org.pk, previous),
            history.organization_on(org.pk, day),
        )
        rows.append(
            UnitChange(
                org.pk,
                org.code,
                before,
                after,
                member_count(org, as_of=previous) if before else 0,
                member_count(org, as_of=day) if after else 0,
            )
        )
    return rows
