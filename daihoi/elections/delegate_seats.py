"""A delegates' election takes its numbers from above; results flow back up.

QĐ 190-QĐ/TW 2024, Điều 18.2 (QĐ 244-QĐ/TW 2014, Điều 20.2): the delegates (and
alternates) a lower congress elects are allocated by the higher committee; the
lower congress does not vote on the number. So an election of delegates is
created with the seats and alternates of the higher congress's approved
allocation (delegates.quota); a different number needs the allocation amended
first (`amend_allocation`, audited). A further round elects what is still
unfilled. When no higher congress is recorded (a province electing to the
national congress) the numbers are taken as typed.

Also here: no new election on a congress already marked held, and the published
result of a delegates' election is added to the higher congress's roster (the
roster asks for it through delegates/elected_source.py: `elected_rounds`).
"""

from django.core.exceptions import ValidationError

from daihoi.delegates import quota as quotas
from daihoi.delegates import roster
from daihoi.delegates.elected_source import Elected, ElectedRound
from daihoi.delegates.models import Kind
from daihoi.rules.delegate_quota import Allocated, numbers_allowed

from .models import Candidate, ElectionKind, PublishedResult


def _filled(congress) -> tuple[int, int]:
    """Delegates and alternates already elected by this congress's published rounds."""
    elected = alternates = 0
    for result in PublishedResult.objects.filter(
        election__congress=congress, election__kind=ElectionKind.DELEGATES
    ):
        elected += len(result.data.get("elected", []))
        alternates += len(result.data.get("alternates_elected", []))
    return elected, alternates


def check_new_election(congress, kind: str, seats: int, alternates: int) -> None:
    """Refuse, before anything is written, an election the congress may not create."""
    # Read the status from the database: the caller's object may predate "held".
    status = type(congress).objects.filter(pk=congress.pk).values_list("status", flat=True).first()
    if status == "held":
        raise ValidationError(
            "Đại hội đã được đánh dấu “Đã tổ chức”: không tạo thêm cuộc bầu cử.",
            code="election.congress_held",
        )
    if kind == ElectionKind.DELEGATES:
        _check_allocation(congress, seats, alternates)


def _check_allocation(congress, seats: int, alternates: int) -> None:
    quota = quotas.quota_for(congress)
    if quota is None:
        return
    cite = quotas.CITE.get(congress.rules_version, quotas.CITE["2024"])
    org = congress.organization
    if not quota.approved or quota.line is None:
        missing = (
            "chưa phê duyệt đề án phân bổ đại biểu"
            if not quota.approved
            else (f"không phân bổ đại biểu cho {org}")
        )
        message = f"{quota.higher}: {missing}; chưa tạo được cuộc bầu đại biểu ({cite})."
        raise ValidationError({"seats": ValidationError(message, code="election.no_allocation")})
    elected, alternates_elected = _filled(congress)
    allocated = Allocated(quota.line.seats, quota.line.alternates, elected, alternates_elected)
    want_seats, want_alternates = allocated.seats_left, allocated.alternates_left
    if not numbers_allowed(allocated, seats, alternates):
        message = (
            f"Cấp trên phân bổ cho {org} {quota.line.seats} đại biểu và "
            f"{quota.line.alternates} dự khuyết (còn phải bầu {want_seats} đại biểu, "
            f"{want_alternates} dự khuyết); đại hội không biểu quyết số lượng này. "
            f"Muốn số khác, cấp ủy cấp trên phải điều chỉnh phân bổ trước ({cite})."
        )
        raise ValidationError({"seats": ValidationError(message, code="election.not_allocated")})


def send_to_higher_roster(actor, published: PublishedResult) -> None:
    """The lower congress's elected delegates and alternates join the higher congress's roster."""
    election = published.election
    if election.kind != ElectionKind.DELEGATES:
        return
    quota = quotas.quota_for(election.congress)
    if quota is not None:
        roster.import_elected(actor, quota.higher, election.congress)


def elected_rounds(congress) -> list[ElectedRound]:
    """The congress's published delegates' rounds, in order: who was elected, who is alternate."""
    results = PublishedResult.objects.filter(
        election__congress=congress, election__kind=ElectionKind.DELEGATES
    ).order_by("election__round")
    return [_elected(result) for result in results]


def _elected(result: PublishedResult) -> ElectedRound:
    by_name = {c.full_name: c for c in Candidate.objects.filter(election=result.election)}
    votes = {c["name"]: c["votes"] for c in result.data["candidates"]}
    rows = [(n, Kind.ELECTED, None) for n in result.data["elected"]]
    rows += [(n, Kind.ALTERNATE, i) for i, n in enumerate(result.data["alternates_elected"], 1)]
    elected = [
        Elected(by_name[name].member if name in by_name else None, kind, rank, votes.get(name))
        for name, kind, rank in rows
    ]
    return ElectedRound(result.election, elected)
