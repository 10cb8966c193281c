"""Reads for personnel work: plans a user may see, and everything the checks need in a few queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.http import Http404

from daihoi.complaints.models import Complaint
from daihoi.grading.selectors import member_grades
from daihoi.organizations.selectors import can_see, visible_organizations
from daihoi.people.models import Post

from .models import Candidate, FindingOverride, PersonnelPlan, Relationship


def visible_plans(user):
    if not (user.is_authenticated and user.handles_personnel):
        return PersonnelPlan.objects.none()
    return PersonnelPlan.objects.filter(
        congress__organization__in=visible_organizations(user)
    ).select_related("congress__organization")


def access_plan(user, pk, *, edit: bool = False) -> PersonnelPlan:
    """The plan if the user sees its organisation (and, with edit, may change it); else 404."""
    plan = (
        PersonnelPlan.objects.select_related("congress__organization__parent").filter(pk=pk).first()
    )
    if plan is None or not user.is_authenticated or not can_see(user, plan.congress.organization):
        raise Http404("plan not found")
    if not user.handles_personnel:
        raise Http404("plan not found")
    if edit and not user.can_edit:
        raise Http404("plan not found")
    return plan


@dataclass
class PlanData:
    """A plan's candidates with their members, current posts, letters, ties and overrides."""

    candidates: list[Candidate]
    letters: dict[int, list[Complaint]]  # member id → letters
    ties: list[tuple[int, int, str]]  # (member a, member b, kind)
    overrides: dict[tuple[int, str], FindingOverride]  # (candidate id, code) → override
    grades: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # member → (year, grade)


def load_plan_data(plan: PersonnelPlan) -> PlanData:
    """Six queries whatever the plan's size: candidates+members, posts, letters, ties, overrides,
    annual grades."""
    current_posts = Prefetch(
        "member__posts", queryset=Post.objects.filter(ended_on__isnull=True).order_by("id")
    )
    candidates = list(
        Candidate.objects.filter(plan=plan).select_related("member").prefetch_related(current_posts)
    )
    member_ids = [c.member_id for c in candidates]
    letters: dict[int, list[Complaint]] = defaultdict(list)
    for letter in Complaint.objects.filter(member_id__in=member_ids).order_by("received_on", "id"):
        letters[letter.member_id].append(letter)
    ties = list(
        Relationship.objects.filter(
            Q(member_a_id__in=member_ids) | Q(member_b_id__in=member_ids)
        ).values_list("member_a_id", "member_b_id", "kind")
    )
    overrides = {
        (o.candidate_id, o.code): o
        for o in FindingOverride.objects.filter(candidate__plan=plan).select_related("created_by")
    }
    grades = member_grades(member_ids)  # the annual reviews' grades, for the standards
    return PlanData(candidates, dict(letters), ties, overrides, grades)


def relationships_of(member_ids) -> list[Relationship]:
    return list(
        Relationship.objects.filter(Q(member_a_id__in=member_ids) | Q(member_b_id__in=member_ids))
        .select_related("member_a", "member_b")
        .order_by("id")
    )
