"""Preparing an election: the list, the open votes, locking. Every write is atomic and audited."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.congresses.appointments import check_election_allowed
from daihoi.rules.candidate_list import ListEntry, check_list
from daihoi.rules.collation import sort_names, split_name
from daihoi.rules.findings import Finding, Severity

from .delegate_seats import check_new_election
from .models import Candidate, Election, ElectionStatus, ShowOfHands
from .nomination_checks import check_nomination, restriction_findings
from .sittings import check_election_place, figures


class ListLocked(ValidationError):
    pass


def bump(election: Election) -> None:
    election.version += 1
    election.save(update_fields=["version", "status", "list_locked_at"])


def require_unlocked(election: Election) -> None:
    if election.list_locked:
        raise ListLocked(
            "Danh sách đã được biểu quyết và khóa; cần mở khóa (có ghi nhật ký) để sửa."
        )


@transaction.atomic
def create_election(
    actor,
    congress,
    *,
    kind: str,
    title: str,
    seats: int,
    alternates: int = 0,
    entries_required: int = 2,
    sitting=None,
) -> Election:
    """An election of the congress itself, or of its first meeting when `sitting` is given."""
    election = Election(
        congress=congress,
        kind=kind,
        title=title,
        seats=seats,
        alternates=alternates,
        entries_required=entries_required,
        sitting=sitting,
    )
    check_election_allowed(congress, kind)  # appointed committee: rules/congress_kinds.py
    check_new_election(congress, kind, seats, alternates)  # held congress; delegates' allocation
    check_election_place(congress, kind, sitting, seats)  # rules/sittings.py
    election.full_clean()
    if seats < 1:
        raise ValidationError({"seats": "Số lượng cần bầu phải ít nhất là 1."})
    election.save()
    record(
        actor,
        "election.create",
        election,
        summary=title,
        after={
            "kind": kind,
            "seats": seats,
            "alternates": alternates,
            "entries_required": entries_required,
            "sitting": getattr(sitting, "pk", None),
        },
    )
    return election


def check_new_candidate(
    election: Election, *, name: str, member=None, nominated_by: str, nominator=None
) -> tuple[str, str, str]:
    """The checks every addition goes through, one name or a whole list (list_bulk.py):
    who may stand (Điều 13), a full name, and nobody listed twice. Returns the name's parts."""
    check_nomination(
        election, name=name, member=member, nominated_by=nominated_by, nominator=nominator
    )
    family, middle, given = split_name(name)
    if not family or not given:
        raise ValidationError({"full_name": "Cần đủ họ và tên."})
    if election.candidates.filter(full_name=name).exists():
        raise ValidationError({"full_name": f"{name} đã có trong danh sách."})
    if member is not None and election.candidates.filter(member=member).exists():
        raise ValidationError(
            {"member": f"{member.full_name} ({member.code}) đã có trong danh sách."}
        )
    return family, middle, given


def new_candidate(election, parts, *, member, nominated_by, poll_agree) -> Candidate:
    """An unsaved row of the list (positions are given by _renumber once all are in)."""
    family, middle, given = parts
    return Candidate(
        election=election,
        member=member,
        family_name=family,
        middle_name=middle,
        given_name=given,
        full_name=" ".join(p for p in (family, middle, given) if p),
        nominated_by=nominated_by,
        poll_agree=poll_agree,
    )


def record_addition(actor, election, candidate: Candidate, *, nominator=None, source="") -> None:
    after = {
        "nominated_by": candidate.nominated_by,
        "poll_agree": candidate.poll_agree,
        "member_id": candidate.member_id,
        "nominator_id": getattr(nominator, "pk", None),
    }
    if source:
        after["source"] = source
    summary = f"{election.title}: {candidate.full_name}"
    record(actor, "candidate.add", candidate, summary=summary, after=after)


@transaction.atomic
def add_candidate(
    actor,
    election: Election,
    *,
    full_name: str = "",
    member=None,
    nominated_by: str = "convening",
    poll_agree: int | None = None,
    nominator=None,
) -> Candidate:
    election = Election.objects.select_for_update().get(pk=election.pk)
    require_unlocked(election)
    name = member.full_name if member is not None else full_name
    parts = check_new_candidate(
        election, name=name, member=member, nominated_by=nominated_by, nominator=nominator
    )
    candidate = new_candidate(
        election, parts, member=member, nominated_by=nominated_by, poll_agree=poll_agree
    )
    candidate.save()
    renumber(election)
    bump(election)
    record_addition(actor, election, candidate, nominator=nominator)
    return candidate


@transaction.atomic
def withdraw_candidate(actor, candidate: Candidate, reason: str) -> Candidate:
    election = Election.objects.select_for_update().get(pk=candidate.election_id)
    require_unlocked(election)
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do rút khỏi danh sách."})
    candidate.withdrawn, candidate.withdrawn_reason = True, reason.strip()
    candidate.save(update_fields=["withdrawn", "withdrawn_reason"])
    renumber(election)
    bump(election)
    record(
        actor,
        "candidate.withdraw",
        candidate,
        summary=candidate.full_name,
        after={"reason": reason},
    )
    return candidate


