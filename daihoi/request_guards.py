"""Refuse, before any view runs, what no view can store: a NUL character anywhere in a request.

PostgreSQL cannot hold U+0000 in text, so such a value reaching a query (a search box, a
filter, a JSON field) would end as a server error; SQLite would store it and hide it. No
legitimate name, code or search contains one. The answer is 400 with a Vietnamese message
naming the parameter: HTML for pages, ``{"code", "message"}`` for the JSON API.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

NUL = "\x00"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _json_has_nul(body: bytes) -> bool:
    # Cheap test first: the ballot path must stay fast. JSON writes NUL as \u0000.
    if b"\\u0000" not in body and b"\x00" not in body:
        return False
    try:
        return _has_nul(json.loads(body))
    except (ValueError, RecursionError):
        return False  # not JSON: the API answers that itself


def nul_field(request: HttpRequest) -> str | None:
    """The name of the first part of the request that holds a NUL, or None."""
    if NUL in request.path:
        return _("đường dẫn")
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in v for v in values):
            return key.replace(NUL, "")
    if request.method in ("POST", "PUT", "PATCH"):
        # The API reads its body itself (JSON only; api_guards answers 415 to a form), and
        # reading request.POST here first would leave request.body unreadable there.
        api = request.path.startswith("/api/")
        if request.content_type in FORM_TYPES and request.method == "POST" and not api:
            for key, values in request.POST.lists():
                if NUL in key or any(NUL in v for v in values):
                    return key.replace(NUL, "")
        elif request.content_type.endswith("json") and _json_has_nul(request.body):
            return _("nội dung JSON")
    return None


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = nul_field(request)
        if field is None:
            return self.get_response(request)
        message = _("Giá trị của “%(field)s” chứa ký tự NUL (mã 0), không thể lưu hay tìm.") % {
            "field": field
        }
        if request.path.startswith("/api/"):
            return JsonResponse({"code": "nul_character", "message": message}, status=400)
        page = f"<!doctype html><meta charset=utf-8><title>400</title><p>{escape(message)}</p>"
        return HttpResponse(page, status=400, content_type="text/html; charset=utf-8")


MAX_ID = 2**63 - 1  # the largest primary key either database can hold


def query_id(value) -> int | None:
    """A primary key from a query string, or None for anything else ("x", "٣", "-1", 10**20)."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
