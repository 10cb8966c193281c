"""Committees appointed by the higher committee: the decision, the people it names, and what it forbids.

The rules are in daihoi.rules.congress_kinds; this module reads the decision of a
congress's organisation and term, and writes it (atomic, audited). The elections
service calls `check_election_allowed` before it creates an election.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef

from daihoi.audit.services import record
from daihoi.rules import congress_kinds
from daihoi.rules.findings import blocking
from daihoi.textnorm import nfc

from .models import AppointedCommitteeMember, AppointedPost, CommitteeAppointment, Congress

DECISION_FIELDS = [
    "decision_number",
    "decided_on",
    "issued_by",
    "inspection_appointed",
    "delegates_appointed",
    "note",
]
POST_RANK = {post: rank for rank, post in enumerate(congress_kinds.POSTS)}


# --- Reads -------------------------------------------------------------------------------------


def appointment_of(congress: Congress) -> CommitteeAppointment | None:
    return CommitteeAppointment.objects.filter(
        organization_id=congress.organization_id, term=congress.term
    ).first()


def with_appointed_flag(congresses):
    """Annotate `committee_appointed` (one EXISTS per row, on the unique organisation/term key)."""
    decisions = CommitteeAppointment.objects.filter(
        organization=OuterRef("organization"), term=OuterRef("term")
    )
    return congresses.annotate(committee_appointed=Exists(decisions))


def as_rule(appointment: CommitteeAppointment | None):
    if appointment is None:
        return None
    return congress_kinds.AppointedCommittee(
        inspection_appointed=appointment.inspection_appointed,
        delegates_appointed=appointment.delegates_appointed,
    )


def appointed_people(appointment: CommitteeAppointment) -> list[AppointedCommitteeMember]:
    """The people of the decision, highest post first, then in the decision's order."""
    rows = appointment.members.select_related("member")
    return sorted(rows, key=lambda row: (POST_RANK.get(row.post, 99), row.position))


def check_election_allowed(congress: Congress, kind: str) -> None:
    """Refuse an election the higher committee's appointment leaves out of the congress's hands."""
    refusal = congress_kinds.election_refusal(kind, as_rule(appointment_of(congress)))
    if refusal is not None:
        raise ValidationError({"kind": f"{refusal.message} ({refusal.citation})"})


# --- The decision ------------------------------------------------------------------------------


def _refused_kinds(rule) -> list[str]:
    kinds = [*congress_kinds.APPOINTED_WITH_COMMITTEE, *congress_kinds.INSPECTION_KINDS]
    kinds.append(congress_kinds.DELEGATES)
    return [k for k in kinds if congress_kinds.election_refusal(k, rule) is not None]


def _refuse_existing_elections(organization, term: str, rule) -> None:
    """A decision cannot forbid elections the congress has already created."""
    election_model = Congress._meta.get_field("elections").related_model  # no import cycle
    clash = (
        election_model.objects.filter(
            congress__organization=organization,
            congress__term=term,
            kind__in=_refused_kinds(rule),
        )
        .values_list("title", flat=True)
        .first()
    )
    if clash:
        raise ValidationError(
            f"Đại hội đã có cuộc bầu “{clash}” mà quyết định chỉ định không cho bầu: "
            "xóa cuộc bầu đó trước khi ghi nhận cấp ủy chỉ định."
        )


def _snapshot(appointment: CommitteeAppointment) -> dict:
    return {f: getattr(appointment, f) for f in DECISION_FIELDS}


def _clean_decision(fields: dict) -> dict:
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    unknown = set(data) - set(DECISION_FIELDS)
    if unknown:
        raise ValueError(f"not decision fields: {sorted(unknown)}")
    return data


@transaction.atomic
def record_appointment(actor, organization, term: str, **fields) -> CommitteeAppointment:
    """The decision appointing `organization`'s committee for `term` (Điều lệ Đảng, Điều 13.5)."""
    data = _clean_decision(fields)
    if CommitteeAppointment.objects.filter(organization=organization, term=term).exists():
        raise ValidationError(
            f"{organization.name} đã có quyết định chỉ định cấp ủy nhiệm kỳ {term}: sửa quyết định đó."
        )
    appointment = CommitteeAppointment(organization=organization, term=term, **data)
    appointment.full_clean()
    _refuse_existing_elections(organization, term, as_rule(appointment))
    appointment.save()
    record(
        actor,
        "congress.appointment.record",
        appointment,
        summary=f"{organization.name}, nhiệm kỳ {term}: {appointment.decision_number}",
        after=_snapshot(appointment),
    )
    return appointment


