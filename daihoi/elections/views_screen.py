"""The hall's projector opened by a read-only link: no login on the projector PC.

``/elections/hall/<token>/`` shows what the organisers' own screen shows (progress, then
the published result, paged); an organiser issues and revokes links on the results page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .access import access_election_for_setup
from .models import ScreenLink
from .screen_links import election_for_token, issue_screen_link, revoke_screen_link
from .views_results import screen_payload, screen_texts


@require_GET
@never_cache
def hall_screen(request, token: str):
    election = election_for_token(token)
    context = {
        "election": election,
        "texts": screen_texts(),
        "data_url": reverse("elections:hall_screen_data", args=[token]),
    }
    return render(request, "elections/screen.html", context)


@require_GET
@never_cache
def hall_screen_data(request, token: str):
    from django.http import JsonResponse

    return JsonResponse(screen_payload(election_for_token(token)))


@require_POST
@login_required
def screen_link_issue(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    link, token = issue_screen_link(request.user, election, request.POST.get("label", "").strip())
    url = request.build_absolute_uri(reverse("elections:hall_screen", args=[token]))
    messages.success(
        request,
        _("Đường dẫn màn hình hội trường (chỉ hiện một lần, mở trên máy chiếu): %(url)s")
        % {"url": url},
    )
    return redirect(reverse("elections:results", args=[election.pk]) + "#screen-links")


@require_POST
@login_required
def screen_link_revoke(request, pk: int, link_pk: int):
    election = access_election_for_setup(request.user, pk)
    link = get_object_or_404(ScreenLink, pk=link_pk, election=election)
    revoke_screen_link(request.user, link)
    messages.success(request, _("Đã thu hồi đường dẫn; máy chiếu dùng nó sẽ không còn hiện gì."))
    return redirect(reverse("elections:results", args=[election.pk]) + "#screen-links")
