"""The organisers' side of the delegate portal: sign-in slips, seats, announcements."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.organizations.selectors import ancestors, can_see

from .. import portal, portal_docs
from ..access import access_congress
from ..errors import PreparationError
from ..forms import AnnouncementForm, LinksForm, SeatsForm, SeatsImportForm
from .common import PDF, XLSX, download, flash_error, flash_form


def _congress(request, pk):
    congress = access_congress(request.user, pk, organiser=True)
    if congress.kind != "delegates":
        raise Http404("a members' congress has no delegates")
    return congress


def _url(congress) -> str:
    return reverse("preparation:portal_admin", args=[congress.pk])


@login_required
@require_GET
def portal_admin(request, pk):
    congress = _congress(request, pk)
    context = {
        "congress": congress,
        "usage": portal.usage(congress),
        "announcements": portal.announcements(congress),
        "links_form": LinksForm(),
        "seats_form": SeatsForm(),
        "import_form": SeatsImportForm(),
        "announcement_form": AnnouncementForm(),
        "portal_url": request.build_absolute_uri(
            reverse("preparation:portal_signin", args=[congress.pk])
        ),
        "crumbs": [a for a in ancestors(congress.organization) if can_see(request.user, a)],
    }
    return render(request, "preparation/portal_admin.html", context)


@login_required
@require_POST
def portal_links(request, pk):
    """Issue new one-time links and answer with the slips to print (the tokens exist only here)."""
    congress = _congress(request, pk)
    form = LinksForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect(_url(congress))
    numbers = form.cleaned_data["numbers"]
    chosen = portal.summoned(congress).select_related("member").order_by("number")
    if numbers is not None:
        chosen = chosen.filter(number__in=numbers)
    chosen = list(chosen)
    if not chosen:
        messages.error(request, _("Không có đại biểu nào ứng với số thẻ đã nhập."))
        return redirect(_url(congress))
    days = form.cleaned_data["days"]
    issued = portal.issue_links(request.user, congress, chosen, days=days)
    expires = (timezone.localdate() + dt.timedelta(days=days)).strftime("%d/%m/%Y")

    def url_for(token: str) -> str:
        return request.build_absolute_uri(reverse("preparation:portal_go", args=[token]))

    data = portal_docs.slips_pdf(congress, issued, url_for, expires)
    return download(data, f"phieu-dang-nhap-{congress.pk}.pdf", PDF)


@login_required
@require_POST
def portal_seats(request, pk):
    congress = _congress(request, pk)
    form = SeatsForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            n = portal.assign_seats(request.user, congress, **form.cleaned_data)
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã xếp chỗ cho %(n)s đại biểu.") % {"n": n})
    return redirect(_url(congress))


@login_required
@require_GET
def portal_seats_xlsx(request, pk):
    congress = _congress(request, pk)
    delegates = portal.summoned(congress).select_related("member", "delegation", "seat")
    data = portal_docs.seating_xlsx(congress, delegates.order_by("number"))
    return download(data, f"so-do-cho-ngoi-{congress.pk}.xlsx", XLSX)


@login_required
@require_POST
def portal_seats_import(request, pk):
    congress = _congress(request, pk)
    form = SeatsImportForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form(request, form)
        return redirect(_url(congress))
    numbers = set(portal.summoned(congress).values_list("number", flat=True))
    try:
        rows = portal_docs.read_seating(form.cleaned_data["file"].read(), numbers)
        n = portal.replace_seats(request.user, congress, rows)
    except PreparationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Đã nhập sơ đồ: %(n)s chỗ ngồi.") % {"n": n})
    return redirect(_url(congress))


@login_required
@require_POST
def portal_announce(request, pk):
    congress = _congress(request, pk)
    form = AnnouncementForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            portal.announce(request.user, congress, **form.cleaned_data)
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã đăng thông báo lên cổng đại biểu."))
    return redirect(_url(congress))


@login_required
@require_POST
def portal_clear_password(request, pk):
    congress = _congress(request, pk)
    number = request.POST.get("number", "")
    delegate = (
        portal.summoned(congress).filter(number=int(number)).first() if number.isdigit() else None
    )
    if delegate is None:
        messages.error(request, _("Không có đại biểu số %(n)s.") % {"n": number})
    else:
        portal.clear_password(request.user, delegate)
        messages.success(request, _("Đã xóa mật khẩu; cấp lại phiếu đăng nhập cho đại biểu."))
    return redirect(_url(congress))
