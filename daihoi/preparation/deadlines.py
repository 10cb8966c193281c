"""Reads: each congress's deadline, inherited from the issued plans above it, and its state.

Nothing is copied onto congresses: every read resolves the deadline from the
plans as they stand (``schedule.resolve``), so a changed plan is seen by every
congress below it at once. One query loads the plans of a term among the
organisations concerned (with their milestones prefetched); the rest is a walk
up each congress's materialised path.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from daihoi.congresses.models import Congress
from daihoi.organizations.models import Organization

from . import schedule
from .models import Milestone, Plan, PlanStatus

ATTENTION = (schedule.OVERDUE, schedule.PLANNED_LATE, schedule.AT_RISK, schedule.HELD_LATE)


def plans_where(term: str, where: Q) -> dict[int, Plan]:
    qs = (
        Plan.objects.filter(where, term=term, status=PlanStatus.ISSUED)
        .select_related("organization")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("level")))
    )
    return {plan.organization_id: plan for plan in qs}


def plan_dates(plan: Plan) -> schedule.PlanDates:
    levels = {
        m.level: schedule.LevelDates(m.level, m.finish_by, m.pilots_by)
        for m in plan.milestones.all()
    }
    return schedule.PlanDates(plan.pk, levels)


def _chain_ids(path: str) -> list[int]:
    """The organisation itself, then its ancestors, nearest first."""
    return [int(seg) for seg in path.split(".") if seg][::-1]


@dataclass(frozen=True)
class Outlook:
    deadline: schedule.Deadline | None
    plan: Plan | None  # the plan whose date binds
    nearest: Plan | None  # the nearest plan naming the level
    state: str
    review_by: dt.date | None  # the higher level reviews the congress's contents by then

    @property
    def attention(self) -> bool:
        return self.state in ATTENTION


class Resolver:
    """Deadlines for many congresses of one term with one query for the plans."""

    def __init__(self, term: str, plans: dict[int, Plan]):
        self.term = term
        self.plans = plans
        self.dates = {org_id: plan_dates(plan) for org_id, plan in plans.items()}
        self.by_id = {plan.pk: plan for plan in plans.values()}

    @classmethod
    def for_subtree(cls, root: Organization, term: str) -> Resolver:
        where = Q(organization__path__startswith=root.path) | Q(
            organization_id__in=root.ancestor_ids
        )
        return cls(term, plans_where(term, where))

    @classmethod
    def for_organization(cls, org: Organization, term: str) -> Resolver:
        return cls(term, plans_where(term, Q(organization_id__in=[*org.ancestor_ids, org.pk])))

    def deadline(self, path: str, level: str, pilot: bool) -> schedule.Deadline | None:
        chain = [self.dates[i] for i in _chain_ids(path) if i in self.dates]
        return schedule.resolve(chain, level, pilot)

    def outlook(self, congress: Congress, today: dt.date, path: str, level: str) -> Outlook:
        found = self.deadline(path, level, congress.pilot)
        planned = congress.postponed_to if congress.status == "postponed" else congress.planned_on
        state = schedule.congress_state(
            found.on if found else None,
            status=congress.status,
            planned_on=planned,
            held_on=congress.ends_on or congress.starts_on,
            today=today,
        )
        plan = self.by_id.get(found.plan_id) if found else None
        nearest = self.by_id.get(found.nearest_plan_id) if found else None
        return Outlook(found, plan, nearest, state, self._review_by(nearest, planned))

    @staticmethod
    def _review_by(plan: Plan | None, planned: dt.date | None) -> dt.date | None:
        if plan is None or not plan.review_lead_days or planned is None:
            return None
        return schedule.working_days_before(planned, plan.review_lead_days)


def congress_outlook(congress: Congress, today: dt.date) -> Outlook:
    org = congress.organization
    resolver = Resolver.for_organization(org, congress.term)
    return resolver.outlook(congress, today, org.path, org.level)


def outlooks(congresses: list[Congress], root: Organization, term: str, today: dt.date):
    """(congress, outlook) pairs; the congresses' organisations must be selected with them."""
    resolver = Resolver.for_subtree(root, term)
    return [
        (c, resolver.outlook(c, today, c.organization.path, c.organization.level))
        for c in congresses
    ]


@dataclass
class Summary:
    counts: Counter
    attention: list  # (congress, outlook) needing attention, most urgent first
    total: int


def summary(root: Organization, term: str, today: dt.date, limit: int = 30) -> Summary:
    """Every congress of the term in the subtree against its deadline: counts by state and the
    congresses needing attention (overdue first, then planned late, then at risk)."""
    congresses = list(
        Congress.objects.filter(term=term, organization__path__startswith=root.path)
        .select_related("organization")
        .only(
            "name",
            "pilot",
            "status",
            "planned_on",
            "postponed_to",
            "starts_on",
            "ends_on",
            "term",
            "organization__name",
            "organization__path",
            "organization__level",
        )
    )
    pairs = outlooks(congresses, root, term, today)
    counts = Counter(outlook.state for _, outlook in pairs)
    rank = {state: i for i, state in enumerate(ATTENTION)}
    flagged = [pair for pair in pairs if pair[1].attention]
    flagged.sort(key=lambda p: (rank[p[1].state], p[1].deadline.on, p[0].organization.path))
    return Summary(counts, flagged[:limit], len(pairs))
