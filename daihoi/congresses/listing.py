"""The congress list of a province: search, filters, sort (selectors for views.congress_list)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from daihoi.dbfold import Fold, tokens
from daihoi.listing import choice, clean_text, positive_int
from daihoi.organizations.models import Level, Organization
from daihoi.organizations.selectors import visible_organizations

from .models import Congress, CongressStatus

SORTS = {
    "org": ("organization__path", "-starts_on", "pk"),
    "name": ("name", "pk"),
    "date": ("starts_on", "organization__path", "pk"),
    "-date": ("-starts_on", "organization__path", "pk"),
    "status": ("status", "organization__path", "pk"),
    "level": ("organization__depth", "organization__path", "pk"),
}
SORT_LABELS = {
    "org": _("Theo cây tổ chức"),
    "name": _("Theo tên"),
    "date": _("Ngày khai mạc (sớm trước)"),
    "-date": _("Ngày khai mạc (muộn trước)"),
    "status": _("Theo trạng thái"),
    "level": _("Theo cấp"),
}


@dataclass(frozen=True)
class CongressFilters:
    q: str = ""
    level: str = ""
    organization: int | None = None
    status: str = ""
    term: str = ""
    committee: str = ""
    pilot: str = ""
    sort: str = "org"

    @classmethod
    def from_query(cls, params) -> CongressFilters:
        return cls(
            q=clean_text(params.get("q")),
            level=choice(params.get("level"), Level.values),
            organization=positive_int(params.get("organization")),
            status=choice(params.get("status"), CongressStatus.values),
            term=clean_text(params.get("term"), 9),
            committee=choice(params.get("committee"), ("appointed", "elected")),
            pilot=choice(params.get("pilot"), ("1", "0")),
            sort=choice(params.get("sort"), SORTS, "org"),
        )


def scope_organization(user, filters: CongressFilters) -> Organization | None:
    """The subtree chosen in the filter, if the user may see it."""
    if filters.organization is None:
        return None
    return visible_organizations(user).filter(pk=filters.organization).first()


def filter_congresses(queryset: QuerySet[Congress], filters: CongressFilters, scope=None):
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    if filters.level:
        queryset = queryset.filter(organization__level=filters.level)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.term:
        queryset = queryset.filter(term=filters.term)
    if filters.committee:
        queryset = queryset.filter(committee_appointed=filters.committee == "appointed")
    if filters.pilot:
        queryset = queryset.filter(pilot=filters.pilot == "1")
    words = tokens(filters.q)
    if words:
        queryset = queryset.annotate(_org=Fold("organization__name"), _name=Fold("name"))
        for word in words:
            queryset = queryset.filter(
                Q(_org__contains=word)
                | Q(_name__contains=word)
                | Q(organization__code__iexact=word)
            )
    return queryset.order_by(*SORTS[filters.sort])


def lookup_rows(user, query: str, limit: int = 15) -> list[dict]:
    """The congress type-ahead: the user's congresses matching every word, newest term first."""
    filters = CongressFilters(q=clean_text(query))
    congresses = Congress.objects.filter(organization__in=visible_organizations(user))
    found = filter_congresses(congresses, filters).select_related("organization")
    found = found.order_by("-term", "organization__depth", "organization__name")[:limit]
    return [
        {
            "id": c.pk,
            "label": c.name,
            "detail": f"{c.organization.name} · {c.term} · {c.get_status_display()}",
        }
        for c in found
    ]
