"""Moving a member between organisations (chuyển sinh hoạt đảng). Each is atomic and audited.

- `transfer_member`: official transfer (chuyển sinh hoạt chính thức): from the
  date, the member belongs to the destination; the letter is recorded.
- `attach_temporarily`: temporary attachment (sinh hoạt tạm thời): the member
  stays on the origin's roll, attends the host's meetings, and is out of the
  origin's congress base while attached (congresses/member_base.py, told
  through transfer_hooks.py).
- `end_temporary_attachment`: the member is back at the origin.

A date cannot precede the member's last move, nor be in the future.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit.services import record
from daihoi.organizations.history import today
from daihoi.organizations.models import Level, Organization

from . import transfer_hooks
from .history import sync_assignments
from .models import AssignmentKind, Member, MemberAssignment, MemberStatus, Transfer

MEMBER_LEVELS = {Level.GRASSROOTS, Level.CELL}


def _check_date(on: dt.date, member: Member) -> None:
    if on > today():
        raise ValidationError({"on": _("Ngày chuyển không được sau hôm nay.")})
    last = (
        MemberAssignment.objects.filter(member=member, valid_to__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    if last is not None and last.valid_from > on:
        raise ValidationError(
            {
                "on": _("Ngày chuyển trước lần chuyển gần nhất (%(since)s).")
                % {"since": f"{last.valid_from:%d/%m/%Y}"}
            }
        )


def _check_destination(member: Member, destination: Organization, field: str) -> None:
    if destination is None:
        raise ValidationError({field: _("Chọn nơi đến.")})
    if not destination.active:
        raise ValidationError({field: _("%(org)s đã kết thúc hoạt động.") % {"org": destination}})
    if destination.level not in MEMBER_LEVELS:
        raise ValidationError(
            {
                field: _("Đảng viên sinh hoạt ở chi bộ hoặc tổ chức cơ sở, không ở %(level)s.")
                % {"level": Level(destination.level).label}
            }
        )
    if destination.pk == member.organization_id:
        raise ValidationError(
            {field: _("Đảng viên đang sinh hoạt ở %(org)s.") % {"org": destination}}
        )


def _letter(letter_number: str) -> str:
    letter_number = " ".join((letter_number or "").split())
    if not letter_number:
        raise ValidationError({"letter_number": _("Nhập số giấy giới thiệu.")})
    return letter_number


def _locked(member: Member) -> Member:
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    if not member.active:
        raise ValidationError(_("%(name)s đã thôi sinh hoạt đảng.") % {"name": member})
    return member


def _new_transfer(actor, member: Member, kind: str, destination, on, letter, note, until=None):
    return Transfer.objects.create(
        member=member,
        kind=kind,
        origin=member.organization,
        destination=destination,
        on=on,
        until=until,
        letter_number=letter,
        note=note,
        status_before=member.status,
        created_by=_user(actor),
    )


def open_attachment(member: Member) -> MemberAssignment | None:
    return (
        MemberAssignment.objects.filter(
            member=member, kind=AssignmentKind.TEMPORARY, valid_to__isnull=True
        )
        .select_related("organization", "transfer")
        .first()
    )


@transaction.atomic
def transfer_member(
    actor,
    member: Member,
    destination: Organization,
    *,
    on: dt.date,
    letter_number: str,
    note: str = "",
) -> Transfer:
    member = _locked(member)
    _check_destination(member, destination, "destination")
    letter_number = _letter(letter_number)
    _check_date(on, member)
    if open_attachment(member) is not None:
        end_temporary_attachment(actor, member, on=on, note=_("Chuyển sinh hoạt chính thức"))
        member.refresh_from_db()
    origin = member.organization
    transfer = _new_transfer(
        actor, member, AssignmentKind.OFFICIAL, destination, on, letter_number, note
    )
    Member.objects.filter(pk=member.pk).update(organization=destination)
    sync_assignments(on, member_ids=[member.pk], reference=letter_number, transfer_id=transfer.pk)
    reason = _("Chuyển sinh hoạt chính thức %(name)s: %(origin)s → %(dest)s (%(letter)s)") % {
        "name": member,
        "origin": origin,
        "dest": destination,
        "letter": letter_number,
    }
    transfer_hooks.official_transfer(actor, member.status, origin, destination, reason)
    record(
        actor,
        "member.transfer",
        member,
        summary=reason,
        before={"organization": origin.code},
        after={"organization": destination.code, "on": on, "letter_number": letter_number},
    )
    return transfer


def _check_attachment(member: Member, host, on, until, letter_number: str) -> str:
    current = open_attachment(member)
    if current is not None:
        raise ValidationError(
            {
                "destination": _("Đảng viên đang sinh hoạt tạm thời tại %(org)s.")
                % {"org": current.organization}
            }
        )
    _check_destination(member, host, "destination")
    letter_number = _letter(letter_number)
    _check_date(on, member)
    if until is not None and until <= on:
        raise ValidationError({"until": _("Ngày kết thúc dự kiến phải sau ngày chuyển.")})
    return letter_number


@transaction.atomic
def attach_temporarily(
    actor,
    member: Member,
    host: Organization,
    *,
    on: dt.date,
    letter_number: str,
    until: dt.date | None = None,
    note: str = "",
) -> Transfer:
    member = _locked(member)
    letter_number = _check_attachment(member, host, on, until, letter_number)
    origin, status_before = member.organization, member.status
    transfer = _new_transfer(
        actor, member, AssignmentKind.TEMPORARY, host, on, letter_number, note, until
    )
    MemberAssignment.objects.create(
        member=member,
        organization=host,
        kind=AssignmentKind.TEMPORARY,
        valid_from=on,
        reference=letter_number,
        transfer=transfer,
    )
    Member.objects.filter(pk=member.pk).update(status=MemberStatus.ATTACHED_TEMPORARILY)
    reason = _("Sinh hoạt tạm thời %(name)s: %(origin)s → %(host)s (%(letter)s)") % {
        "name": member,
        "origin": origin,
        "host": host,
        "letter": letter_number,
    }
    transfer_hooks.attachment(actor, status_before, origin, host, +1, reason)
    record(
        actor,
        "member.attach",
        member,
        summary=reason,
        before={"status": status_before},
        after={"host": host.code, "on": on, "until": until, "letter_number": letter_number},
    )
    return transfer


@transaction.atomic
def end_temporary_attachment(actor, member: Member, *, on: dt.date, note: str = "") -> Transfer:
    member = _locked(member)
    attachment = open_attachment(member)
    if attachment is None:
        raise ValidationError(_("Đảng viên không sinh hoạt tạm thời ở đâu."))
    if on > today() or on < attachment.valid_from:
        raise ValidationError(
            {
                "on": _("Ngày kết thúc phải từ %(since)s đến hôm nay.")
                % {"since": f"{attachment.valid_from:%d/%m/%Y}"}
            }
        )
    transfer = attachment.transfer
    status_before = (transfer.status_before if transfer else "") or MemberStatus.FULL
    MemberAssignment.objects.filter(pk=attachment.pk).update(valid_to=on)
    if transfer is not None:
        Transfer.objects.filter(pk=transfer.pk).update(ended_on=on)
    Member.objects.filter(pk=member.pk).update(status=status_before)
    reason = _("Kết thúc sinh hoạt tạm thời %(name)s tại %(host)s") % {
        "name": member,
        "host": attachment.organization,
    }
    transfer_hooks.attachment(
        actor, status_before, member.organization, attachment.organization, -1, reason
    )
    record(
        actor,
        "member.attach_end",
        member,
        summary=reason,
        before={"host": attachment.organization.code},
        after={"status": status_before, "on": on, "note": note},
    )
    return transfer


def _user(actor):
    return actor if getattr(actor, "pk", None) else None
