"""The delegate portal: small pages for a phone in the hall, with a service worker that keeps
the programme and every document once opened, for when the hall's network fails.

A delegate is not a user: the portal session holds, per congress, the id of the
delegate signed in (``request.session["portal"]``). Pages and files are served
``private``; document files never change (a new version is a new URL), so the
service worker may keep them for good.
"""

from __future__ import annotations

import secrets
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts import ratelimit
from daihoi.congresses.models import Congress
from daihoi.delegates.models import Credentials, Delegate

from .. import portal, programme, rounds
from ..errors import PreparationError
from ..forms import PortalCommentForm, PortalPasswordForm, PortalSignInForm
from ..models import CommentRound, DraftVersion, Seat, Section, Source
from .common import stored_file

SESSION_KEY = "portal"
SW_VERSION = "1"


def _signed_in(request, congress_pk) -> Delegate | None:
    pk = request.session.get(SESSION_KEY, {}).get(str(congress_pk))
    if pk is None:
        return None
    return (
        Delegate.objects.select_related("congress", "member", "delegation")
        .exclude(credentials=Credentials.REJECTED)
        .filter(pk=pk, congress_id=congress_pk)
        .first()
    )


def _sign_in(request, delegate: Delegate) -> None:
    signed = dict(request.session.get(SESSION_KEY, {}))
    request.session.cycle_key()
    signed[str(delegate.congress_id)] = delegate.pk
    request.session[SESSION_KEY] = signed


