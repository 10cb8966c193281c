"""Reads of the organisation tree, all scoped by what a user may see.

`access_*` functions return one object the user may see or raise Http404 (a user
outside the subtree learns nothing, not even that the object exists).
"""

from django.db.models import Count, QuerySet
from django.http import Http404

from .models import PATH_SEGMENT_WIDTH, Organization


def subtree(org: Organization, include_self: bool = True) -> QuerySet[Organization]:
    qs = Organization.objects.filter(path__startswith=org.path)
    return qs if include_self else qs.exclude(pk=org.pk)


def visible_organizations(user) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    if user.organization_id is None:
        return Organization.objects.none()
    return Organization.objects.filter(path__startswith=user.organization.path)


def user_root(user) -> Organization | None:
    """The top of what the user sees: their organisation, or the tree's roots for a superuser."""
    if user.is_superuser and user.organization_id is None:
        return Organization.objects.filter(parent__isnull=True).order_by("path").first()
    return user.organization


def access_organization(user, pk) -> Organization:
    try:
        return visible_organizations(user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404("organization not found") from None


def can_see(user, org: Organization) -> bool:
    if user.is_superuser:
        return True
    return user.organization_id is not None and org.path.startswith(user.organization.path)


def member_count(org: Organization, **member_filters) -> int:
    """Members in the whole subtree, counted in SQL."""
    from daihoi.people.models import Member

    return Member.objects.filter(
        organization__path__startswith=org.path, active=True, **member_filters
    ).count()


def children_with_counts(org: Organization) -> list[Organization]:
    """Direct children, each with `member_total` (its whole subtree) and `child_total`.

    Two queries whatever the size: the children with their child counts, and one
    GROUP BY of the subtree's active members by organisation path, rolled up to
    the child whose path each one starts with. (A correlated COUNT per child
    with `LIKE child.path || '%'` cannot use the index on SQLite: 61 s on the
    60,000-member demo province; this takes milliseconds.)
    """
    from daihoi.people.models import Member

    children = list(
        org.children.order_by("name").annotate(child_total=Count("children", distinct=True))
    )
    by_path = (
        Member.objects.filter(organization__path__startswith=org.path, active=True)
        .values_list("organization__path")
        .annotate(n=Count("id"))
        .order_by()
    )
    child_len = len(org.path) + PATH_SEGMENT_WIDTH + 1
    totals: dict[str, int] = {}
    for path, n in by_path:
        key = path[:child_len]
        totals[key] = totals.get(key, 0) + n
    for child in children:
        child.member_total = totals.get(child.path, 0)
    return children


def ancestors(org: Organization) -> list[Organization]:
    ids = org.ancestor_ids
    by_id = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]
