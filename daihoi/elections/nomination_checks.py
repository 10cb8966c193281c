"""Who may stand or nominate outside the convening body's list (QĐ 244-QĐ/TW 2014, Điều 13).

The convening body is the outgoing committee for elections at the congress,
and its standing committee for elections at a meeting of the committee. Its
members are read from what the system knows: the congress's ex-officio
delegates (the convening committee's members active there), the committee
(or standing committee) the organisation's previous congress published, and a
committee the higher level appointed for the previous term.
"""

from django.core.exceptions import ValidationError

from daihoi.rules.candidate_list import convening_member_restriction

from .models import COMMITTEE_OWN_ELECTIONS, Candidate, ElectionKind, PublishedResult

MEETING_KINDS = {*COMMITTEE_OWN_ELECTIONS, ElectionKind.INSPECTION_COMMITTEE}


def sitting_of(kind: str) -> str:
    return "committee_meeting" if kind in MEETING_KINDS else "congress"


def _previous_congress(congress):
    return (
        type(congress)
        .objects.filter(organization_id=congress.organization_id, term__lt=congress.term)
        .order_by("-term", "-id")
        .first()
    )


def _published_members(congress, kind: str) -> set[int]:
    ids: set[int] = set()
    for result in PublishedResult.objects.filter(election__congress=congress, election__kind=kind):
        names = set(result.data.get("elected", []))
        ids |= set(
            Candidate.objects.filter(election=result.election, full_name__in=names)
            .exclude(member=None)
            .values_list("member_id", flat=True)
        )
    return ids


def convening_body_member_ids(congress, sitting: str) -> set[int]:
    """Member ids of the outgoing committee (congress) or standing committee (meeting)."""
    from daihoi.congresses.models import AppointedCommitteeMember
    from daihoi.delegates.models import Delegate, Kind

    previous = _previous_congress(congress)
    if sitting == "committee_meeting":
        ids = _published_members(previous, ElectionKind.STANDING_COMMITTEE) if previous else set()
        posts = ["secretary", "deputy_secretary", "standing"]
    else:
        ids = set(
            Delegate.objects.filter(congress=congress, kind=Kind.EX_OFFICIO).values_list(
                "member_id", flat=True
            )
        )
        if previous:
            ids |= _published_members(previous, ElectionKind.COMMITTEE)
        posts = ["secretary", "deputy_secretary", "standing", "committee"]
    appointed = AppointedCommitteeMember.objects.filter(
        appointment__organization_id=congress.organization_id,
        appointment__term__lt=congress.term,
        post__in=posts,
    ).exclude(member=None)
    return ids | set(appointed.values_list("member_id", flat=True))


def check_nomination(election, *, name: str, member, nominated_by: str, nominator=None) -> None:
    """Refuse (ValidationError, cited) what Điều 13 forbids; nothing is written."""
    if nominated_by == "convening":
        return
    sitting = sitting_of(election.kind)
    restricted = convening_body_member_ids(election.congress, sitting)
    finding = convening_member_restriction(
        election.congress.rules_version,
        sitting,
        nominated_by,
        candidate=name,
        candidate_restricted=member is not None and member.pk in restricted,
        nominator_restricted=nominator is not None and nominator.pk in restricted,
    )
    if finding:
        message = f"{finding.subject}: {finding.message} ({finding.citation})"
        raise ValidationError({"nominated_by": ValidationError(message, code=finding.code)})


def restriction_findings(election) -> list:
    """The same check at approval, for every name on the list (the roster may have changed)."""
    sitting = sitting_of(election.kind)
    live = election.candidates.filter(withdrawn=False).exclude(nominated_by="convening")
    live = live.exclude(member=None)
    if not live.exists():
        return []
    restricted = convening_body_member_ids(election.congress, sitting)
    findings = []
    for candidate in live:
        finding = convening_member_restriction(
            election.congress.rules_version,
            sitting,
            candidate.nominated_by,
            candidate=candidate.full_name,
            candidate_restricted=candidate.member_id in restricted,
        )
        if finding:
            findings.append(finding)
    return findings
