"""JSON endpoints of the member registry, scoped like the pages (404 outside the subtree).

PATCH goes through `services.update_member`, so every change is validated by the
model and written to the audit log, exactly as from the edit page.
"""

import datetime as dt
import math

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from ninja import Router, Schema
from ninja.errors import HttpError

from daihoi.concurrency import StaleEdit
from daihoi.organizations.selectors import access_organization

from . import selectors, services

router = Router(tags=["members"])
PAGE_SIZE = 50


class OrganizationRef(Schema):
    id: int
    code: str
    name: str


class MemberSummaryOut(Schema):
    id: int
    code: str
    full_name: str
    gender: str
    birth_date: dt.date
    status: str
    organization_id: int


class MemberPage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    items: list[MemberSummaryOut]


class PostOut(Schema):
    title: str
    organization_id: int | None
    key_post: bool
    started_on: dt.date
    ended_on: dt.date | None


class PlanningOut(Schema):
    title: str
    term: str
    approved_on: dt.date | None


class MemberOut(Schema):
    id: int
    code: str
    family_name: str
    middle_name: str
    given_name: str
    full_name: str
    gender: str
    birth_date: dt.date
    birth_year_only: bool
    ethnicity: str
    religion: str
    hometown: str
    citizen_id: str
    admitted_on: dt.date
    full_member_on: dt.date | None
    status: str
    general_education: str
    education: str
    political_theory: str
    active: bool
    organization: OrganizationRef
    posts: list[PostOut]
    plannings: list[PlanningOut]

    @staticmethod
    def resolve_posts(member) -> list:
        return list(member.posts.all())

    @staticmethod
    def resolve_plannings(member) -> list:
        return list(member.plannings.all())


class MemberPatch(Schema):
    """Fields an editor may change; the organisation is not one of them (that is a transfer)."""

    code: str | None = None
    family_name: str | None = None
    middle_name: str | None = None
    given_name: str | None = None
    gender: str | None = None
    birth_date: dt.date | None = None
    birth_year_only: bool | None = None
    ethnicity: str | None = None
    religion: str | None = None
    hometown: str | None = None
    citizen_id: str | None = None
    admitted_on: dt.date | None = None
    full_member_on: dt.date | None = None
    status: str | None = None
    general_education: str | None = None
    education: str | None = None
    political_theory: str | None = None


class ErrorOut(Schema):
    detail: str


class FieldErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


@router.get("", response=MemberPage)
def list_members(request, q: str = "", organization: int | None = None, page: int = 1):
    """Members the user may see, searched without accents ("nguyen van an"), 50 a page."""
    members = selectors.visible_members(request.auth)
    if organization is not None:
        org = access_organization(request.auth, organization)
        members = members.filter(organization__path__startswith=org.path)
    members = selectors.search(members, q).order_by(
        "given_name", "family_name", "middle_name", "code"
    )
    paginator = Paginator(members, PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": max(1, math.ceil(paginator.count / PAGE_SIZE)),
        "page_size": PAGE_SIZE,
        "items": list(current),
    }


class StaleOut(Schema):
    code: str
    message: str
    version: str


def _etag(member) -> str:
    return f'"{services.member_version(member)}"'


def _if_match(request) -> str | None:
    """The version named by If-Match (quotes and a weak W/ prefix removed); None if absent or *."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    return header.removeprefix("W/").strip().strip('"') or None


@router.get("/{int:member_id}", response=MemberOut)
def get_member(request, member_id: int, response: HttpResponse):
    """The member; the ETag header is its version, to send back as If-Match with a PATCH."""
    member = selectors.access_member(request.auth, member_id)
    response["ETag"] = _etag(member)
    return member


@router.patch(
    "/{int:member_id}",
    response={200: MemberOut, 403: ErrorOut, 412: StaleOut, 422: FieldErrors},
)
def patch_member(request, member_id: int, payload: MemberPatch, response: HttpResponse):
    """Change the fields sent, and only those, on the member as it is now.

    With `If-Match: "<ETag of the GET>"` the change is refused with 412 (nothing written)
    if someone changed the member since; without it, fields not sent are never touched.
    """
    member = selectors.access_member(request.auth, member_id)
    if not request.auth.can_edit:
        raise HttpError(403, "this account may only read")
    changes = payload.dict(exclude_unset=True)
    try:
        member = services.update_member(
            request.auth, member, expected_version=_if_match(request), **changes
        )
    except StaleEdit as stale:
        body = {"code": stale.code, "message": stale.message, "version": stale.version}
        return JsonResponse(body, status=412, headers={"ETag": f'"{stale.version}"'})
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        # A plain response works on every django-ninja 1.x (tuples are deprecated).
        return JsonResponse({"detail": "invalid member", "errors": errors}, status=422)
    response["ETag"] = _etag(member)
    return member
