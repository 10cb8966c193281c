"""Adding a whole candidate list: paste names, read an Excel sheet, or take the personnel
plan's people; the clerk sees each row's registry match, chooses where a name could be
several people, then saves all rows or none.

The preview is a POST that writes nothing; the save re-reads every row from the form
and goes through `list_bulk.add_candidates` (the single addition's checks, atomic).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import list_bulk, list_sources
from .access import access_election_for_setup
from .list_from_plan import rows_from_plan
from .list_sources import EXACT, NONE, SEVERAL, Row
from .models import Nomination

MAX_UPLOAD = 2 * 1024 * 1024  # a sheet of a few hundred names is a few tens of KB
UNCHOSEN = "?"


def _page(request, election, rows=(), notes=(), errors=(), source="paste", text=""):
    context = {
        "election": election,
        "congress": election.congress,
        "rows": rows,
        "notes": notes,
        "errors": errors,
        "source": source,
        "text": text,
        "nominations": Nomination.choices,
        "counts": {s: sum(r.status == s for r in rows) for s in (EXACT, SEVERAL, NONE)},
        "unchosen": UNCHOSEN,
        "max_rows": list_bulk.MAX_ROWS,
    }
    status = 400 if errors else 200
    return render(request, "elections/list_bulk.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def preview(request, pk: int):
    """GET: the three ways in. POST: the rows read from one of them, nothing saved."""
    election = access_election_for_setup(request.user, pk)
    if request.method == "GET":
        return _page(request, election)
    if election.list_locked:
        messages.error(request, _("Danh sách đã khóa: mở khóa (có ghi nhật ký) để sửa."))
        return redirect("elections:setup", election.pk)
    source = request.POST.get("source", "paste")
    scope = list_sources.member_scope(election, request.user)
    try:
        if source == "excel":
            rows, errors = _excel_rows(request, scope)
            return _page(request, election, rows, errors=errors, source=source)
        if source == "personnel_plan":
            rows, notes = rows_from_plan(election)
            return _page(request, election, rows, notes=notes, source=source)
        text = request.POST.get("names", "")
        rows = list_sources.rows_from_text(scope, text)
    except ValidationError as exc:
        return _page(request, election, errors=exc.messages, source=source)
    except ValueError as exc:
        return _page(request, election, errors=[str(exc)], source=source)
    if not rows:
        return _page(request, election, errors=[_("Chưa dán tên nào.")], text=text)
    return _page(request, election, rows, source="paste", text=text)


def _excel_rows(request, scope):
    upload = request.FILES.get("file")
    if upload is None:
        return [], [_("Chọn tệp Excel (.xlsx) để nhập.")]
    if upload.size > MAX_UPLOAD:
        return [], [_("Tệp quá lớn (tối đa 2 MB).")]
    rows, errors = list_sources.rows_from_excel(scope, upload.read())
    if not rows and not errors:
        errors = [_("Trang tính không có dòng nào dưới dòng tiêu đề.")]
    return rows, errors


def _posted_rows(request, scope) -> tuple[list[Row], list[str]]:
    """The rows as the clerk confirmed them; a choice outside the scope is an error."""
    try:
        count = min(int(request.POST.get("count", "0")), list_bulk.MAX_ROWS)
    except ValueError:
        count = 0
    rows = [
        Row(
            row=_int(request.POST.get(f"row_{i}")) or i + 1,
            text=request.POST.get(f"text_{i}", "")[:150],
        )
        for i in range(count)
    ]
    list_sources.match(scope, rows)
    errors = []
    for i, r in enumerate(rows):
        choice = request.POST.get(f"member_{i}", "")
        r.nominated_by = request.POST.get(f"nominated_{i}", Nomination.CONVENING)
        r.poll_agree = _int(request.POST.get(f"poll_{i}"))
        r.chosen = _int(choice)
        if choice == UNCHOSEN:
            r.errors.append(_("chọn một người trong kết quả khớp, hoặc dùng tên đã gõ."))
        elif r.chosen is not None and all(m.pk != r.chosen for m in r.members):
            member = scope.filter(pk=r.chosen).first()
            if member is None:
                r.errors.append(_("đảng viên đã chọn không thuộc tổ chức của đại hội."))
            else:
                r.members.insert(0, member)
        errors += [str(list_bulk.RowError(r.row, "member", e)) for e in r.errors]
    return rows, errors


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
@login_required
def save(request, pk: int):
    election = access_election_for_setup(request.user, pk)
    source = request.POST.get("source", "paste")
    source = source if source in list_bulk.SOURCES else "paste"
    scope = list_sources.member_scope(election, request.user)
    rows, errors = _posted_rows(request, scope)
    if errors:
        return _page(request, election, rows, errors=errors, source=source)
    new = [
        list_bulk.NewCandidate(
            row=r.row,
            full_name=r.text,
            member=next((m for m in r.members if m.pk == r.chosen), None),
            nominated_by=r.nominated_by,
            poll_agree=r.poll_agree,
        )
        for r in rows
    ]
    try:
        added = list_bulk.add_candidates(request.user, election, new, source=source)
    except list_bulk.BulkRefused as refused:
        by_row = {}
        for e in refused.errors:
            by_row.setdefault(e.row, []).append(f"{list_bulk.field_label(e.field)}: {e.message}")
        for r in rows:
            r.errors = by_row.get(r.row, [])
        return _page(request, election, rows, errors=refused.messages, source=source)
    except ValidationError as exc:
        return _page(request, election, rows, errors=exc.messages, source=source)
    messages.success(
        request,
        _("Đã thêm %(n)d người vào danh sách, xếp theo thứ tự chữ cái.") % {"n": len(added)},
    )
    return redirect(reverse("elections:setup", args=[election.pk]) + "#list")


@require_GET
@login_required
def sheet_template(request, pk: int):
    """An empty sheet with the columns the import reads."""
    from openpyxl import Workbook

    from daihoi.documents.xlsx import workbook_bytes

    access_election_for_setup(request.user, pk)
    book = Workbook()
    sheet = book.active
    sheet.title = "DanhSach"
    sheet.append([label for _key, label in list_sources.SHEET_COLUMNS])
    for letter, width in zip("ABCD", (32, 16, 14, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    response = HttpResponse(
        workbook_bytes(book),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="danh-sach-bau-cu.xlsx"'
    return response
