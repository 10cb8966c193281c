"""Complaint pages: the register of letters, registering one, and its handling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daihoi.congresses.models import Congress
from daihoi.dbfold import matching_all
from daihoi.listing import clean_text, paginate
from daihoi.organizations.selectors import visible_organizations

from . import services
from .forms import ComplaintForm, HandlingForm, member_queryset
from .models import LetterStatus
from .selectors import access_complaint, open_complaints, visible_complaints


def _flash(request, form_or_exc) -> None:
    if isinstance(form_or_exc, ValidationError):
        for text in form_or_exc.messages:
            messages.error(request, text)
        return
    for field, errors in form_or_exc.errors.items():
        label = form_or_exc.fields[field].label if field in form_or_exc.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _new_form(user, data=None):
    organizations = visible_organizations(user)
    return ComplaintForm(
        data,
        members=member_queryset(organizations),
        congresses=Congress.objects.filter(organization__in=organizations),
    )


@login_required
def complaint_list(request):
    letters = visible_complaints(request.user)
    status = request.GET.get("status", "open")
    if status == "open":
        letters = open_complaints(letters)
    elif status in LetterStatus.values:
        letters = letters.filter(status=status)
    query = clean_text(request.GET.get("q"))
    if query:  # the member's name (accents aside) or the start of the member's code
        letters = matching_all(letters, "member__search_name", query, also="member__code")
    listing = paginate(request, letters.order_by("-received_on", "-id"))
    form = None
    if request.user.can_edit:
        form = _new_form(request.user, request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                services.register_complaint(request.user, **form.service_kwargs())
                messages.success(request, _("Đã vào sổ đơn thư."))
                return redirect("complaints:list")
            _flash(request, form)
    elif request.method == "POST":
        raise Http404("not an editor")
    context = {
        "letters": listing.page,
        "listing": listing,
        "page_obj": listing.page,
        "query": listing.query,
        "q": query,
        "status": status,
        "form": form,
        "statuses": LetterStatus.choices,
    }
    return render(request, "complaints/list.html", context)


@login_required
def complaint_detail(request, pk: int):
    letter = access_complaint(request.user, pk)
    form = HandlingForm(request.POST or None, instance=letter)
    if request.method == "POST":
        if not request.user.can_edit:
            raise Http404("not an editor")
        if form.is_valid():
            changed = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                if changed:
                    services.update_complaint(request.user, letter, **changed)
            except ValidationError as exc:
                _flash(request, exc)
            else:
                messages.success(request, _("Đã cập nhật việc giải quyết đơn."))
                return redirect("complaints:detail", letter.pk)
        else:
            _flash(request, form)
        letter.refresh_from_db()
    return render(request, "complaints/detail.html", {"letter": letter, "form": form})
