"""The member type-ahead's lookup: members of the user's subtree by name (accents aside)
or code. A row's id is the member's code, which the forms that take a member read."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from daihoi.listing import clean_text
from daihoi.typeahead import LOOKUP_LIMIT, lookup_response

from .. import selectors


@require_GET
@login_required
def member_lookup(request):
    """``?q=words`` → ``{"results": [{"id": code, "label", "detail"}…]}``, active members first."""
    query = clean_text(request.GET.get("q"))
    if len(query) < 2:
        return lookup_response([])
    found = (
        selectors.search(selectors.visible_members(request.user), query)
        .select_related("organization")
        .order_by("-active", "given_name", "family_name", "code")[:LOOKUP_LIMIT]
    )
    return lookup_response(
        {
            "id": m.code,
            "label": f"{m.full_name} ({m.code})",
            "detail": f"{m.organization.name} · {m.birth_date:%Y}",
        }
        for m in found
    )
