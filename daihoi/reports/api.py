"""The upward report over JSON: the same figures as /reports/upward/, counts only.

GET /api/reports/upward?org=<id>&term=2025-2030&on=YYYY-MM-DD (all optional: the
user's organisation, the current term, today). Outside the user's subtree: 404.
The shape is documented in README.md ("Upward report") and kept stable.
"""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from daihoi.organizations.selectors import access_organization, user_root

from . import upward_layout as layout
from .upward import upward_report
from .views import TERMS

router = Router(tags=["reports"])


class GroupOut(Schema):
    key: str
    label: str
    organization_id: int | None
    figures: dict[str, int]
    average_age: float | None


class UpwardOut(Schema):
    form: str
    organization_id: int
    organization: str
    term: str
    on: dt.date
    levels: list[GroupOut]
    children: list[GroupOut]
    total: GroupOut


def _group(g) -> dict:
    age = g.average_age
    return {
        "key": g.key,
        "label": g.label,
        "organization_id": g.org_id,
        "figures": {k: g.count(k) for k in layout.COUNTED},
        "average_age": float(age) if age is not None else None,
    }


class NotFoundOut(Schema):
    detail: str


@router.get("/upward", response={200: UpwardOut, 404: NotFoundOut})
def upward(request, org: int | None = None, term: str = TERMS[0], on: dt.date | None = None):
    """Figures each level sends up after its congresses, by level and subordinate organisation."""
    on = on or timezone.localdate()
    if term not in TERMS:
        raise Http404("unknown term")
    root = access_organization(request.auth, org, as_of=on) if org else user_root(request.auth)
    if root is None:
        raise Http404("no organisation")
    report = upward_report(root, term, on)
    return {
        "form": layout.FORM_NAME,
        "organization_id": root.pk,
        "organization": root.name,
        "term": term,
        "on": on,
        "levels": [_group(g) for g in report.levels],
        "children": [_group(g) for g in report.children],
        "total": _group(report.total),
    }
