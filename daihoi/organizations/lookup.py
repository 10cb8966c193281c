"""The organisation type-ahead: search the user's subtree by name (accent-insensitive) or code."""

from __future__ import annotations

from django.db.models import QuerySet

from daihoi.dbfold import matching_all

from .models import Level, Organization
from .selectors import visible_organizations


def search_organizations(user, query: str, *, levels=(), active_only=True, limit=15):
    """Organisations of the user's subtree matching every word of ``query``, higher levels first."""
    orgs: QuerySet[Organization] = visible_organizations(user)
    if active_only:
        orgs = orgs.filter(active=True)
    wanted = [level for level in levels if level in Level.values]
    if wanted:
        orgs = orgs.filter(level__in=wanted)
    orgs = matching_all(orgs, "name", query, also="code")
    return list(orgs.order_by("depth", "name")[:limit])


def with_parents(orgs: list[Organization]) -> list[dict]:
    """Each organisation as a type-ahead row; the detail names its parents (nearest first)."""
    ids = {pk for org in orgs for pk in org.ancestor_ids}
    names = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = []
    for org in orgs:
        chain = [names[pk] for pk in reversed(org.ancestor_ids) if pk in names]
        rows.append(
            {
                "id": org.pk,
                "label": f"{org.name} ({org.code})",
                "detail": " › ".join(chain[:2]),
            }
        )
    return rows
