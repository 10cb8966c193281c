"""The page "Hồ sơ, chuẩn y" of a congress and its downloads (GET only; writes are in
views_actions)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from daihoi.elections.models import Election

from . import checklist, forms, selectors
from .access import access_congress, is_higher_committee, is_organiser
from .models import BallotSeal, CommitteeLeaver, FileUpload, PostAssignment


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _elections(congress):
    rows = []
    seals = {s.election_id: s for s in BallotSeal.objects.filter(election__congress=congress)}
    for e in Election.objects.filter(congress=congress).select_related("annulment").order_by("id"):
        annulment = getattr(e, "annulment", None)  # reverse one-to-one: None when absent
        rows.append({"election": e, "annulment": annulment, "seal": seals.get(e.pk)})
    return rows


@require_GET
@login_required
def page(request, pk: int):
    congress = access_congress(request.user, pk)
    committee = selectors.new_committee(congress)
    elected = [n for row in committee for n in row["elected"]]
    not_recognised = set(selectors.approval_of(congress).not_recognised)
    context = {
        "congress": congress,
        "approval": selectors.approval_of(congress),
        "events": selectors.approval_of(congress).events.select_related("actor")
        if selectors.approval_of(congress).pk
        else [],
        "organiser": is_organiser(request.user, congress),
        "higher": is_higher_committee(request.user, congress),
        "committee": committee,
        "window": selectors.complaint_window(congress),
        "elections": _elections(congress),
        "items": checklist.checklist(congress),
        "missing": checklist.missing_items(congress),
        "assignments": PostAssignment.objects.filter(congress=congress),
        "leavers": CommitteeLeaver.objects.filter(congress=congress),
        "plan_candidates": selectors.plan_outcomes(congress),
        "today": timezone.localdate(),
        "request_form": forms.RequestForm(initial={"requested_on": timezone.localdate()}),
        "decision_form": forms.DecisionForm(),
        "approve_form": forms.ApproveForm(names=sorted(set(elected))),
        "seal_form": forms.SealForm(initial={"sealed_on": timezone.localdate()}),
        "destroy_form": forms.DestroyForm(),
        "upload_form": forms.UploadForm(),
        "assign_form": forms.AssignForm(names=sorted(set(elected) - not_recognised)),
        "leaver_form": forms.LeaverForm(),
    }
    return render(request, "approvals/page.html", context)


@require_GET
@login_required
def committee_csv(request, pk: int):
    congress = access_congress(request.user, pk)
    return _attachment(
        checklist.committee_csv(congress), "text/csv; charset=utf-8", f"cap-uy-{congress.pk}.csv"
    )


def _minutes_pdf(election) -> bytes:
    # The minutes' data is assembled by the elections app's result views (document_data).
    from daihoi.elections.minutes import render_minutes_pdf
    from daihoi.elections.views_results import document_data

    return render_minutes_pdf(document_data(election))


@require_GET
@login_required
def file_zip(request, pk: int):
    congress = access_congress(request.user, pk)
    content = checklist.build_zip(congress, _minutes_pdf)
    return _attachment(content, "application/zip", f"ho-so-dai-hoi-{congress.pk}.zip")


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "png": "image/png",
}


@require_GET
@login_required
def uploaded_file(request, pk: int):
    """An uploaded document, to those who may see its congress (media/ is not served)."""
    up = get_object_or_404(FileUpload, pk=pk)
    access_congress(request.user, up.congress_id)
    ext = up.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        up.file.open("rb"), content_type=CONTENT_TYPES.get(ext, "application/octet-stream")
    )
    response["Content-Disposition"] = f'attachment; filename="ho-so-{up.pk}.{ext}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
