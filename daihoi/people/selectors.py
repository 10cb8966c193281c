"""Reads of members, scoped to what the user may see."""

from django.db.models import QuerySet
from django.http import Http404

from daihoi.organizations.models import Organization
from daihoi.textnorm import fold

from .models import Member


def visible_members(user) -> QuerySet[Member]:
    if not user.is_authenticated:
        return Member.objects.none()
    if user.is_superuser:
        return Member.objects.all()
    if user.organization_id is None:
        return Member.objects.none()
    return Member.objects.filter(organization__path__startswith=user.organization.path)


def access_member(user, pk) -> Member:
    try:
        return visible_members(user).select_related("organization").get(pk=pk)
    except (Member.DoesNotExist, ValueError, TypeError):
        raise Http404("member not found") from None


def members_in(org: Organization) -> QuerySet[Member]:
    return Member.objects.filter(organization__path__startswith=org.path)


def search(qs: QuerySet[Member], query: str) -> QuerySet[Member]:
    """Accent-insensitive search: every word of the query must appear in the folded name,
    or the query matches the member code exactly."""
    words = fold(query).split()
    if not words:
        return qs
    by_name = qs
    for word in words:
        by_name = by_name.filter(search_name__contains=word)
    return by_name | qs.filter(code__iexact=query.strip())