def delegate_page(view):
    """Pages of a signed-in delegate: others go to the sign-in page of that congress."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        delegate = _signed_in(request, pk)
        if delegate is None:
            return redirect(
                f"{reverse('preparation:portal_signin', args=[pk])}?next={request.path}"
            )
        portal.touch(delegate)
        response = view(request, delegate, *args, **kwargs)
        response.setdefault("Cache-Control", "private, no-cache")
        return response

    return wrapper


def _render(request, delegate, template, **context):
    context.update(delegate=delegate, congress=delegate.congress)
    return render(request, f"preparation/portal/{template}", context)


@require_GET
def service_worker(request):
    body = render_to_string("preparation/portal/sw.js", {"version": SW_VERSION})
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = reverse("preparation:portal_root")
    return response


@require_http_methods(["GET", "POST"])
def link(request, token):
    """A one-time link. GET only asks to continue (chat apps and scanners open links to preview
    them, and must not spend the link); the POST spends it and signs the delegate in."""
    if request.method == "POST":
        delegate = portal.redeem_link(token)
        if delegate is not None:
            _sign_in(request, delegate)
            return redirect("preparation:portal_password", delegate.congress_id)
        return render(request, "preparation/portal/link.html", {"spent": True}, status=410)
    return render(request, "preparation/portal/link.html", {"spent": False})


@require_http_methods(["GET", "POST"])
def signin(request, pk):
    congress = Congress.objects.filter(pk=pk, kind="delegates").first()
    if congress is None:
        raise Http404("congress not found")
    form = PortalSignInForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        number, address = form.cleaned_data["number"], ratelimit.client_address(request)
        attempt = ratelimit.begin(f"portal:{congress.pk}:{number}", address)
        locked = isinstance(attempt, ratelimit.Lockout)
        delegate = (
            None if locked else portal.authenticate(congress, number, form.cleaned_data["password"])
        )
        if delegate is not None:
            ratelimit.succeeded(attempt)
            _sign_in(request, delegate)
            target = request.POST.get("next", "")
            home = reverse("preparation:portal_home", args=[congress.pk])
            return redirect(target if target.startswith(home) else home)
        if locked:
            error = _("Đăng nhập sai nhiều lần. Thử lại sau %(s)s giây.") % {
                "s": attempt.seconds_left
            }
        else:
            ratelimit.failed(attempt)
            error = _("Số thẻ hoặc mật khẩu không đúng.")
    context = {
        "congress": congress,
        "form": form,
        "error": error,
        "next": request.GET.get("next", ""),
    }
    return render(request, "preparation/portal/signin.html", context)


@require_POST
def signout(request, pk):
    signed = dict(request.session.get(SESSION_KEY, {}))
    signed.pop(str(pk), None)
    request.session[SESSION_KEY] = signed
    return render(request, "preparation/portal/signed_out.html", {"congress_pk": pk})


@delegate_page
@require_http_methods(["GET", "POST"])
def password(request, delegate):
    form = PortalPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            portal.set_password(delegate, form.cleaned_data["password"])
        except PreparationError as error:
            form.add_error("password", error.message)
        else:
            messages.success(
                request, _("Đã đặt mật khẩu. Lần sau đăng nhập bằng số thẻ và mật khẩu.")
            )
            return redirect("preparation:portal_home", delegate.congress_id)
    return _render(request, delegate, "password.html", form=form)


@delegate_page
@require_GET
def home(request, delegate):
    congress = delegate.congress
    return _render(
        request,
        delegate,
        "home.html",
        announcements=portal.announcements(congress),
        rounds=portal.open_rounds(congress),
        seat=Seat.objects.filter(delegate=delegate).first(),
    )


@delegate_page
@require_GET
def programme_page(request, delegate):
    return _render(
        request, delegate, "programme.html", sessions=programme.sessions(delegate.congress)
    )


@delegate_page
@require_GET
def documents(request, delegate):
    return _render(request, delegate, "documents.html", drafts=portal.documents(delegate.congress))


@delegate_page
@require_GET
def document(request, delegate, version_pk):
    version = (
        DraftVersion.objects.select_related("draft")
        .filter(portal.given_to_delegates("draft__"), draft__congress_id=delegate.congress_id)
        .filter(pk=version_pk)
        .first()
    )
    if version is None:
        raise Http404("document not found")
    response = stored_file(version.file, version.filename, inline=True)
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response


@delegate_page
@require_GET
def seat(request, delegate):
    found = Seat.objects.filter(delegate=delegate).first()
    return _render(request, delegate, "seat.html", seat=found)


def _comment_form(congress, data=None):
    """The open rounds (the only one chosen already) and their sections; with several
    rounds open, each section is labelled with its document."""
    ids = [r.pk for r in portal.open_rounds(congress)]
    open_rounds = CommentRound.objects.filter(pk__in=ids)
    sections = Section.objects.filter(draft__rounds__in=open_rounds).distinct()
    initial = {"round": ids[0]} if len(ids) == 1 else None
    form = PortalCommentForm(
        data,
        initial=initial,
        rounds=open_rounds.select_related("draft"),
        sections=sections.select_related("draft").order_by("draft_id", "position"),
    )
    if len(ids) > 1:
        form.fields["section"].label_from_instance = lambda s: f"{s.draft.title}: {s.title}"
    return form


@delegate_page
@require_http_methods(["GET", "POST"])
def comment(request, delegate):
    form = _comment_form(delegate.congress, request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        nonce = request.POST.get("nonce", "")[:40]
        fresh = not nonce or cache.add(f"portal-nonce:{delegate.pk}:{nonce}", 1, 86400)
        try:
            if fresh:
                data = form.cleaned_data
                rounds.add_comment(
                    None,
                    data["round"],
                    source=Source.DELEGATE,
                    text=data["text"],
                    section=data["section"],
                    delegate=delegate,
                )
        except PreparationError as error:
            cache.delete(f"portal-nonce:{delegate.pk}:{nonce}")
            form.add_error(None, error.message)
        else:
            sent, form = True, _comment_form(delegate.congress)
    nonce = secrets.token_hex(8)
    return _render(request, delegate, "comment.html", form=form, sent=sent, nonce=nonce)


@require_GET
def root(request):
    return render(request, "preparation/portal/root.html")
