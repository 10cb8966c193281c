"""Pages of the organisation tree: the dashboard, the tree browser and one organisation.

Every view looks its organisation up through `access_organization`, so a user
outside the subtree gets a 404 and learns nothing.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daihoi.people.ethnicities import KINH
from daihoi.people.models import Gender, Member, MemberStatus

from . import selectors
from .models import Organization


@dataclass(frozen=True)
class MemberStatistics:
    total: int
    women: int
    minority: int
    by_status: list[tuple[str, str, int]]  # (value, label, count)

    @property
    def men(self) -> int:
        return self.total - self.women

    @property
    def women_percent(self) -> float | None:
        return 100 * self.women / self.total if self.total else None

    @property
    def minority_percent(self) -> float | None:
        return 100 * self.minority / self.total if self.total else None


def member_statistics(org: Organization) -> MemberStatistics:
    """Counts of the subtree's active members, all in one aggregate query.

    Belongs with the selectors; kept here until the organisations app takes it.
    """
    statuses = list(MemberStatus)
    aggregates = {
        "total": Count("id"),
        "women": Count("id", filter=Q(gender=Gender.FEMALE)),
        "minority": Count("id", filter=~Q(ethnicity=KINH)),
    }
    for i, status in enumerate(statuses):
        aggregates[f"status_{i}"] = Count("id", filter=Q(status=status))
    row = Member.objects.filter(organization__path__startswith=org.path, active=True).aggregate(
        **aggregates
    )
    return MemberStatistics(
        total=row["total"],
        women=row["women"],
        minority=row["minority"],
        by_status=[(s.value, s.label, row[f"status_{i}"]) for i, s in enumerate(statuses)],
    )


def visible_ancestors(user, org: Organization) -> list[Organization]:
    """Breadcrumbs: the organisation's ancestors, cut to those the user may see."""
    return [a for a in selectors.ancestors(org) if selectors.can_see(user, a)]


def no_scope(request):
    return render(request, "organizations/no_scope.html", status=403)


@require_GET
@login_required
def home(request):
    root = selectors.user_root(request.user)
    if root is None:
        return no_scope(request)
    context = {
        "root": root,
        "stats": member_statistics(root),
        "children": selectors.children_with_counts(root),
    }
    return render(request, "organizations/home.html", context)


@require_GET
@login_required
def tree(request):
    root = selectors.user_root(request.user)
    if root is None:
        return no_scope(request)
    context = {
        "root": root,
        "root_members": selectors.member_count(root),
        "children": selectors.children_with_counts(root),
    }
    return render(request, "organizations/tree.html", context)


@require_GET
@login_required
def tree_children(request, pk: int):
    """HTMX partial: the children of one node, each with its counts (one query)."""
    org = selectors.access_organization(request.user, pk)
    children = selectors.children_with_counts(org)
    return render(request, "organizations/_children.html", {"children": children})


@require_GET
@login_required
def detail(request, pk: int):
    org = selectors.access_organization(request.user, pk)
    context = {
        "org": org,
        "crumbs": visible_ancestors(request.user, org),
        "stats": member_statistics(org),
        "direct_members": org.members.filter(active=True).count(),
        "children": selectors.children_with_counts(org),
    }
    return render(request, "organizations/detail.html", context)
