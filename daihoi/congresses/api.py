"""The congress's attendance and base over JSON: one figure, from one place (congresses.base).

GET answers the base with its computation and source; PUT changes the attendance
figures through `services.update_attendance`, which refuses figures that cannot
be (negative, more present than summoned, more excluded than summoned) with one
message per field (422) and writes nothing.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from ninja import Router, Schema
from ninja.errors import HttpError

from daihoi.organizations.selectors import can_see

from . import services
from .base import congress_figures
from .models import Congress

router = Router(tags=["congresses"])


class BaseOut(Schema):
    summoned: int
    present: int
    base: int
    lines: list[tuple[str, int]]
    source: str
    base_source: str


class AttendanceIn(Schema):
    summoned: int | None = None
    present: int | None = None
    excluded_attached_elsewhere: int | None = None
    excluded_exempt_absent: int | None = None
    excluded_suspended: int | None = None
    excluded_absent_with_reason: int | None = None
    excluded_committee_absent: int | None = None
    excluded_delegates_absent_no_alternate: int | None = None


class FieldErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class RefusedOut(Schema):
    detail: str


def _access(user, pk: int) -> Congress:
    congress = Congress.objects.select_related("organization").filter(pk=pk).first()
    if congress is None or not can_see(user, congress.organization):
        raise Http404("congress not found")
    return congress


def _out(congress: Congress) -> dict:
    f = congress_figures(congress)
    return {
        "summoned": f.summoned,
        "present": f.present,
        "base": f.base,
        "lines": list(f.lines),
        "source": f.source,
        "base_source": congress.base_source,
    }


@router.get("/{int:congress_id}/base", response=BaseOut)
def get_base(request, congress_id: int):
    """The base elections of this congress use, with its computation and where it comes from."""
    return _out(_access(request.auth, congress_id))


@router.put(
    "/{int:congress_id}/attendance",
    response={200: BaseOut, 403: RefusedOut, 422: FieldErrorsOut},
)
def put_attendance(request, congress_id: int, payload: AttendanceIn):
    """Change summoned, present or the lawful exclusions; 422 names each impossible field."""
    congress = _access(request.auth, congress_id)
    if not request.auth.can_edit:
        raise HttpError(403, "this account may only read")
    counts = {k: v for k, v in payload.dict().items() if v is not None}
    try:
        congress = services.update_attendance(request.auth, congress, **counts)
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return JsonResponse({"detail": "invalid attendance", "errors": errors}, status=422)
    return _out(congress)
