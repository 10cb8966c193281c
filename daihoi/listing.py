"""What every list a clerk works through shares: page size, sort, pagination, Excel export.

Parameters are parsed strictly and forgivingly: an unknown sort, a page size not offered,
a page number that is not a number fall back to the defaults instead of failing, so a
hand-edited or stale URL still shows a list (never a 500).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from daihoi.documents.xlsx_stream import table_bytes

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def clean_text(value: str | None, limit: int = 100) -> str:
    """A search box's text: NULs and control characters dropped, trimmed, bounded."""
    text = "".join(ch for ch in (value or "") if ch >= " " or ch == "\t")
    return text.strip()[:limit]


def choice(value: str | None, allowed: Iterable[str], default: str = "") -> str:
    """``value`` if it is one of ``allowed``, else ``default``."""
    return value if value in set(allowed) else default


def positive_int(value: str | None) -> int | None:
    """A decimal id from a URL (``"12"`` → 12); anything else (``"x"``, ``"1\\x00"``) → None."""
    if value and value.isascii() and value.isdigit() and len(value) < 12:
        return int(value)
    return None


def page_size(request) -> int:
    size = positive_int(request.GET.get("size"))
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


@dataclass(frozen=True)
class Listing:
    page: Page
    query: str  # the current filters, url-encoded, without "page"
    query_without_sort: str
    size: int
    sizes: Sequence[int] = PAGE_SIZES


def paginate(request, queryset) -> Listing:
    size = page_size(request)
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    without_sort = query.copy()
    without_sort.pop("sort", None)
    return Listing(page, query.urlencode(), without_sort.urlencode(), size)


def xlsx_download(
    filename: str,
    sheet_name: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    formats: Sequence[str | None],
    widths: Sequence[float] = (),
) -> HttpResponse:
    """One sheet: a title line, then the table with a filter row (streamed, formula-safe)."""
    body = table_bytes(sheet_name, title, headers, rows, formats=formats, widths=widths)
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
