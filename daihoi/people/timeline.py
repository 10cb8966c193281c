"""A member's timeline: every organisation and post over time, with what each rests on.

Organisations are named as they were called when the member came to them (a
unit renamed or merged later keeps its old name on the line), from the
organisation history. Four queries whatever the length of the record.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from daihoi.organizations.models import OrganizationVersion

from .models import AssignmentKind, Member


@dataclass(frozen=True)
class Event:
    start: dt.date
    end: dt.date | None
    kind: str  # "party", "official", "temporary", "change", "post"
    what: str
    organization_id: int | None
    organization_name: str
    basis: str

    @property
    def current(self) -> bool:
        return self.kind not in ("party", "change") and self.end is None


def _names(org_ids: set[int]) -> dict[int, list[OrganizationVersion]]:
    versions: dict[int, list[OrganizationVersion]] = {}
    rows = OrganizationVersion.objects.filter(organization_id__in=org_ids)
    for version in rows.select_related("parent", "restructuring").order_by("valid_from", "id"):
        versions.setdefault(version.organization_id, []).append(version)
    return versions


def _name_on(versions: dict, org, day: dt.date) -> str:
    """The name the organisation bore on `day` (its first or last known name around it)."""
    if org is None:
        return "—"
    rows = versions.get(org.pk, [])
    name = rows[0].name if rows else org.name
    for version in rows:
        if version.valid_from <= day:
            name = version.name
    return name


ORDER = {"party": 0, "official": 1, "temporary": 2, "change": 3, "post": 4}


def timeline(member: Member) -> list[Event]:
    assignments = list(
        member.assignments.select_related("organization", "transfer", "restructuring")
    )
    posts = list(member.posts.select_related("organization"))
    orgs = {a.organization_id for a in assignments} | {p.organization_id for p in posts}
    versions = _names({pk for pk in orgs if pk})
    events = _party_events(member)
    for a in assignments:
        events.append(_assignment_event(a, versions))
        if a.kind == AssignmentKind.OFFICIAL:
            events += _changes(versions.get(a.organization_id, []), a)
    for p in posts:
        key = _("Chức danh chủ chốt") if p.key_post else ""
        where = _name_on(versions, p.organization, p.started_on)
        events.append(
            Event(p.started_on, p.ended_on, "post", p.title, p.organization_id, where, key)
        )
    return sorted(events, key=lambda e: (e.start, ORDER[e.kind]))


def _party_events(member: Member) -> list[Event]:
    events = [Event(member.admitted_on, None, "party", _("Vào Đảng"), None, "", "")]
    if member.full_member_on:
        full = _("Được công nhận đảng viên chính thức")
        events.append(Event(member.full_member_on, None, "party", full, None, "", ""))
    return events


def _assignment_event(a, versions) -> Event:
    official = a.kind == AssignmentKind.OFFICIAL
    return Event(
        a.valid_from,
        a.valid_to,
        "official" if official else "temporary",
        _("Sinh hoạt chính thức") if official else _("Sinh hoạt tạm thời"),
        a.organization_id,
        _name_on(versions, a.organization, a.valid_from),
        _basis(a),
    )


def _changes(versions: list[OrganizationVersion], assignment) -> list[Event]:
    """Decisions that changed the member's unit (its parent, name) while the member was in it."""
    events = []
    for v in versions:
        inside = v.valid_from > assignment.valid_from and (
            assignment.valid_to is None or v.valid_from < assignment.valid_to
        )
        if inside and v.restructuring_id:
            r = v.restructuring
            parent = _(", trực thuộc %(p)s") % {"p": v.parent.name} if v.parent_id else ""
            events.append(
                Event(
                    v.valid_from,
                    None,
                    "change",
                    r.get_operation_display(),
                    v.organization_id,
                    v.name + parent,
                    _("Quyết định số %(n)s ngày %(d)s")
                    % {"n": r.decision_number, "d": f"{r.decision_date:%d/%m/%Y}"},
                )
            )
    return events


def _basis(assignment) -> str:
    if assignment.transfer_id:
        transfer = assignment.transfer
        return _("Giấy giới thiệu số %(n)s") % {"n": transfer.letter_number}
    if assignment.restructuring_id:
        r = assignment.restructuring
        return _("%(op)s theo quyết định số %(n)s ngày %(d)s") % {
            "op": r.get_operation_display(),
            "n": r.decision_number,
            "d": f"{r.decision_date:%d/%m/%Y}",
        }
    return assignment.reference
