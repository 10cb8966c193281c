"""JSON lookups behind the type-ahead pickers (daihoi/typeahead.py)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from daihoi.typeahead import lookup_response

from .lookup import search_organizations, with_parents


@require_GET
@login_required
def organization_lookup(request):
    """``?q=words&level=grassroots,cell&all=1`` → matching organisations of the user's subtree."""
    levels = [part for part in request.GET.get("level", "").split(",") if part]
    orgs = search_organizations(
        request.user,
        request.GET.get("q", "")[:100],
        levels=levels,
        active_only=request.GET.get("all") != "1",
    )
    return lookup_response(with_parents(orgs))
