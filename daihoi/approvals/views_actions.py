"""POST actions of the page "Hồ sơ, chuẩn y": one service each, errors shown as messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.elections.models import Election

from . import forms, selectors, services
from .access import access_congress, is_higher_committee, is_organiser
from .models import BallotSeal


def _back(congress, anchor: str):
    return redirect(reverse("approvals:page", args=[congress.pk]) + f"#{anchor}")


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _decision(d: dict) -> dict:
    return {"number": d["number"], "decided_on": d["decided_on"], "issued_by": d["issued_by"]}


def _run(request, congress, anchor, form, call, done: str):
    if not form.is_valid():
        _form_errors(request, form)
        return _back(congress, anchor)
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, done)
    return _back(congress, anchor)


def _elected(congress) -> list[str]:
    return sorted({n for r in selectors.new_committee(congress) for n in r["elected"]})


ORGANISER_ACTIONS = {"request", "upload", "assign", "leaver"}
HIGHER_ACTIONS = {"approve", "refuse"}


@require_POST
@login_required
def congress_action(request, pk: int, action: str):
    congress = access_congress(request.user, pk)
    user = request.user
    if action in ORGANISER_ACTIONS and not is_organiser(user, congress):
        raise Http404
    if action in HIGHER_ACTIONS and not is_higher_committee(user, congress):
        raise Http404
    if action == "request":
        form = forms.RequestForm(request.POST)
        call = lambda d: services.request_approval(user, congress, d["requested_on"])  # noqa: E731
        return _run(request, congress, "approval", form, call, _("Đã gửi đề nghị chuẩn y."))
    if action == "approve":
        form = forms.ApproveForm(request.POST, names=_elected(congress))
        call = lambda d: services.approve_result(  # noqa: E731
            user, congress, not_recognised=d["not_recognised"], reason=d["reason"], **_decision(d)
        )
        return _run(request, congress, "approval", form, call, _("Đã ghi quyết định chuẩn y."))
    if action == "refuse":
        form = forms.DecisionForm(request.POST)
        call = lambda d: services.refuse_approval(  # noqa: E731
            user, congress, reason=d["reason"], **_decision(d)
        )
        return _run(
            request, congress, "approval", form, call, _("Đã ghi quyết định không chuẩn y.")
        )
    if action == "upload":
        form = forms.UploadForm(request.POST, request.FILES)
        call = lambda d: services.upload_file(  # noqa: E731
            user, congress, kind=d["kind"], title=d["title"], uploaded=d["file"]
        )
        return _run(request, congress, "file", form, call, _("Đã tải tài liệu lên hồ sơ."))
    if action == "assign":
        form = forms.AssignForm(request.POST, names=_elected(congress))
        call = lambda d: services.assign_post(user, congress, **d)  # noqa: E731
        return _run(request, congress, "after", form, call, _("Đã ghi phân công."))
    if action == "leaver":
        form = forms.LeaverForm(request.POST)
        call = lambda d: services.record_leaver(user, congress, **d)  # noqa: E731
        return _run(request, congress, "after", form, call, _("Đã ghi người thôi tham gia cấp ủy."))
    raise Http404


@require_POST
@login_required
def election_action(request, pk: int, action: str):
    election = get_object_or_404(Election.objects.select_related("congress"), pk=pk)
    congress = access_congress(request.user, election.congress_id)
    user = request.user
    if action == "annul":
        if not is_higher_committee(user, congress):
            raise Http404
        form = forms.DecisionForm(request.POST)
        call = lambda d: services.annul_election(  # noqa: E731
            user, election, reason=d["reason"], **_decision(d)
        )
        return _run(request, congress, "elections", form, call, _("Đã ghi quyết định bãi bỏ."))
    if not is_organiser(user, congress):
        raise Http404
    if action == "seal":
        form = forms.SealForm(request.POST)
        call = lambda d: services.seal_ballots(user, election, **d)  # noqa: E731
        return _run(request, congress, "elections", form, call, _("Đã ghi niêm phong phiếu."))
    if action == "destroy":
        seal = get_object_or_404(BallotSeal, election=election)
        form = forms.DestroyForm(request.POST)
        call = lambda d: services.record_destruction(user, seal, **d)  # noqa: E731
        return _run(request, congress, "elections", form, call, _("Đã ghi biên bản hủy phiếu."))
    raise Http404
