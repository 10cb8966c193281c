"""Reads of the organisation tree, all scoped by what a user may see.

`access_*` functions return one object the user may see or raise Http404 (a user
outside the subtree learns nothing, not even that the object exists).
"""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from .models import Organization


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


def children_with_counts(org: Organization) -> QuerySet[Organization]:
    """Direct children, each annotated with its subtree's member count and its own child count.

    One query: a correlated COUNT per child over the path prefix (served by the
    path index), instead of loading members into Python.
    """
    from daihoi.people.models import Member

    members = (
        Member.objects.filter(organization__path__startswith=OuterRef("path"), active=True)
        .order_by()
        .values("active")
        .annotate(n=Count("id"))
        .values("n")
    )
    return org.children.order_by("name").annotate(
        member_total=Coalesce(Subquery(members, output_field=IntegerField()), Value(0)),
        child_total=Count("children", distinct=True),
    )


def ancestors(org: Organization) -> list[Organization]:
    ids = org.ancestor_ids
    by_id = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]
