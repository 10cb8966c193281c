"""Approval status for other apps' pages (congress, organisation, tracking) without their
Python importing this app: templates load this library."""

from django import template

from ..selectors import approval_of, has_committee_result

register = template.Library()


@register.inclusion_tag("approvals/_status_line.html")
def approval_status(congress, link: bool = True):
    """'chờ chuẩn y' until the higher committee approves (QĐ 190-QĐ/TW 2024, Điều 2)."""
    return {
        "approval": approval_of(congress),
        "has_result": has_committee_result(congress),
        "congress": congress,
        "link": link,
    }


@register.inclusion_tag("approvals/_org_status.html")
def organization_approval(organization):
    """The organisation's latest congress and where its new committee stands."""
    latest = organization.congresses.order_by("-starts_on", "-id").first()
    if latest is None:
        return {"congress": None}
    return approval_status(latest)


@register.inclusion_tag("approvals/_seals_due.html")
def seals_due(root, today=None):
    """Start page reminder: sealed ballots under `root` whose 6 months (QĐ 190-QĐ/TW 2024,
    Điều 35) have ended and whose destruction is not yet recorded."""
    from django.utils import timezone

    from ..models import BallotSeal

    today = today or timezone.localdate()
    due = (
        BallotSeal.objects.filter(
            destroyed_on__isnull=True,
            keep_until__lt=today,
            election__congress__organization__path__startswith=root.path,
        )
        .select_related("election__congress")
        .order_by("keep_until")[:20]
    )
    return {"due": list(due)}
