"""The scanning pages of a ballot box: upload, progress, the scan's summary and its end.

Thin views: look up through ``access`` (404 outside the box's counting team),
call one service, map its refusal to a message, redirect (post/redirect/get).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.elections.entry_machine import EntryError
from daihoi.elections.forms import parse_entry_line
from daihoi.elections.judging import BallotInputError

from . import adjudication, services
from .access import access_batch, access_page, access_scan, is_team_leader
from .errors import ScanError
from .forms import FinaliseForm, MoreFilesForm, ReasonForm, TypedBallotForm, UploadForm
from .images import NoImage, row_crop, whole_page
from .jobs import start_reading
from .models import PageStatus, ScannedPage, ScanStatus
from .selectors import names_of, scan_summary


def _refused(request, exc) -> None:
    messages.error(request, getattr(exc, "message", str(exc)))


def _files(form) -> list[tuple[str, bytes]]:
    return [(f.name, f.read()) for f in form.cleaned_data["files"]]


@require_GET
@login_required
def batch_scans(request, batch_pk: int):
    batch = access_batch(request.user, batch_pk)
    context = {
        "batch": batch,
        "election": batch.election,
        "scans": batch.scans.select_related("uploaded_by", "entry").order_by("-created"),
        "form": UploadForm(),
        "is_leader": is_team_leader(request.user, batch),
    }
    return render(request, "scanning/batch.html", context)


@require_POST
@login_required
def upload(request, batch_pk: int):
    batch = access_batch(request.user, batch_pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("scanning:batch", batch.pk)
    files = _files(form)
    size = form.cleaned_data["page_size"] or None
    try:
        scan = services.create_scan(request.user, batch, files, page_size=size)
    except ScanError as exc:
        _refused(request, exc)
        return redirect("scanning:batch", batch.pk)
    start_reading(scan, files)
    return redirect("scanning:scan", scan.pk)


@require_GET
@login_required
def scan_page(request, scan_pk: int):
    scan = access_scan(request.user, scan_pk)
    context = {
        "scan": scan,
        "batch": scan.batch,
        "election": scan.election,
        "summary": scan_summary(scan),
        "finalise_form": FinaliseForm(),
        "more_form": MoreFilesForm(),
        "typed_form": TypedBallotForm(),
        "reason_form": ReasonForm(),
        "is_leader": is_team_leader(request.user, scan.batch),
        "reading": scan.status in (ScanStatus.QUEUED, ScanStatus.PROCESSING),
    }
    return render(request, "scanning/scan.html", context)


@require_GET
@login_required
def progress(request, scan_pk: int):
    """HTMX partial polled every second while the scan is read; reloads the page when done."""
    scan = access_scan(request.user, scan_pk)
    if scan.status not in (ScanStatus.QUEUED, ScanStatus.PROCESSING):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "scanning/_progress.html", {"scan": scan})


@require_POST
@login_required
def add_files(request, scan_pk: int):
    scan = access_scan(request.user, scan_pk)
    form = MoreFilesForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chọn ít nhất một tệp quét."))
        return redirect("scanning:scan", scan.pk)
    files = _files(form)
    try:
        scan = services.add_files(request.user, scan, files)
    except ScanError as exc:
        _refused(request, exc)
        return redirect("scanning:scan", scan.pk)
    start_reading(scan, files)
    return redirect("scanning:scan", scan.pk)


@require_POST
@login_required
def type_ballot(request, scan_pk: int):
    scan = access_scan(request.user, scan_pk)
    form = TypedBallotForm(request.POST)
    election = scan.election
    try:
        form.is_valid()
        line = form.cleaned_data.get("line", "")
        content = parse_entry_line(line, len(names_of(election)), election.seats)
        if content is None:
            raise BallotInputError("undo", _("Dùng nút “Bỏ” ở dòng phiếu nhập tay để xóa."))
        page = adjudication.add_typed_ballot(request.user, scan, content)
    except (BallotInputError, ScanError) as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Đã thêm phiếu nhập tay (trang %(n)s).") % {"n": page.number})
    return redirect("scanning:scan", scan.pk)


@require_POST
@login_required
def remove_typed(request, page_pk: int):
    page = access_page(request.user, page_pk)
    try:
        adjudication.remove_typed_ballot(request.user, page)
    except ScanError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Đã bỏ phiếu nhập tay."))
    return redirect("scanning:scan", page.scan_id)


@require_POST
@login_required
def finalise(request, scan_pk: int):
    scan = access_scan(request.user, scan_pk)
    form = FinaliseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Gõ số tờ phiếu đếm được trên giấy."))
        return redirect("scanning:scan", scan.pk)
    try:
        created = services.finalise_scan(request.user, scan, form.cleaned_data["count"])
    except (ScanError, EntryError) as exc:
        _refused(request, exc)
        return redirect("scanning:scan", scan.pk)
    batch = created.batch
    batch.refresh_from_db()
    messages.success(request, _finalised_message(batch.status, created.slot))
    if batch.status == "different":
        return redirect("scanning:crosscheck", batch.pk)
    return redirect("scanning:scan", scan.pk)


def _finalised_message(status: str, slot: int) -> str:
    done = _("Lần quét đã thành lần nhập %(slot)s của hòm.") % {"slot": slot}
    if status == "reconciled":
        return done + " " + _("Các lần nhập khớp nhau: hòm phiếu đã được tính.")
    if status == "different":
        return done + " " + _("Máy quét và bàn phím khác nhau: tổ trưởng đối chiếu.")
    return done + " " + _("Chờ lần nhập độc lập tiếp theo (bàn phím).")


@require_POST
@login_required
def discard(request, scan_pk: int):
    scan = access_scan(request.user, scan_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do hủy lần quét."))
        return redirect("scanning:scan", scan.pk)
    try:
        services.discard_scan(request.user, scan, form.cleaned_data["reason"])
    except ScanError as exc:
        _refused(request, exc)
    else:
        messages.warning(request, _("Đã hủy lần quét (có ghi nhật ký)."))
    return redirect("scanning:batch", scan.batch_id)


def _image(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@login_required
def crop(request, page_pk: int, position: int):
    page = access_page(request.user, page_pk)
    page = get_object_or_404(ScannedPage, pk=page.pk, status=PageStatus.OK)
    row = request.GET.get("row", "")
    highlight = int(row) if row.isdigit() else 0
    try:
        return _image(
            whole_page(page, highlight=highlight) if position == 0 else row_crop(page, position)
        )
    except NoImage as exc:
        raise Http404("no image") from exc