def renumber(election: Election) -> None:
    """Ballot order = Vietnamese alphabetical order of the names still on the list."""
    live = list(election.candidates.filter(withdrawn=False))
    order = {name: i for i, name in enumerate(sort_names([c.full_name for c in live]), start=1)}
    for c in live:
        c.position = order[c.full_name]
    Candidate.objects.bulk_update(live, ["position"])
    election.candidates.filter(withdrawn=True).update(position=0)


def list_findings(election: Election) -> list[Finding]:
    entries = [
        ListEntry(c.full_name, c.nominated_by, c.poll_agree) for c in live_candidates(election)
    ]
    present = figures(election).present  # those present at the election's own sitting
    findings = check_list(
        election.kind,
        election.seats,
        entries,
        present,
        election.congress.rules_version,
        small_list_surplus=settings.DAIHOI_SMALL_LIST_SURPLUS,
    )
    findings += restriction_findings(election)  # QĐ 244 Điều 13, rechecked at approval
    if present <= 0:
        findings.append(
            Finding(
                "present_unknown",
                Severity.WARNING,
                "",
                "Chưa nhập số đại biểu có mặt: chưa tính được ngưỡng 30% và cơ sở tính kết quả.",
            )
        )
    return findings


def live_candidates(election: Election):
    return election.candidates.filter(withdrawn=False).order_by("position")


def ballot_spec(election: Election):
    """The printed ballot of this round, built from the approved list.

    The layout id is a digest of everything printed on the paper, not the election's
    version: recording the ballots issued (which bumps the version) must not turn the
    ballots already printed into "another layout" for the scanner, while any change
    to the printed text gives a new id.
    """
    import dataclasses
    import hashlib
    import json

    from .ballot_paper import BallotSpec

    congress = election.congress
    title = election.title
    if title.lower().startswith("bầu "):
        title = title[4:]
    spec = BallotSpec(
        organization=f"Ban Chấp hành {congress.organization.name}",
        congress=congress.name,
        title=f"Phiếu bầu {title}, nhiệm kỳ {congress.term.replace('-', '–')}",
        round=election.round,
        seats=election.seats,
        candidates=tuple(c.full_name for c in live_candidates(election)),
        election_id=election.pk,
        layout_id="pending",
        rules=congress.rules_version,
    )
    printed = dataclasses.asdict(spec)
    del printed["layout_id"]
    digest = hashlib.sha256(json.dumps(printed, ensure_ascii=False, sort_keys=True).encode())
    layout_id = f"e{election.pk}r{election.round}-{digest.hexdigest()[:10]}"
    return dataclasses.replace(spec, layout_id=layout_id)


@transaction.atomic
def record_show_of_hands(
    actor,
    congress,
    *,
    subject: str,
    votes_for: int,
    votes_against: int = 0,
    abstain: int = 0,
    election: Election | None = None,
) -> ShowOfHands:
    total = votes_for + votes_against + abstain
    # Those present at the sitting that votes: the first meeting's for its own elections.
    present = figures(election).present if election is not None else congress.present
    if present and total > present:
        raise ValidationError(f"Tổng số biểu quyết ({total}) lớn hơn số có mặt ({present}).")
    # Passed when more than half of those present (or, if not yet known, of those voting) agree.
    passed = votes_for * 2 > (present or total)
    vote = ShowOfHands.objects.create(
        congress=congress,
        election=election,
        subject=subject,
        votes_for=votes_for,
        votes_against=votes_against,
        abstain=abstain,
        passed=passed,
    )
    record(
        actor,
        "show_of_hands.record",
        vote,
        summary=subject,
        after={"for": votes_for, "against": votes_against, "abstain": abstain, "passed": passed},
    )
    return vote


@transaction.atomic
def approve_list(actor, election: Election) -> Election:
    """Lock the list after the congress approved it by show of hands; refuse while blocking findings remain."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    require_unlocked(election)
    blockers = [f for f in list_findings(election) if f.blocking]
    if blockers:
        raise ValidationError(
            [f"{f.subject + ': ' if f.subject else ''}{f.message} ({f.citation})" for f in blockers]
        )
    renumber(election)
    election.list_locked_at = timezone.now()
    election.status = ElectionStatus.LIST_APPROVED
    bump(election)
    names = [c.full_name for c in live_candidates(election)]
    record(
        actor,
        "election.list_approve",
        election,
        summary=election.title,
        after={"seats": election.seats, "candidates": names},
    )
    return election


@transaction.atomic
def unlock_list(actor, election: Election, reason: str) -> Election:
    election = Election.objects.select_for_update().get(pk=election.pk)
    if not reason.strip():
        raise ValidationError("Cần ghi lý do mở khóa danh sách.")
    if election.batches.filter(entries__ballots__isnull=False).exists():
        raise ValidationError("Đã có phiếu được nhập: không thể mở khóa danh sách.")
    election.list_locked_at = None
    election.status = ElectionStatus.DRAFT
    bump(election)
    record(
        actor, "election.list_unlock", election, summary=election.title, after={"reason": reason}
    )
    return election
