"""The upward report's page, its drill-down and its files (XLSX, PDF).

Thin: the organisation comes through `access_organization` as it stood on the
report's day (404 outside the user's subtree), the figures from upward.py, the
files from upward_xlsx / upward_pdf. `?on=` takes a day (dd/mm/yyyy or ISO);
none means today.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.dates import parse_date
from daihoi.organizations.selectors import access_organization, ancestors, can_see, user_root

from . import upward_layout as layout
from .upward import upward_report
from .upward_pdf import upward_pdf
from .upward_xlsx import upward_xlsx
from .views import TERMS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Scope:
    root: object
    term: str
    on: object

    def query(self) -> str:
        return f"org={self.root.pk}&term={self.term}&on={self.on:%d/%m/%Y}"


def _scope(request) -> Scope:
    today = timezone.localdate()
    text = request.GET.get("on", "")
    on = parse_date(text) or today
    if text and parse_date(text) is None:
        messages.error(
            request,
            _("Ngày “%(text)s” không hợp lệ (dd/mm/yyyy): xem đến hôm nay.") % {"text": text},
        )
    pk = request.GET.get("org")
    root = access_organization(request.user, pk, as_of=on) if pk else user_root(request.user)
    if root is None:
        raise Http404("no organisation")
    term = request.GET.get("term") if request.GET.get("term") in TERMS else TERMS[0]
    return Scope(root, term, on)


def _table(report, groups) -> list[dict]:
    """Rows of the page's table: a section heading, then one line per figure with each group's
    value (and the drill-down's group key)."""
    out = []
    for section, figures in layout.SECTIONS:
        out.append({"section": section})
        for key, label in figures:
            cells = [(g.key, layout.value(g, key)) for g in groups]
            out.append(
                {"key": key, "label": label, "cells": cells, "counted": key in layout.COUNTED}
            )
    return out


@login_required
def upward_page(request):
    scope = _scope(request)
    report = upward_report(scope.root, scope.term, scope.on)
    groups = [*report.levels, report.total]
    context = {
        "root": scope.root,
        "term": scope.term,
        "terms": TERMS,
        "on": scope.on,
        "query": scope.query(),
        "report": report,
        "groups": groups,
        "table": _table(report, groups),
        "child_figures": layout.CHILD_FIGURES,
        "child_rows": [
            (g, [(k, g.count(k)) for k, _label in layout.CHILD_FIGURES]) for g in report.children
        ],
        "form_name": layout.FORM_NAME,
        "crumbs": [a for a in ancestors(scope.root) if can_see(request.user, a)],
    }
    return render(request, "reports/upward.html", context)


@login_required
def upward_rows(request):
    """The rows behind one number: ?figure=<key>&group=<level:…|org:…|total>."""
    scope = _scope(request)
    figure, key = request.GET.get("figure", ""), request.GET.get("group", "")
    if figure not in layout.COUNTED and figure != "average_age":
        raise Http404("unknown figure")
    report = upward_report(scope.root, scope.term, scope.on)
    group = report.group(key)
    if group is None:
        raise Http404("unknown group")
    shown = "elected" if figure == "average_age" else figure
    context = {
        "root": scope.root,
        "term": scope.term,
        "on": scope.on,
        "query": scope.query(),
        "group": group,
        "label": layout.LABELS[figure],
        "figure": figure,
        "rows": group.rows.get(shown, []),
        "crumbs": [a for a in ancestors(scope.root) if can_see(request.user, a)],
    }
    return render(request, "reports/upward_rows.html", context)


@login_required
def upward_file(request, fmt: str):
    scope = _scope(request)
    report = upward_report(scope.root, scope.term, scope.on)
    name = f"bao-cao-ket-qua-dai-hoi-{scope.root.code}-{scope.term}-{scope.on:%Y%m%d}"
    if fmt == "xlsx":
        response = HttpResponse(upward_xlsx(report), content_type=XLSX)
    else:
        response = HttpResponse(upward_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
