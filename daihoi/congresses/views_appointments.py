"""The "Cấp ủy chỉ định" section of a congress: the decision and the people it names.

Organisers only (`access_congress(..., organiser=True)`); anyone else, and any
congress outside the user's subtree, gets 404. Every write goes through
congresses.appointments (atomic, audited).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.people.selectors import visible_members

from . import appointments
from .forms_terms import AppointedListForm, AppointedPersonForm, AppointmentForm
from .views import _flash, _flash_form, access_congress, detail_url

SECTION, PERSON_BOX = "appointed", "appointed-person"


def _back(congress, anchor: str = PERSON_BOX):
    """Back to the section; with a decision, to its person box (the next name is typed at once)."""
    return redirect(detail_url(congress, anchor))


def _require_appointment(congress):
    appointment = appointments.appointment_of(congress)
    if appointment is None:
        raise Http404("no appointment")
    return appointment


@require_POST
@login_required
def save_decision(request, pk: int):
    """Record the decision, or correct the one recorded."""
    congress = access_congress(request.user, pk, organiser=True)
    appointment = appointments.appointment_of(congress)
    form = AppointmentForm(request.POST, instance=appointment)
    if not form.is_valid():
        _flash_form(request, form)
        return _back(congress, PERSON_BOX if appointment else SECTION)
    data = {f: form.cleaned_data[f] for f in appointments.DECISION_FIELDS}
    try:
        if appointment is None:
            appointments.record_appointment(
                request.user, congress.organization, congress.term, **data
            )
            done = _("Đã ghi nhận quyết định chỉ định cấp ủy. Nhập danh sách người được chỉ định.")
        else:
            appointments.update_appointment(request.user, appointment, **data)
            done = _("Đã sửa quyết định chỉ định cấp ủy.")
    except ValidationError as exc:
        _flash(request, exc)
        return _back(congress, PERSON_BOX if appointment else SECTION)
    messages.success(request, done)
    return _back(congress)


@require_POST
@login_required
def withdraw_decision(request, pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    appointments.withdraw_appointment(request.user, _require_appointment(congress))
    messages.success(request, _("Đã xóa quyết định chỉ định (nhật ký vẫn lưu nội dung)."))
    return _back(congress, SECTION)


def _add(request, congress, form_class, rows_key: str):
    appointment = _require_appointment(congress)
    form = form_class(request.POST, members=visible_members(request.user))
    if not form.is_valid():
        _flash_form(request, form)
        return _back(congress)
    rows = form.cleaned_data[rows_key]
    rows = rows if isinstance(rows, list) else [rows]
    try:
        added = appointments.add_appointed_members(request.user, appointment, rows)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Đã thêm %(n)d người.") % {"n": len(added)})
    return _back(congress)


@require_POST
@login_required
def add_person(request, pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    return _add(request, congress, AppointedPersonForm, "row")


@require_POST
@login_required
def add_list(request, pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    return _add(request, congress, AppointedListForm, "rows")


@require_POST
@login_required
def remove_person(request, pk: int, person_pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    appointment = _require_appointment(congress)
    person = appointment.members.filter(pk=person_pk).first()
    if person is None:
        raise Http404("not on this decision")
    appointments.remove_appointed_member(request.user, person)
    messages.success(request, _("Đã xóa %(name)s khỏi danh sách.") % {"name": person.full_name})
    return _back(congress)
