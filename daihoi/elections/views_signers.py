"""Full names for the minutes' signatures (issue 19): asked for before the minutes print.

The minutes name every member of the counting committee under a signature. A user
with no name to sign under (no full name, nor family and given names) is listed
here; an organiser of the election writes the names as the people sign them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from daihoi.accounts.services import clean_full_name, set_full_name

from .access import access_election_for_setup


def unnamed_signers(congress) -> list:
    """Members and leaders of the congress's counting teams with no name to sign under."""
    people = {}
    for team in congress.counting_teams.select_related("leader").prefetch_related("members"):
        for user in (team.leader, *team.members.all()):
            people[user.pk] = user
    return sorted(
        (u for u in people.values() if not u.signing_name), key=lambda u: u.get_username()
    )


@require_http_methods(["GET", "POST"])
@login_required
def signers(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    missing = unnamed_signers(election.congress)
    errors: dict[int, str] = {}
    if request.method == "POST":
        names = {u.pk: request.POST.get(f"name-{u.pk}", "") for u in missing}
        for user in missing:
            try:
                clean_full_name(names[user.pk])
            except ValidationError as exc:
                errors[user.pk] = " ".join(exc.messages)
        if not errors and missing:
            with transaction.atomic():
                for user in missing:
                    set_full_name(request.user, user, names[user.pk])
            messages.success(request, _("Đã ghi họ và tên người ký biên bản."))
            return redirect("elections:results", election.pk)
    rows = [
        {"user": u, "value": request.POST.get(f"name-{u.pk}", ""), "error": errors.get(u.pk)}
        for u in missing
    ]
    return render(request, "elections/signers.html", {"election": election, "rows": rows})
