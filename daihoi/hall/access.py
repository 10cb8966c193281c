"""Only the congress's organisers (staff of its organisation or above) issue packages and
take returns: a package carries the counters' password hashes."""

from django.http import Http404

from daihoi.congresses.models import Congress
from daihoi.elections.access import is_organiser


def access_congress(user, pk: int) -> Congress:
    congress = Congress.objects.select_related("organization").filter(pk=pk).first()
    if congress is None or not user.is_authenticated or not is_organiser(user, congress):
        raise Http404("congress not found")
    return congress
