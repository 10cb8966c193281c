"""What the JSON API refuses before any endpoint runs, and how it says so.

- A body sent with any content type but JSON (``application/json`` or ``…+json``)
  answers 415: a page could otherwise post ``text/plain`` JSON across sites
  without a CORS preflight, and a client that sends the wrong type is confused
  about what it sends.
- A body or parameter of the wrong shape or type answers 422 with a stable code,
  a Vietnamese message naming the first field, and pydantic's list in ``detail``.
- A body that is not JSON at all (or nests absurdly deep) answers 400.
"""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import ValidationError

BODY_METHODS = {"POST", "PUT", "PATCH"}


def is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _carries_non_json(request: HttpRequest) -> bool:
    if not request.body or is_json(request.headers.get("Content-Type", "")):
        return False
    # An empty form (what Django's test client and some tools send for "no body") carries
    # nothing to misread; anything else not JSON does.
    form = request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded")
    return not form or bool(request.POST) or bool(request.FILES)


def require_json(run):
    """A ninja "view" decorator: refuse a non-JSON body with 415 before auth and parsing."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method in BODY_METHODS and _carries_non_json(request):
            message = _("Dữ liệu gửi lên phải là JSON (Content-Type: application/json).")
            return JsonResponse({"code": "unsupported_media_type", "message": message}, status=415)
        return run(request, *args, **kwargs)

    return wrapper


def _where(error: dict) -> str:
    # ninja's loc starts with where the value came from ("body", "query", "path").
    loc = [str(part) for part in error.get("loc", ())]
    if loc and loc[0] in ("body", "query", "path", "header", "cookie", "form"):
        loc = loc[1:]
    if loc and loc[0] == "payload":
        loc = loc[1:]
    return ".".join(loc) or _("nội dung")


def validation_error(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    """422 with a code, a message that names the first wrong field, and pydantic's detail."""
    errors = list(exc.errors)
    first = errors[0] if errors else {}
    message = _("Trường %(field)s không hợp lệ: %(problem)s.") % {
        "field": _where(first),
        "problem": first.get("msg", _("sai kiểu dữ liệu")),
    }
    # Only the plain parts: pydantic's ctx may hold exception objects JSON cannot carry.
    detail = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in errors]
    body = {"code": "invalid_input", "message": message, "detail": detail}
    return JsonResponse(body, status=422, json_dumps_params={"ensure_ascii": False})


ERROR_BODY = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "message": {"type": "string"},
        "detail": {},
    },
}
COMMON = {
    "400": "Nội dung không phải JSON (hoặc lồng nhau quá sâu), hoặc chứa ký tự NUL.",
    "401": "Chưa đăng nhập (phiên làm việc hoặc HTTP Basic).",
    "404": "Không có, hoặc nằm ngoài phạm vi của người dùng.",
    "415": "Nội dung không gửi dưới dạng application/json.",
    "422": "Tham số hoặc nội dung sai kiểu, sai dạng.",
    "429": "Sai mật khẩu quá nhiều lần; thử lại sau.",
}


LOOKED_UP = {"organization"}


def document_refusals(schema: dict) -> dict:
    """Add to each operation the refusals every endpoint of its kind gives (see module doc)."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            params = {p["in"] for p in operation.get("parameters", [])}
            # A query parameter naming an object (?organization=) is looked up like a path one.
            if any(p["name"] in LOOKED_UP for p in operation.get("parameters", [])):
                params.add("path")
            body = "requestBody" in operation
            codes = ["400", "401", "429"]  # 400: a NUL anywhere, or a body not JSON
            codes += ["404"] if "path" in params else []
            codes += ["422"] if params or body else []
            codes += ["415"] if body else []
            for code in codes:
                operation["responses"].setdefault(
                    code,
                    {
                        "description": COMMON[code],
                        "content": {"application/json": {"schema": ERROR_BODY}},
                    },
                )
    return schema


def install(api) -> None:
    """Put the guards on every operation of ``api`` (call before routers are added)."""
    api.add_decorator(require_json, mode="view")
    api.add_exception_handler(ValidationError, validation_error)
    generate = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs):
        return document_refusals(generate(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema
