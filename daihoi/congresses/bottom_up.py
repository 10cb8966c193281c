"""Congresses go bottom-up within a term: a congress is held after its subordinates' (DOMAIN).

Marking a congress held while congresses of subordinate organisations in the same
term are not held is refused with their list, unless the higher committee allowed
those units to hold theirs late: its decision (number, date) is then recorded with
the "held" change in the audit log (CT 35-CT/TW 2019 and CT 45-CT/TW 2025: congresses
from the cells up; some units are allowed by the higher committee to hold theirs later).
"""

import datetime as dt
from dataclasses import dataclass

from .models import Congress, CongressStatus

SHOWN = 10  # names in the refusal; the rest are counted


@dataclass(frozen=True)
class LateException:
    """The higher committee's decision allowing subordinate congresses to be held later."""

    decision_number: str
    decided_on: dt.date | None
    note: str = ""

    def as_record(self) -> dict:
        return {
            "decision_number": self.decision_number.strip(),
            "decided_on": self.decided_on.isoformat() if self.decided_on else None,
            "note": self.note.strip(),
        }


def pending_subordinates(congress: Congress) -> list[Congress]:
    """Congresses of this term in the organisation's subtree (not itself) that are not held."""
    org = congress.organization
    return list(
        Congress.objects.filter(term=congress.term, organization__path__startswith=org.path)
        .exclude(organization_id=org.pk)
        .exclude(status=CongressStatus.HELD)
        .select_related("organization")
        .order_by("organization__path", "id")
    )


def refusal_message(pending: list[Congress]) -> str:
    names = ", ".join(f"{c.organization.name} ({c.get_status_display()})" for c in pending[:SHOWN])
    more = f" và {len(pending) - SHOWN} đại hội khác" if len(pending) > SHOWN else ""
    return (
        f"Còn {len(pending)} đại hội cấp dưới cùng nhiệm kỳ chưa tổ chức: {names}{more}. "
        "Đại hội tiến hành từ dưới lên; muốn ghi nhận đã tổ chức, cần ghi số và ngày quyết định "
        "của cấp ủy cấp trên cho phép các đơn vị này tổ chức sau."
    )


def exception_problem(exception: LateException | None) -> str | None:
    if exception is None:
        return "missing"
    if not exception.decision_number.strip() or exception.decided_on is None:
        return "incomplete"
    return None


def recorded_exception(congress: Congress) -> dict | None:
    """The higher committee's decision recorded when this congress was marked held, if any."""
    from daihoi.audit.models import AuditEntry

    entry = (
        AuditEntry.objects.filter(
            action="congress.hold", object_type="congresses.congress", object_id=str(congress.pk)
        )
        .order_by("-id")
        .first()
    )
    late = (entry.after or {}).get("late_exception") if entry else None
    if not late:
        return None
    day = late.get("decided_on")
    return {
        **late,
        "decided_on": f"{dt.date.fromisoformat(day):%d/%m/%Y}" if day else "",
        "late": Congress.objects.filter(pk__in=late.get("pending", [])).select_related(
            "organization"
        ),
    }
