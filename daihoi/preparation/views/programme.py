"""The programme page of a congress: sessions, items, decisions, and its printed forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.organizations.selectors import ancestors, can_see

from .. import programme as services
from .. import programme_docs as docs
from ..access import access_congress, is_organiser
from ..errors import PreparationError
from ..forms import ItemForm, SessionForm, StandardProgrammeForm, VoteForm
from ..models import AgendaItem, Session
from .common import DOCX, PDF, download, flash_error, flash_form


def _url(congress, anchor: str = "") -> str:
    url = reverse("preparation:programme", args=[congress.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_GET
def programme_page(request, pk):
    congress = access_congress(request.user, pk)
    organiser = is_organiser(request.user, congress.organization)
    sessions = services.sessions(congress)
    context = {
        "congress": congress,
        "organiser": organiser,
        "sessions": sessions,
        "crumbs": [a for a in ancestors(congress.organization) if can_see(request.user, a)],
    }
    if organiser:
        day = congress.starts_on or congress.planned_on or timezone.localdate()
        drafts = congress.drafts.order_by("kind")
        for session in sessions:
            for item in session.items.all():
                item.form = _item_form(item, drafts)
        context.update(
            session_form=SessionForm(initial={"day": day}),
            item_form=ItemForm(drafts=congress.drafts.order_by("kind")),
            vote_form=VoteForm(),
            standard_form=StandardProgrammeForm(initial={"day": day}),
        )
    return render(request, "preparation/programme.html", context)


@login_required
@require_POST
def programme_standard(request, pk):
    congress = access_congress(request.user, pk, organiser=True)
    form = StandardProgrammeForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            services.add_standard_programme(request.user, congress, day=form.cleaned_data["day"])
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã lập chương trình mẫu; sửa giờ và người trình bày."))
    return redirect(_url(congress))


@login_required
@require_POST
def session_add(request, pk):
    congress = access_congress(request.user, pk, organiser=True)
    form = SessionForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            session = services.add_session(request.user, congress, **form.cleaned_data)
        except PreparationError as error:
            flash_error(request, error)
        else:
            return redirect(_url(congress, f"session-{session.pk}"))
    return redirect(_url(congress))


def _session(request, pk) -> Session:
    session = Session.objects.filter(pk=pk).first()
    if session is None:
        raise Http404("session not found")
    access_congress(request.user, session.congress_id, organiser=True)
    return session


def _item(request, pk) -> AgendaItem:
    item = AgendaItem.objects.select_related("session").filter(pk=pk).first()
    if item is None:
        raise Http404("item not found")
    access_congress(request.user, item.session.congress_id, organiser=True)
    return item


@login_required
@require_POST
def item_add(request, pk):
    session = _session(request, pk)
    form = ItemForm(request.POST, drafts=session.congress.drafts.all())
    if not form.is_valid():
        flash_form(request, form)
    else:
        data = form.cleaned_data
        data["decision"] = data.get("decision") or ""
        try:
            services.add_item(request.user, session, **data)
        except PreparationError as error:
            flash_error(request, error)
    return redirect(_url(session.congress, f"session-{session.pk}"))


def _item_form(item: AgendaItem, drafts, data=None) -> ItemForm:
    initial = {
        f: getattr(item, f) for f in ("starts_at", "minutes", "title", "speaker", "decision")
    }
    initial["draft"] = item.draft_id
    return ItemForm(data, prefix=f"i{item.pk}", initial=initial, drafts=drafts)


@login_required
@require_POST
def item_edit(request, pk):
    item = _item(request, pk)
    form = _item_form(item, item.session.congress.drafts.all(), request.POST)
    if not form.is_valid():
        flash_form(request, form)
    else:
        data = form.cleaned_data
        data["decision"] = data.get("decision") or ""
        try:
            services.update_item(request.user, item, **data)
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã sửa nội dung chương trình."))
    return redirect(_url(item.session.congress, f"item-{item.pk}"))


@login_required
@require_POST
def item_move(request, pk, direction):
    item = _item(request, pk)
    services.move_item(request.user, item, -1 if direction == "up" else 1)
    return redirect(_url(item.session.congress, f"item-{item.pk}"))


@login_required
@require_POST
def item_remove(request, pk):
    item = _item(request, pk)
    congress = item.session.congress
    try:
        services.remove_item(request.user, item)
    except PreparationError as error:
        flash_error(request, error)
    return redirect(_url(congress))


@login_required
@require_POST
def item_vote(request, pk):
    item = _item(request, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            item = services.record_decision(request.user, item, **form.cleaned_data)
        except PreparationError as error:
            flash_error(request, error)
        else:
            outcome = _("thông qua") if item.vote.passed else _("không thông qua")
            messages.success(request, f"{item.title}: {outcome}.")
    return redirect(_url(item.session.congress, f"item-{item.pk}"))


@login_required
@require_GET
def programme_file(request, pk, fmt):
    congress = access_congress(request.user, pk)
    sessions = services.sessions(congress)
    today = timezone.localdate()
    if fmt == "pdf":
        return download(
            docs.programme_pdf(congress, sessions, today),
            "chuong-trinh-dai-hoi.pdf",
            PDF,
            inline=True,
        )
    return download(
        docs.programme_docx(congress, sessions, today), "chuong-trinh-dai-hoi.docx", DOCX
    )


@login_required
@require_GET
def minutes_file(request, pk, fmt):
    congress = access_congress(request.user, pk)
    sessions = services.sessions(congress)
    if fmt == "pdf":
        return download(
            docs.minutes_pdf(congress, sessions), "bien-ban-bieu-quyet.pdf", PDF, inline=True
        )
    return download(docs.minutes_docx(congress, sessions), "bien-ban-bieu-quyet.docx", DOCX)
