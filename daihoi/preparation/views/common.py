"""What every preparation view shares: flashing errors, file responses, the term chosen."""

from __future__ import annotations

import mimetypes
import os
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from ..errors import PreparationError
from ..forms import TERMS
from ..tables.files import CONTENT_TYPES

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def flash_error(request, error: PreparationError | ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def flash_form(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def term_of(request) -> str:
    term = request.GET.get("term", "")
    return term if term in TERMS else TERMS[0]


def disposition(filename: str, inline: bool = False) -> str:
    """Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266)."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "tep"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def download(data: bytes, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = disposition(filename, inline)
    return response


def stored_file(field, filename: str = "", inline: bool = False) -> FileResponse:
    """A stored upload, after the view has checked access."""
    if not field:
        raise Http404("no file")
    name = filename or os.path.basename(field.name)
    ext = os.path.splitext(name)[1].lower()
    content_type = (
        CONTENT_TYPES.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = disposition(name, inline)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def back(request, default: str) -> HttpResponseRedirect:
    """Redirect to the form's ``next`` when it is a path on this site, else to ``default``."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return HttpResponseRedirect(target if target and safe else default)
