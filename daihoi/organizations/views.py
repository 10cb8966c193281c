"""Pages of the organisation tree: the dashboard, the tree browser and one organisation.

Every view looks its organisation up through `access_organization`, so a user
outside the subtree gets a 404 and learns nothing. The tree, its nodes and an
organisation's page take `?as_of=YYYY-MM-DD` and show that day (history.py).
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daihoi.people.ethnicities import KINH
from daihoi.people.history import members_in
from daihoi.people.models import Gender, MemberStatus

from . import history, selectors
from .forms import parse_day
from .models import Organization, Restructuring


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


def member_statistics(org: Organization, as_of: dt.date | None = None) -> MemberStatistics:
    """Counts of the subtree's members (on `as_of`), all in one aggregate query.

    On a past day the members are those assigned to the subtree that day; gender
    and ethnicity are theirs, the status is the one on record today.
    """
    statuses = list(MemberStatus)
    aggregates = {
        "total": Count("id"),
        "women": Count("id", filter=Q(gender=Gender.FEMALE)),
        "minority": Count("id", filter=~Q(ethnicity=KINH)),
    }
    for i, status in enumerate(statuses):
        aggregates[f"status_{i}"] = Count("id", filter=Q(status=status))
    row = members_in(org, as_of).aggregate(**aggregates)
    return MemberStatistics(
        total=row["total"],
        women=row["women"],
        minority=row["minority"],
        by_status=[(s.value, s.label, row[f"status_{i}"]) for i, s in enumerate(statuses)],
    )


def visible_ancestors(user, org: Organization, as_of: dt.date | None = None) -> list:
    """Breadcrumbs: the organisation's ancestors (on that day), cut to those the user may see."""
    return [a for a in selectors.ancestors(org, as_of) if selectors.can_see(user, a, as_of)]


def day_context(request) -> dict:
    """The page's day: `as_of` (None for today) and what the date picker shows."""
    as_of = parse_day(request.GET.get("as_of"))
    if as_of is not None and history.is_current(as_of):
        as_of = None
    return {
        "as_of": as_of,
        "as_of_iso": as_of.isoformat() if as_of else "",
        "today": history.today(),
    }


def no_scope(request):
    return render(request, "organizations/no_scope.html", status=403)


@require_GET
@login_required
def tree(request):
    root = selectors.user_root(request.user)
    if root is None:
        return no_scope(request)
    day = day_context(request)
    as_of = day["as_of"]
    if as_of is not None:
        root = history.organization_on(root.pk, as_of)
    context = {"requested_root": selectors.user_root(request.user), "root": root, **day}
    if root is not None:
        context["root_members"] = selectors.member_count(root, as_of)
        context["children"] = selectors.children_with_counts(root, as_of)
    return render(request, "organizations/tree.html", context)


@require_GET
@login_required
def tree_children(request, pk: int):
    """HTMX partial: the children of one node, each with its counts (a few queries)."""
    day = day_context(request)
    org = selectors.access_organization(request.user, pk, day["as_of"])
    children = selectors.children_with_counts(org, day["as_of"])
    return render(request, "organizations/_children.html", {"children": children, **day})


@require_GET
@login_required
def detail(request, pk: int):
    day = day_context(request)
    as_of = day["as_of"]
    org = selectors.access_organization(request.user, pk, as_of)
    current = org if as_of is None else Organization.objects.get(pk=org.pk)
    context = {
        "org": org,
        "current": current,
        "crumbs": visible_ancestors(request.user, org, as_of),
        "stats": member_statistics(org, as_of),
        "direct_members": current.members.filter(active=True).count(),
        "children": selectors.children_with_counts(org, as_of),
        "versions": history.history_of(current),
        "decisions": Restructuring.objects.filter(versions__organization=current)
        .distinct()
        .order_by("-effective_on", "-id"),
        "can_restructure": request.user.can_edit and as_of is None and current.active,
        "is_own": current.pk == request.user.organization_id and not request.user.is_superuser,
        **day,
    }
    return render(request, "organizations/detail.html", context)
