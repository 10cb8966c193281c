"""Reads of the organisation tree, all scoped by what a user may see.

`access_*` functions return one object the user may see or raise Http404 (a user
outside the subtree learns nothing, not even that the object exists).

Functions that take `as_of` answer for that day. None (or today) reads the
Organization rows themselves, as fast as before history existed; a past day
reads the versions valid on that day (history.py) and returns unsaved copies of
the organisations as they then stood, so templates use them alike.

On a past day a user sees what their organisation's subtree held on that day
(its path then); before their organisation existed, nothing. A user whose
organisation was merged away or dissolved keeps that unit's own record and its
past, and nothing of the units that left it (they are no longer under its path).
"""

import datetime as dt

from django.db.models import Count, QuerySet
from django.http import Http404

from . import history
from .history import is_current
from .models import PATH_SEGMENT_WIDTH, Organization


def subtree(
    org: Organization, include_self: bool = True, as_of: dt.date | None = None
) -> QuerySet[Organization] | list[Organization]:
    """Today: a queryset. On a past day: the organisations as they then stood, by path."""
    if not is_current(as_of):
        path = history.path_on(org.pk, as_of)
        if path is None:
            return []
        versions = history.versions_on(as_of).filter(path__startswith=path)
        if not include_self:
            versions = versions.exclude(organization_id=org.pk)
        return [
            v.as_organization() for v in versions.select_related("organization").order_by("path")
        ]
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


def scope_path(user, as_of: dt.date | None = None) -> str | None:
    """The path prefix of what the user sees on that day ("" for a superuser, None for nothing)."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return ""
    if user.organization_id is None:
        return None
    if is_current(as_of):
        return user.organization.path
    return history.path_on(user.organization_id, as_of)


def access_organization(user, pk, as_of: dt.date | None = None) -> Organization:
    if is_current(as_of):
        try:
            return visible_organizations(user).get(pk=pk)
        except (Organization.DoesNotExist, ValueError, TypeError, OverflowError):
            raise Http404("organization not found") from None
    scope = scope_path(user, as_of)
    try:
        org = history.organization_on(int(pk), as_of)
    except (ValueError, TypeError, OverflowError):  # not an id, or beyond any database's ids
        org = None
    if org is None or scope is None or not org.path.startswith(scope):
        raise Http404("organization not found on that day")
    return org


def can_see(user, org: Organization, as_of: dt.date | None = None) -> bool:
    """`org` as it stood on `as_of` (a copy from the history, or today's row)."""
    if user.is_superuser:
        return True
    if is_current(as_of):
        return user.organization_id is not None and org.path.startswith(user.organization.path)
    scope = scope_path(user, as_of)
    return scope is not None and org.path.startswith(scope)


def member_count(org: Organization, as_of: dt.date | None = None, **member_filters) -> int:
    """Members in the whole subtree, counted in SQL (on a past day: from their assignments)."""
    from daihoi.people.models import Member

    if not is_current(as_of):
        from daihoi.people.history import official_under_on

        path = history.path_on(org.pk, as_of)
        if path is None:
            return 0
        filters = {f"member__{k}": v for k, v in member_filters.items()}
        return official_under_on(path, as_of).filter(**filters).count()
    return Member.objects.filter(
        organization__path__startswith=org.path, active=True, **member_filters
    ).count()


def children_with_counts(org: Organization, as_of: dt.date | None = None) -> list[Organization]:
    """Direct children, each with `member_total` (its whole subtree) and `child_total`.

    Two queries whatever the size: the children with their child counts, and one
    GROUP BY of the subtree's active members by organisation path, rolled up to
    the child whose path each one starts with. (A correlated COUNT per child
    with `LIKE child.path || '%'` cannot use the index on SQLite: 61 s on the
    60,000-member demo province; this takes milliseconds.)
    """
    from daihoi.people.models import Member

    if not is_current(as_of):
        return _children_on(org, as_of)
    children = list(
        org.children.order_by("-active", "name").annotate(
            child_total=Count("children", distinct=True)
        )
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


def _children_on(org: Organization, day: dt.date) -> list[Organization]:
    """children_with_counts on a past day: the same rollup, over that day's versions."""
    from daihoi.people.history import official_under_on

    path = history.path_on(org.pk, day)
    if path is None:
        return []
    on_day = history.versions_on(day)
    versions = list(
        on_day.filter(parent_id=org.pk).select_related("organization").order_by("-active", "name")
    )
    grandchildren = dict(
        on_day.filter(parent_id__in=[v.organization_id for v in versions])
        .values_list("parent_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_path = (
        official_under_on(path, day)
        .values_list("organization__versions__path")
        .annotate(n=Count("id"))
        .order_by()
    )
    totals = _rolled_up(by_path, len(path) + PATH_SEGMENT_WIDTH + 1)
    children = []
    for version in versions:
        child = version.as_organization()
        child.member_total = totals.get(child.path, 0)
        child.child_total = grandchildren.get(child.pk, 0)
        children.append(child)
    return children


def _rolled_up(by_path, child_len: int) -> dict[str, int]:
    totals: dict[str, int] = {}
    for path, n in by_path:
        key = path[:child_len]
        totals[key] = totals.get(key, 0) + n
    return totals


def ancestors(org: Organization, as_of: dt.date | None = None) -> list[Organization]:
    ids = org.ancestor_ids
    if not is_current(as_of):
        versions = history.versions_on(as_of).filter(organization_id__in=ids)
        by_id = {
            v.organization_id: v.as_organization() for v in versions.select_related("organization")
        }
    else:
        by_id = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]
