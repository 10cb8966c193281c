"""The sittings that elect: the congress itself and the new committee's first meeting.

Every figure an election prints or checks — summoned, present, the exclusions,
the base — comes from `figures(election)`: from the congress's attendance for an
election the congress holds, from the first meeting's checked-in members for one
the new committee holds (rules/sittings.py decides which). Writes here are atomic
and audited.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from daihoi.audit.services import record
from daihoi.congresses.appointments import appointed_people, appointment_of
from daihoi.congresses.base import Figures, congress_figures, safe_base
from daihoi.organizations.models import Level
from daihoi.rules import sittings as rules
from daihoi.rules import tally as rules_tally

from .models import (
    Election,
    ElectionKind,
    ElectionStatus,
    Sitting,
    SittingAttendance,
    SittingKind,
    SittingMember,
    SittingStanding,
)

FIRST_MEETING_TITLE = "Hội nghị Ban Chấp hành {org} lần thứ nhất, nhiệm kỳ {term}"


# --- Figures -----------------------------------------------------------------------------------


def figures(election: Election) -> Figures:
    if election.sitting_id:
        return sitting_figures(election.sitting)
    return congress_figures(election.congress)


def sitting_figures(sitting: Sitting) -> Figures:
    """QĐ 24-QĐ/TW 2021, mục 9.3.3 (rules.tally.base_for_committee_election): the committee's
    members summoned, less those attached elsewhere and those suspended, prosecuted or held."""
    if sitting.legacy_base is not None:
        n = sitting.legacy_base
        label = N_("Cấp ủy viên được triệu tập, trừ các trường hợp loại trừ (nhập tay trước đây)")
        return Figures(
            rules.FIRST_MEETING, sitting.title, "cấp ủy viên", n, n, n, ((label, n),), "nhập tay"
        )
    rows = list(sitting.members.values_list("standing", "attendance"))
    summoned = len(rows)
    attached = sum(1 for s, _ in rows if s == SittingStanding.ATTACHED_ELSEWHERE)
    suspended = sum(1 for s, _ in rows if s == SittingStanding.SUSPENDED)
    present = sum(1 for _, a in rows if a == SittingAttendance.PRESENT)
    base = safe_base(
        lambda: rules_tally.base_for_committee_election(
            summoned, attached_elsewhere=attached, suspended_or_prosecuted=suspended
        )
    )
    lines = [
        (N_("Cấp ủy viên được triệu tập"), summoned),
        (N_("Sinh hoạt tạm thời nơi khác"), -attached),
        (N_("Bị đình chỉ sinh hoạt, khởi tố, truy tố, tạm giam"), -suspended),
    ]
    return Figures(
        rules.FIRST_MEETING,
        sitting.title,
        "cấp ủy viên",
        summoned,
        present,
        base,
        tuple((label, n) for label, n in lines if n),
        "theo danh sách cấp ủy viên trúng cử và điểm danh",
    )


# --- Where an election is held -------------------------------------------------------------------


def unit_of(congress) -> rules.Unit:
    org = congress.organization
    is_cell = org.level == Level.CELL or (
        org.level == Level.GRASSROOTS and not org.children.filter(active=True).exists()
    )
    return rules.Unit(
        is_cell=is_cell,
        full_members=congress.summoned if congress.kind == "members" else 0,
        secretary_by_congress=congress.secretary_elected_directly,
        rules=congress.rules_version,
    )


def check_election_place(congress, kind: str, sitting: Sitting | None, seats: int) -> None:
    """Refuse an election at a sitting that does not hold it (rules/sittings.py)."""
    unit = unit_of(congress)
    where = rules.FIRST_MEETING if sitting is not None else rules.CONGRESS
    finding = rules.refusal(kind, where, unit) or rules.seats_refusal(kind, seats, unit)
    if finding is not None:
        raise ValidationError({"kind": f"{finding.message} ({finding.citation})"})


def kinds_held(congress, sitting: Sitting | None) -> list[str]:
    """The election kinds this sitting may create (for the forms' choices)."""
    unit = unit_of(congress)
    where = rules.FIRST_MEETING if sitting is not None else rules.CONGRESS
    return [k for k in ElectionKind.values if rules.refusal(k, where, unit) is None]


# --- The first meeting ---------------------------------------------------------------------------


def first_meeting_of(congress) -> Sitting | None:
    return congress.sittings.filter(
        kind=SittingKind.FIRST_MEETING, legacy_base__isnull=True
    ).first()


def elected_committee(congress) -> list[tuple[str, int | None]]:
    """(name, member id) of everyone elected to the committee in the published rounds, or
    named in the higher committee's decision where it appointed the committee (Điều lệ Đảng,
    Điều 13.5: the appointed committee then elects what the decision left to it)."""
    appointment = appointment_of(congress)
    if appointment is not None:
        people = appointed_people(appointment)
        return [(p.full_name, p.member_id) for p in people if p.post != "inspection"]
    out, seen = [], set()
    for election in congress.elections.filter(
        kind=ElectionKind.COMMITTEE, status=ElectionStatus.PUBLISHED
    ).order_by("round", "id"):
        members = {c.full_name: c.member_id for c in election.candidates.all()}
        for name in election.published.data["elected"]:
            if name not in seen:
                seen.add(name)
                out.append((name, members.get(name)))
    return out


@transaction.atomic
def open_first_meeting(actor, congress) -> Sitting:
    """Open the new committee's first meeting with the elected members summoned."""
    congress = type(congress).objects.select_for_update().get(pk=congress.pk)
    if first_meeting_of(congress) is not None:
        raise ValidationError("Hội nghị Ban Chấp hành lần thứ nhất đã được mở.")
    unit = unit_of(congress)
    if unit.is_cell:
        raise ValidationError(
            "Đại hội chi bộ bầu trực tiếp chi ủy (từ 9 đảng viên chính thức), bí thư và phó bí "
            f"thư: chi bộ không họp hội nghị chi ủy lần thứ nhất để bầu ({rules.CITE_CELL}; "
            f"{rules.CITE_CELL_ORDER.get(unit.rules, rules.CITE_CELL_ORDER['2024'])})."
        )
    elected = elected_committee(congress)
    if not elected:
        raise ValidationError(
            "Chưa có kết quả bầu Ban Chấp hành được công bố (hoặc quyết định chỉ định cấp ủy): "
            "công bố kết quả trước khi mở hội nghị Ban Chấp hành lần thứ nhất."
        )
    sitting = Sitting.objects.create(
        congress=congress,
        kind=SittingKind.FIRST_MEETING,
        title=FIRST_MEETING_TITLE.format(org=congress.organization.name, term=congress.term),
        source_election=congress.elections.filter(
            kind=ElectionKind.COMMITTEE, status=ElectionStatus.PUBLISHED
        ).first(),
        opened_at=timezone.now(),
        opened_by=actor,
    )
    SittingMember.objects.bulk_create(
        SittingMember(sitting=sitting, full_name=name, member_id=member_id, position=i)
        for i, (name, member_id) in enumerate(elected, 1)
    )
    record(
        actor,
        "sitting.open",
        sitting,
        summary=sitting.title,
        after={"members": [name for name, _ in elected]},
    )
    return sitting


@transaction.atomic
def mark_member(actor, member: SittingMember, *, attendance=None, standing=None) -> SittingMember:
    """Check a committee member in (present / absent) or record a lawful exclusion."""
    member = SittingMember.objects.select_for_update().select_related("sitting").get(pk=member.pk)
    if attendance is not None and attendance not in SittingAttendance.values:
        raise ValidationError({"attendance": f"Điểm danh không hợp lệ: {attendance}."})
    if standing is not None and standing not in SittingStanding.values:
        raise ValidationError({"standing": f"Tư cách không hợp lệ: {standing}."})
    before = {"attendance": member.attendance, "standing": member.standing}
    member.attendance = attendance or member.attendance
    member.standing = standing or member.standing
    member.save(update_fields=["attendance", "standing"])
    record(
        actor,
        "sitting.member",
        member,
        summary=f"{member.sitting.title}: {member.full_name}",
        before=before,
        after={"attendance": member.attendance, "standing": member.standing},
    )
    return member


def join_newly_elected(actor, congress) -> list[SittingMember]:
    """A further committee round published after the first meeting opened: its elected join the
    meeting's roll (called inside the publication's transaction; audited)."""
    sitting = first_meeting_of(congress)
    if sitting is None:
        return []
    known = set(sitting.members.values_list("full_name", flat=True))
    last = sitting.members.count()
    new = [(n, m) for n, m in elected_committee(congress) if n not in known]
    added = SittingMember.objects.bulk_create(
        SittingMember(sitting=sitting, full_name=name, member_id=member_id, position=last + i)
        for i, (name, member_id) in enumerate(new, 1)
    )
    if added:
        record(
            actor,
            "sitting.members_join",
            sitting,
            summary=sitting.title,
            after={"members": [name for name, _ in new]},
        )
    return added
