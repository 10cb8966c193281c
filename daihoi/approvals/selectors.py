"""Reads after the count: the approval's state, the complaint window, the new committee."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from daihoi.complaints.models import Complaint
from daihoi.elections.models import Election, ElectionKind, ElectionStatus
from daihoi.rules import workdays
from daihoi.rules.approval import COMPLAINT_WINDOW_WORKING_DAYS

from .models import Approval, ApprovalState

# The elections whose results the higher committee approves (QĐ 190-QĐ/TW 2024 Điều 2):
# the committee, its officers and the inspection committee; never the delegates.
APPROVED_KINDS = (
    ElectionKind.COMMITTEE,
    ElectionKind.STANDING_COMMITTEE,
    ElectionKind.SECRETARY,
    ElectionKind.DEPUTY_SECRETARY,
    ElectionKind.INSPECTION_COMMITTEE,
    ElectionKind.INSPECTION_CHAIR,
)


def approval_of(congress) -> Approval:
    """The congress's approval record (unsaved and not requested when there is none)."""
    return Approval.objects.filter(congress=congress).first() or Approval(congress=congress)


def live_elections(congress):
    """Published elections not annulled, with their results."""
    return (
        Election.objects.filter(congress=congress, status=ElectionStatus.PUBLISHED)
        .filter(annulment__isnull=True)
        .select_related("published")
        .order_by("id")
    )


def new_committee(congress) -> list[dict]:
    """Each live approved-kind election with the names it elected, for pages and the file."""
    rows = []
    for e in live_elections(congress).filter(kind__in=APPROVED_KINDS):
        rows.append({"election": e, "elected": list(e.published.data.get("elected", []))})
    return rows


def has_committee_result(congress) -> bool:
    return live_elections(congress).filter(kind=ElectionKind.COMMITTEE).exists()


def closing_day(congress) -> dt.date | None:
    """The congress's closing day (ngày bế mạc); else the day its last result was published."""
    if congress.ends_on:
        return congress.ends_on
    last = (
        Election.objects.filter(congress=congress, published__isnull=False)
        .order_by("-published__published_at")
        .values_list("published__published_at", flat=True)
        .first()
    )
    return timezone.localdate(last) if last else None


@dataclass(frozen=True)
class ComplaintWindow:
    closes_on: dt.date | None  # the congress's closing day
    ends_on: dt.date | None  # last day of the 15 working days
    open: bool
    working_days_left: int
    provisional: bool  # the year's days off are the statute's default, not a notice
    error: str
    complaints: list


def complaint_window(congress, today: dt.date | None = None) -> ComplaintWindow:
    """QĐ 190-QĐ/TW 2024 Điều 33.1: 15 working days from the congress's closing day."""
    today = today or timezone.localdate()
    closes = closing_day(congress)
    letters = list(Complaint.objects.filter(congress=congress).order_by("received_on", "id"))
    if closes is None:
        return ComplaintWindow(None, None, False, 0, False, "", letters)
    try:
        ends = workdays.add_working_days(closes, COMPLAINT_WINDOW_WORKING_DAYS)
        left = workdays.working_days_between(today, ends) if today < ends else 0
    except workdays.UnknownYear as exc:
        return ComplaintWindow(closes, None, False, 0, False, str(exc), letters)
    provisional = not all(workdays.is_published(y) for y in {closes.year, ends.year})
    return ComplaintWindow(closes, ends, closes <= today <= ends, left, provisional, "", letters)


def pending_approval_counts(congresses) -> dict[str, int]:
    """Counts by approval state among congresses (congresses with none: not requested)."""
    from django.db.models import Count

    rows = (
        Approval.objects.filter(congress__in=congresses)
        .values("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["state"]: r["n"] for r in rows}


def plan_outcomes(congress) -> list[dict]:
    """The personnel plan's candidates marked elected or not from the published committee
    result: by the registry link where the ballot list has it, else by full name."""
    from daihoi.elections.models import Candidate as ListEntry
    from daihoi.personnel.models import Candidate

    committee = [r for r in new_committee(congress) if r["election"].kind == ElectionKind.COMMITTEE]
    names = {n for r in committee for n in r["elected"]}
    linked = set(
        ListEntry.objects.filter(
            election__in=[r["election"] for r in committee], full_name__in=names
        )
        .exclude(member=None)
        .values_list("member_id", flat=True)
    )
    rows = Candidate.objects.filter(plan__congress=congress).select_related("member")
    return (
        [
            {
                "name": c.member.full_name,
                "post": c.get_post_display(),
                "elected": c.member_id in linked or c.member.full_name in names,
            }
            for c in rows.order_by("position", "id")
        ]
        if committee
        else []
    )


STATE_LABELS = dict(ApprovalState.choices)
