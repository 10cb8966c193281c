"""A member's transfers and timeline. Access through `access_member` (404 outside the
user's subtree); writes through people.transfers, for editors only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.organizations.history import today

from .. import selectors, transfers
from ..forms_transfer import EndAttachmentForm, TransferForm
from ..models import AssignmentKind
from ..timeline import timeline
from .members import require_editor


@require_http_methods(["GET", "POST"])
@login_required
def member_transfer(request, pk: int):
    member = selectors.access_member(request.user, pk)
    require_editor(request.user)
    form = TransferForm(
        request.POST or None, user=request.user, member=member, initial={"on": today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {"on": data["on"], "letter_number": data["letter_number"], "note": data["note"]}
        try:
            if data["kind"] == AssignmentKind.OFFICIAL:
                transfers.transfer_member(request.user, member, data["destination"], **common)
                done = _("Đã chuyển sinh hoạt chính thức %(name)s đến %(org)s.")
            else:
                transfers.attach_temporarily(
                    request.user, member, data["destination"], until=data["until"], **common
                )
                done = _("Đã chuyển sinh hoạt tạm thời %(name)s đến %(org)s.")
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done % {"name": member, "org": data["destination"]})
            return redirect("people:member_timeline", member.pk)
    context = {"member": member, "form": form, "attachment": transfers.open_attachment(member)}
    return render(request, "people/transfer_form.html", context)


@require_POST
@login_required
def member_attachment_end(request, pk: int):
    member = selectors.access_member(request.user, pk)
    require_editor(request.user)
    form = EndAttachmentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Nhập ngày trở về."))
        transfers.end_temporary_attachment(request.user, member, on=form.cleaned_data["on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Đã kết thúc sinh hoạt tạm thời của %(name)s.") % {"name": member}
        )
    return redirect("people:member_timeline", member.pk)


@require_GET
@login_required
def member_timeline(request, pk: int):
    member = selectors.access_member(request.user, pk)
    context = {
        "member": member,
        "events": timeline(member),
        "transfers": member.transfers.select_related("origin", "destination"),
        "attachment": transfers.open_attachment(member),
        "end_form": EndAttachmentForm(initial={"on": today()}),
    }
    return render(request, "people/timeline.html", context)
