"""Who may do what after the count.

- The congress's organisers (staff of its organisation or above) request approval, seal
  ballots, keep the congress file and record the assignment of posts.
- The competent higher committee (staff of the parent organisation or above) approves,
  refuses or annuls: QĐ 190-QĐ/TW 2024 Điều 2 and 33.2 give that power to the higher
  committee, never to the congress's own.
"""

from django.http import Http404

from daihoi.congresses.models import Congress
from daihoi.elections.access import is_counter, is_organiser
from daihoi.organizations.selectors import can_see


def is_higher_committee(user, congress: Congress) -> bool:
    parent = congress.organization.parent
    return user.is_authenticated and user.can_edit and parent is not None and can_see(user, parent)


def access_congress(user, pk: int) -> Congress:
    congress = Congress.objects.select_related("organization__parent").filter(pk=pk).first()
    if congress is None or not user.is_authenticated:
        raise Http404("congress not found")
    if not (can_see(user, congress.organization) or is_counter(user, congress)):
        raise Http404("congress not found")
    return congress


__all__ = ["access_congress", "is_higher_committee", "is_organiser"]
