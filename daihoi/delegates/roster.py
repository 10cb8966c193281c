"""The roster of a delegates' congress: who is summoned, in which delegation, with which card.

Ex-officio delegates are the convening committee's members active in a
delegation (QĐ 24-QĐ/TW 2021, item 11.3); elected delegates and alternates
come from the lower congresses' published results when those were counted in
the system, or are entered from their minutes; appointed delegates are
entered where a unit was newly formed. An alternate takes the seat of an
official delegate of the same delegation who is absent or not admitted
(QĐ 190-QĐ/TW 2024, Điều 18; CT 35-CT/TW 2019, mục 4: "đại biểu dự khuyết để
thay thế đại biểu chính thức vắng mặt").
"""

import secrets

from django.db import transaction
from django.db.models import Max

from daihoi.audit.services import record

from .elected_source import elected_rounds
from .models import Attendance, Credentials, Delegate, Kind

# Card tokens avoid letters that read alike (O/0, I/1) on a printed card.
TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TOKEN_LENGTH = 10
QR_PREFIX = "DHDB:"  # what the card's QR code carries: this prefix and the token, nothing personal


class RosterError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def qr_payload(delegate: Delegate) -> str:
    return QR_PREFIX + delegate.token


def delegations(congress):
    """The organisations a delegation may come from: the congress's own and its direct children."""
    org = congress.organization
    return [org, *org.children.order_by("path")]


def _check_delegation(congress, delegation) -> None:
    if (
        delegation.pk != congress.organization_id
        and delegation.parent_id != congress.organization_id
    ):
        raise RosterError(
            "roster.bad_delegation", f"{delegation} không trực thuộc {congress.organization}."
        )


@transaction.atomic
def add_delegate(actor, congress, member, *, kind: str, delegation, **extra) -> Delegate:
    _check_delegation(congress, delegation)
    if Delegate.objects.filter(congress=congress, member=member).exists():
        raise RosterError("roster.duplicate", f"{member} đã có trong danh sách đại biểu.")
    delegate = Delegate.objects.create(
        congress=congress,
        member=member,
        delegation=delegation,
        kind=kind,
        number=_next_number(congress),
        token=new_token(),
        **extra,
    )
    record(
        actor,
        "delegate.add",
        delegate,
        summary=f"{member} — {delegate.get_kind_display()} ({delegation})",
        after={"kind": kind, "number": delegate.number, "delegation": delegation.pk},
    )
    return delegate


def _next_number(congress) -> int:
    top = Delegate.objects.filter(congress=congress).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@transaction.atomic
def import_elected(actor, congress, lower_congress) -> dict[str, int]:
    """Elected delegates and alternates from the lower congress's published delegates' election.

    Names map to members through the election's candidates; alternates keep
    the published order (by votes) as their rank. The results are asked of the
    elections wing through elected_source.py.
    """
    delegation = lower_congress.organization
    _check_delegation(congress, delegation)
    rounds = elected_rounds(lower_congress)
    if not rounds:
        raise RosterError(
            "roster.no_published_result", f"{lower_congress} chưa công bố kết quả bầu đại biểu."
        )
    added = {"elected": 0, "alternates": 0, "skipped": 0}
    for found in rounds:
        for person in found.elected:
            member = person.member
            if member is None or Delegate.objects.filter(congress=congress, member=member).exists():
                added["skipped"] += 1
                continue
            _create_quietly(
                congress, member, delegation, person.kind, person.rank, person.votes, found.election
            )
            added["elected" if person.kind == Kind.ELECTED else "alternates"] += 1
    record(actor, "delegate.import", congress, summary=f"{lower_congress}: {added}", after=added)
    return added


def _create_quietly(congress, member, delegation, kind, rank, votes, election) -> Delegate:
    # One audit row covers the whole import (import_elected records it).
    return Delegate.objects.create(
        congress=congress,
        member=member,
        delegation=delegation,
        kind=kind,
        rank=rank,
        votes=votes,
        source_election=election,
        number=_next_number(congress),
        token=new_token(),
    )


def next_alternate(delegate: Delegate) -> Delegate | None:
    """The delegation's first alternate (by rank) who is present and not yet seated."""
    return (
        Delegate.objects.filter(
            congress_id=delegate.congress_id,
            delegation_id=delegate.delegation_id,
            kind=Kind.ALTERNATE,
            replaces__isnull=True,
            attendance=Attendance.PRESENT,
        )
        .exclude(credentials=Credentials.REJECTED)
        .order_by("rank", "number")
        .first()
    )


@transaction.atomic
def seat_alternate(actor, absent: Delegate, alternate: Delegate) -> Delegate:
    """The alternate takes the seat of an absent (or not admitted) official of their delegation."""
    absent = Delegate.objects.select_for_update().get(pk=absent.pk)
    alternate = Delegate.objects.select_for_update().get(pk=alternate.pk)
    problem = _seating_problem(absent, alternate)
    if problem:
        raise RosterError(*problem)
    alternate.replaces = absent
    alternate.save(update_fields=["replaces"])
    record(
        actor,
        "delegate.seat_alternate",
        alternate,
        summary=f"{alternate.member} thay {absent.member}",
        after={"replaces": absent.number, "alternate": alternate.number},
    )
    from .attendance import sync_attendance

    sync_attendance(actor, absent.congress)
    return alternate


def _seating_problem(absent: Delegate, alternate: Delegate) -> tuple[str, str] | None:
    if absent.kind not in (Kind.ELECTED, Kind.APPOINTED):
        return "roster.not_replaceable", "Chỉ thay thế đại biểu được bầu hoặc chỉ định."
    if absent.attendance != Attendance.ABSENT and absent.credentials != Credentials.REJECTED:
        return "roster.not_absent", f"{absent.member} không vắng mặt."
    if hasattr(absent, "replaced_by"):
        return "roster.already_replaced", f"{absent.member} đã có người thay."
    if alternate.kind != Kind.ALTERNATE or alternate.replaces_id:
        return "roster.not_free_alternate", f"{alternate.member} không phải dự khuyết còn trống."
    if (
        alternate.delegation_id != absent.delegation_id
        or alternate.congress_id != absent.congress_id
    ):
        return "roster.other_delegation", "Dự khuyết phải cùng đoàn đại biểu."
    if alternate.credentials == Credentials.REJECTED:
        return "roster.alternate_rejected", f"{alternate.member} không đủ tư cách."
    return None
