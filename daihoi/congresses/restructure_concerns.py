"""The congress wing's answers to a restructuring preview (organizations/restructure/concerns.py).

A congress not yet held is one still planned, prepared, postponed or in
session: its organisation's change can still alter who is summoned.
"""

from django.db.models import Q

from daihoi.delegates.models import Delegate

from .models import Congress, CongressStatus

NOT_YET_HELD = (
    CongressStatus.PLANNED,
    CongressStatus.PREPARED,
    CongressStatus.IN_SESSION,
    CongressStatus.POSTPONED,
)
PICKED_LIMIT = 900  # members named one by one in the query, at most (the preview's cap, as before)


def congresses_concerned(reasons: dict[int, str]) -> list[tuple[Congress, str]]:
    congresses = (
        Congress.objects.filter(organization_id__in=list(reasons), status__in=NOT_YET_HELD)
        .select_related("organization")
        .order_by("organization__path", "name")
    )
    return [(c, reasons[c.organization_id]) for c in congresses]


def delegates_concerned(reach, shown: int) -> tuple[int, list[Delegate]]:
    where = Q(delegation_id__in=reach.closed) | Q(member__organization_id__in=reach.sources)
    if reach.picked:
        where |= Q(member_id__in=reach.picked[:PICKED_LIMIT])
    for path in reach.moved_paths:
        where |= Q(member__organization__path__startswith=path)
    qs = Delegate.objects.filter(where, congress__status__in=NOT_YET_HELD)
    first = qs.select_related("member", "congress", "delegation").order_by("congress", "number")
    return qs.count(), list(first[:shown])