@transaction.atomic
def update_appointment(actor, appointment: CommitteeAppointment, **fields) -> CommitteeAppointment:
    data = _clean_decision(fields)
    appointment = CommitteeAppointment.objects.select_for_update().get(pk=appointment.pk)
    before = _snapshot(appointment)
    for name, value in data.items():
        setattr(appointment, name, value)
    appointment.full_clean()
    inspection_posts = [AppointedPost.INSPECTION_CHAIR, AppointedPost.INSPECTION]
    if (
        not appointment.inspection_appointed
        and appointment.members.filter(post__in=inspection_posts).exists()
    ):
        raise ValidationError(
            {
                "inspection_appointed": "Danh sách đã có người được chỉ định vào ủy ban kiểm tra: "
                "xóa họ trước khi bỏ đánh dấu."
            }
        )
    _refuse_existing_elections(appointment.organization, appointment.term, as_rule(appointment))
    appointment.save(update_fields=list(data))
    record(
        actor,
        "congress.appointment.update",
        appointment,
        summary=appointment.decision_number,
        before=before,
        after=_snapshot(appointment),
    )
    return appointment


@transaction.atomic
def withdraw_appointment(actor, appointment: CommitteeAppointment) -> None:
    """Remove a decision recorded by mistake; the audit entry keeps what it said and whom it named."""
    appointment = CommitteeAppointment.objects.select_for_update().get(pk=appointment.pk)
    before = _snapshot(appointment) | {
        "members": [[row.full_name, row.post] for row in appointed_people(appointment)]
    }
    record(
        actor,
        "congress.appointment.withdraw",
        appointment,
        summary=appointment.decision_number,
        before=before,
    )
    appointment.delete()


# --- The people it names -----------------------------------------------------------------------


@dataclass(frozen=True)
class AppointedRow:
    """One line of the decision: a member of the registry, or a typed full name."""

    post: str
    member: object | None = None  # people.Member
    full_name: str = ""
    line: int = 0  # where it came from (row of a pasted list), for messages

    @property
    def name(self) -> str:
        return self.member.full_name if self.member is not None else nfc(self.full_name)


def _where(row: AppointedRow) -> str:
    return f"Dòng {row.line}: " if row.line else ""


def _check_rows(appointment: CommitteeAppointment, rows: list[AppointedRow]) -> None:
    """Every problem of every row, in one ValidationError; nothing is written if there is one.

    A member of the registry is there once; a typed name may not repeat a name
    already on the list (two registry members who share a name are two people).
    """
    errors = []
    existing = list(appointment.members.all())
    all_names = {row.full_name for row in existing}
    typed = {row.full_name for row in existing if row.member_id is None}
    member_ids = {row.member_id for row in existing if row.member_id}
    for row in rows:
        if row.member is not None:
            twice = row.member.pk in member_ids or row.name in typed
        else:
            twice = row.name in all_names
        if not row.name or len(row.name.split()) < 2:
            errors.append(f"{_where(row)}họ và tên: cần đủ họ và tên.")
        elif twice:
            errors.append(f"{_where(row)}họ và tên: {row.name} đã có trong danh sách chỉ định.")
        all_names.add(row.name)
        if row.member is not None:
            member_ids.add(row.member.pk)
        else:
            typed.add(row.name)
    posts = [row.post for row in existing] + [row.post for row in rows]
    findings = congress_kinds.check_appointed_posts(
        posts, inspection_appointed=appointment.inspection_appointed
    )
    errors += [f"Chức vụ: {f.message} ({f.citation})" for f in blocking(findings)]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_appointed_members(
    actor, appointment: CommitteeAppointment, rows: list[AppointedRow]
) -> list[AppointedCommitteeMember]:
    """Add the people of the decision, all or none; one audit entry for the lot."""
    appointment = CommitteeAppointment.objects.select_for_update().get(pk=appointment.pk)
    if not rows:
        raise ValidationError("Chưa có ai trong danh sách.")
    _check_rows(appointment, rows)
    start = (appointment.members.aggregate(n=Max("position"))["n"] or 0) + 1
    created = AppointedCommitteeMember.objects.bulk_create(
        AppointedCommitteeMember(
            appointment=appointment,
            member=row.member,
            full_name=row.name,
            post=row.post,
            position=start + i,
        )
        for i, row in enumerate(rows)
    )
    record(
        actor,
        "congress.appointment.members_add",
        appointment,
        summary=f"{appointment.decision_number}: {len(created)} người",
        after={"members": [[row.name, row.post] for row in rows]},
    )
    return created


@transaction.atomic
def remove_appointed_member(actor, person: AppointedCommitteeMember) -> None:
    person = AppointedCommitteeMember.objects.select_related("appointment").get(pk=person.pk)
    record(
        actor,
        "congress.appointment.member_remove",
        person.appointment,
        summary=f"{person.appointment.decision_number}: {person.full_name}",
        before={"full_name": person.full_name, "post": person.post, "member": person.member_id},
    )
    person.delete()
