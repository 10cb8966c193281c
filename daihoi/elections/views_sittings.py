"""The new committee's first meeting: its roll call, its figures, its elections.

Thin views: look the congress or sitting up, call one service of elections.sittings
or elections.lists, map refusals to messages, redirect back (post/redirect/get).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.organizations.selectors import can_see

from . import lists, sittings
from .access import is_organiser
from .forms import ElectionForm
from .models import Sitting, SittingAttendance, SittingStanding
from .views import flash_form_errors, flash_refusal


def access_sitting(user, pk: int, *, organiser: bool = False) -> Sitting:
    sitting = Sitting.objects.select_related("congress__organization").filter(pk=pk).first()
    if sitting is None or not user.is_authenticated:
        raise Http404("sitting not found")
    if not can_see(user, sitting.congress.organization):
        raise Http404("sitting not found")
    if organiser and not is_organiser(user, sitting.congress):
        raise Http404("sitting not found")
    return sitting


def sitting_election_form(sitting) -> ElectionForm:
    form = ElectionForm(initial={"entries_required": 2, "seats": 1})
    held = set(sittings.kinds_held(sitting.congress, sitting))
    field = form.fields["kind"]
    field.choices = [(k, v) for k, v in field.choices if k in held]
    form.fields.pop("alternates")
    return form


@require_GET
@login_required
def sitting_page(request, pk: int):
    sitting = access_sitting(request.user, pk)
    organiser = is_organiser(request.user, sitting.congress)
    figures = sittings.sitting_figures(sitting)
    context = {
        "sitting": sitting,
        "congress": sitting.congress,
        "figures": figures,
        "base_rows": [(label, abs(n), n < 0) for label, n in figures.lines],
        "needed": figures.base // 2 + 1 if figures.base else None,
        "members": sitting.members.order_by("position"),
        "elections": sitting.elections.order_by("id"),
        "organiser": organiser,
        "standings": SittingStanding.choices,
        "attendance": SittingAttendance,
    }
    if organiser:
        context["election_form"] = sitting_election_form(sitting)
    return render(request, "elections/sitting.html", context)


@require_POST
@login_required
def open_first_meeting(request, congress_pk: int):
    from daihoi.congresses.views import access_congress  # the congress wing owns its access

    congress = access_congress(request.user, congress_pk, organiser=True)
    try:
        sitting = sittings.open_first_meeting(request.user, congress)
    except ValidationError as exc:
        flash_refusal(request, exc)
        return redirect("congresses:detail", congress.pk)
    messages.success(request, _("Đã mở hội nghị; điểm danh các cấp ủy viên trúng cử."))
    return redirect("elections:sitting", sitting.pk)


@require_POST
@login_required
def mark_member(request, pk: int, member_pk: int):
    sitting = access_sitting(request.user, pk, organiser=True)
    member = get_object_or_404(sitting.members, pk=member_pk)
    try:
        sittings.mark_member(
            request.user,
            member,
            attendance=request.POST.get("attendance") or None,
            standing=request.POST.get("standing") or None,
        )
    except ValidationError as exc:
        flash_refusal(request, exc)
    return redirect(reverse("elections:sitting", args=[sitting.pk]) + f"#member-{member.pk}")


@require_POST
@login_required
def create_election(request, pk: int):
    sitting = access_sitting(request.user, pk, organiser=True)
    form = ElectionForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("elections:sitting", sitting.pk)
    data = form.service_kwargs()
    data.pop("alternates", None)
    try:
        election = lists.create_election(request.user, sitting.congress, sitting=sitting, **data)
    except ValidationError as exc:
        flash_refusal(request, exc)
        return redirect("elections:sitting", sitting.pk)
    messages.success(request, _("Đã tạo cuộc bầu cử của hội nghị. Lập danh sách bầu cử."))
    return redirect("elections:setup", election.pk)
