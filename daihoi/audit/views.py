"""The in-app audit page (issue 19): filters, export, the chain's status and head."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors
from .anchor import make_anchor
from .export import render_audit_xlsx
from .forms import AuditFilterForm
from .keys import AuditKeyError
from .labels import action_label, object_type_label
from .models import AuditHead, ChainCheck
from .services import check_chain

PAGE_SIZE = 50


def _filtered(request):
    entries = selectors.visible_entries(request.user)
    form = AuditFilterForm(
        request.GET or None,
        actions=selectors.choices(entries, "action"),
        object_types=selectors.choices(entries, "object_type"),
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and form.errors:
        entries = entries.none()
    return form, selectors.filter_entries(entries, data)


def _person(entry) -> str:
    """Vietnamese order (family and middle names, then the given name), else the login."""
    if entry.actor_id and (entry.actor.last_name or entry.actor.first_name):
        return f"{entry.actor.last_name} {entry.actor.first_name}".strip()
    return entry.actor_name or _("(hệ thống)")


def rows(entries) -> list[dict]:
    return [
        {
            "entry": e,
            "actor": _person(e),
            "action_label": action_label(e.action),
            "object_label": object_type_label(e.object_type),
        }
        for e in entries
    ]


@require_GET
@login_required
def audit_log(request):
    form, entries = _filtered(request)
    page = Paginator(entries.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "rows": rows(page.object_list),
        "query": query.urlencode(),
        "head": AuditHead.objects.filter(id=1).first(),
        "last_check": ChainCheck.objects.select_related("by").first(),
        "may_check": selectors.may_check_chain(request.user),
        "sees_everything": selectors.sees_everything(request.user),
    }
    return render(request, "audit/log.html", context)


@require_GET
@login_required
def audit_export(request):
    form, entries = _filtered(request)
    content = render_audit_xlsx(rows(entries.select_related("actor")[:100_000]))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-kiem-toan-{stamp}.xlsx"'
    return response


@require_POST
@login_required
def audit_verify(request):
    if not selectors.may_check_chain(request.user):
        raise Http404("not allowed")
    report, _check = check_chain(request.user)
    if report.ok:
        messages.success(
            request,
            _("Chuỗi nhật ký toàn vẹn: %(n)s mục, mã phiếu các hòm khớp.") % {"n": report.checked},
        )
    else:
        messages.error(request, _("Chuỗi nhật ký HỎNG: %(p)s") % {"p": report.problems[0].message})
    target = reverse("audit:log")
    query = request.GET.urlencode()  # back to the same filters
    return redirect(f"{target}?{query}" if query else target)


@require_GET
@login_required
def audit_anchor(request):
    if not selectors.may_check_chain(request.user):
        raise Http404("not allowed")
    try:
        anchor = make_anchor()
    except AuditKeyError as error:
        messages.error(request, str(error))
        return redirect("audit:log")
    response = HttpResponse(
        json.dumps(anchor, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="moc-nhat-ky-{anchor["seq"]}.json"'
    return response
