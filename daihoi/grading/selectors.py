"""Reads of the annual review: what a user may see, a unit's grading sheet, a member's history.

`access_*` return one object the user may see or raise Http404, like the rest
of the system: a user outside the subtree learns nothing.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404

from daihoi.organizations.models import Organization
from daihoi.organizations.selectors import can_see
from daihoi.people.models import Member
from daihoi.rules.collation import sort_key
from daihoi.rules.grading import GRADES, Grade, GradingRules, rules_for_year

from .models import Evaluation, ReviewCycle, SubjectChoice, UnitReview

# The grade a summary counts: the committee's once decided, else the meeting's proposal.
EFFECTIVE = Coalesce(NullIf("grade", Value("")), NullIf("proposed_grade", Value("")))


def is_higher(user, org: Organization) -> bool:
    """The user works at an organisation above ``org`` (the level that decides and may return)."""
    if user.is_superuser:
        return True
    own = user.organization
    return own is not None and org.pk != own.pk and org.path.startswith(own.path)


def visible_cycles(user) -> QuerySet[ReviewCycle]:
    """Cycles opened at or above the user's organisation, or inside what they see."""
    qs = ReviewCycle.objects.select_related("organization")
    if user.is_superuser:
        return qs
    own = user.organization
    if own is None:
        return qs.none()
    above = own.ancestor_ids + [own.pk]
    return qs.filter(Q(organization_id__in=above) | Q(organization__path__startswith=own.path))


def access_cycle(user, pk) -> ReviewCycle:
    try:
        return visible_cycles(user).get(pk=pk)
    except (ReviewCycle.DoesNotExist, ValueError, TypeError):
        raise Http404("cycle not found") from None


def access_unit(user, pk) -> UnitReview:
    unit = (
        UnitReview.objects.select_related("cycle__organization", "organization__parent", "leader")
        .filter(pk=pk)
        .first()
    )
    if unit is None or not user.is_authenticated or not can_see(user, unit.organization):
        raise Http404("unit not found")
    return unit


def cycle_root(user, cycle: ReviewCycle) -> Organization:
    """Where a user's view of a cycle starts: their own organisation when it lies inside."""
    own = user.organization
    if own is not None and own.path.startswith(cycle.organization.path) and not user.is_superuser:
        return own
    return cycle.organization


def rules_of(unit_or_cycle) -> GradingRules:
    return rules_for_year(unit_or_cycle.year)


def quota_unit(org: Organization) -> Organization:
    """Where the member quota is counted: the grassroots organisation (HD 21-HD/BTCTW 2019, II.B.2.3.a)."""
    if org.level == "cell" and org.parent is not None:
        return org.parent
    return org


@dataclass
class Sheet:
    """Everything the grading page of one unit shows and checks, loaded in a handful of queries."""

    unit: UnitReview
    rules: GradingRules
    members: list[Member]
    evaluations: dict[int, Evaluation]  # member id → the member's evaluation
    collective: Evaluation | None
    leader: Evaluation | None
    quota_org: Organization
    others: dict[str, dict[Grade, int]]  # subject → grades counted elsewhere in the quota unit
    children: dict[Grade, int]  # the collective grades of the organisations directly under it
    has_children: bool


def load_sheet(unit: UnitReview) -> Sheet:
    members = sorted(
        Member.objects.filter(organization=unit.organization, active=True),
        key=lambda m: sort_key(m.full_name),
    )
    own = list(Evaluation.objects.filter(unit=unit))
    by_member = {e.member_id: e for e in own if e.subject == SubjectChoice.MEMBER}
    collective = next((e for e in own if e.subject == SubjectChoice.ORGANIZATION), None)
    leader = next((e for e in own if e.subject == SubjectChoice.LEADER), None)
    quota_org = quota_unit(unit.organization)
    children = dict.fromkeys(GRADES, 0)
    for grade, n in (
        Evaluation.objects.filter(
            year=unit.year,
            subject=SubjectChoice.ORGANIZATION,
            organization__parent=unit.organization,
        )
        .annotate(g=EFFECTIVE)
        .exclude(g__isnull=True)
        .values_list("g")
        .annotate(n=Count("id"))
        .order_by()
    ):
        children[Grade(grade)] += n
    has_children = unit.organization.children.filter(active=True).exists()
    return Sheet(
        unit,
        rules_of(unit),
        members,
        by_member,
        collective,
        leader,
        quota_org,
        counts_elsewhere(unit, quota_org),
        children,
        has_children,
    )


def counts_elsewhere(unit: UnitReview, quota_org: Organization) -> dict[str, dict[Grade, int]]:
    """Grades already given in the rest of the quota unit (other cells), by subject: one query."""
    rows = (
        Evaluation.objects.filter(year=unit.year, organization__path__startswith=quota_org.path)
        .exclude(unit=unit)
        # The grassroots' own collective and head are not among its cells.
        .exclude(~Q(subject=SubjectChoice.MEMBER), organization=quota_org)
        .annotate(g=EFFECTIVE)
        .exclude(g__isnull=True)
        .values_list("subject", "g")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[str, dict[Grade, int]] = defaultdict(lambda: dict.fromkeys(GRADES, 0))
    for subject, grade, n in rows:
        out[subject][Grade(grade)] += n
    return out


def member_history(member: Member) -> list[Evaluation]:
    """A member's grades by year, newest first: their own grade and any leader grade."""
    return list(
        Evaluation.objects.filter(member=member)
        .select_related("unit", "organization")
        .order_by("-year", "subject")
    )


def member_grades(member_ids) -> dict[int, list[tuple[int, str]]]:
    """Each member's (year, grade) as a member, decided grades first, else proposals: one query."""
    rows = (
        Evaluation.objects.filter(member_id__in=member_ids, subject=SubjectChoice.MEMBER)
        .annotate(g=EFFECTIVE)
        .exclude(g__isnull=True)
        .values_list("member_id", "year", "g")
    )
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for member_id, year, grade in rows:
        out[member_id].append((year, grade))
    return dict(out)
