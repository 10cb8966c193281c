"""The result of an election, computed by the rules from the reconciled ballots only,
and its publication (frozen for the minutes and the hall's screen)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from daihoi.audit.models import AuditHead
from daihoi.audit.services import record
from daihoi.rules import sittings as rules_sittings
from daihoi.rules import tally as rules_tally
from daihoi.rules.ballots import InvalidReason, article

from . import sittings
from .ballot_digest import seal_election
from .delegate_seats import send_to_higher_roster
from .judging import judge
from .lists import live_candidates
from .models import (
    BatchStatus,
    CountedBallot,
    Election,
    ElectionKind,
    ElectionStatus,
    PublishedResult,
)

# Stored with each result in Vietnamese (minutes, record); pages translate them at display.
INVALID_LABELS = {
    InvalidReason.TOO_MANY: N_("Bầu quá số lượng cần bầu"),
    InvalidReason.ALL_STRUCK: N_("Gạch tên tất cả"),
    InvalidReason.ELECTS_NOBODY: N_("Không bầu ai (không đồng ý hoặc bỏ trống mọi dòng)"),
    InvalidReason.SINGLE_NOT_MARKED_ONCE: N_(
        "Danh sách một người: đánh dấu cả hai ô hoặc không đánh dấu"
    ),
    InvalidReason.NOT_ISSUED: N_("Không phải phiếu do Ban kiểm phiếu phát ra"),
    InvalidReason.SIGNED_OR_MARKED: N_("Có ký tên hoặc đánh dấu riêng"),
    InvalidReason.WRITTEN_IN: N_("Ghi thêm tên người ngoài danh sách"),
}


def _base_explained(election: Election) -> tuple[int, list[tuple[str, int]]]:
    """The base (cơ sở tính kết quả) and the lines of its computation, for screens and minutes:
    the congress's for its own elections, the first meeting's for the committee's."""
    f = sittings.figures(election)
    if f.base < 1:
        raise ValueError("no base yet")
    return f.base, list(f.lines)


def base_explained(election: Election) -> tuple[int, list[tuple[str, int]]]:
    """The base (cơ sở tính kết quả) and its computation; 0 while the counts are not entered
    (the rules refuse a base below 1, and the screens say what is missing)."""
    try:
        return _base_explained(election)
    except ValueError:
        return 0, []


def progress(election: Election) -> dict:
    batches = list(election.batches.order_by("number").values("number", "status", "team__name"))
    done = sum(1 for b in batches if b["status"] == BatchStatus.RECONCILED)
    counted = CountedBallot.objects.filter(batch__election=election).count()
    return {
        "batches": batches,
        "reconciled": done,
        "total": len(batches),
        "ballots_counted": counted,
        "complete": bool(batches) and done == len(batches),
    }


def compute_result(election: Election) -> dict:
    """The result from the reconciled batches: the shape of `daihoi count`'s output plus what the minutes need."""
    candidates = list(live_candidates(election))
    n = len(candidates)
    verdicts = [
        judge(b.content, n, election.seats)
        for b in CountedBallot.objects.filter(
            batch__election=election, batch__status=BatchStatus.RECONCILED
        )
    ]
    t = rules_tally.tally(verdicts, n)
    base, explanation = base_explained(election)
    if base < 1:
        raise ValidationError(
            "Chưa xác định được cơ sở tính kết quả (số đại biểu/đảng viên triệu tập)."
        )
    rules = election.congress.rules_version
    alternates: list[int] = []
    if election.kind == ElectionKind.DELEGATES and election.alternates:
        both = rules_tally.decide_with_alternates(
            list(t.votes), election.seats, election.alternates, base, rules
        )
        decision = both.officials
        if both.alternates:
            alternates = list(both.alternates.elected)
    else:
        decision = rules_tally.decide(list(t.votes), election.seats, base, rules)
    return _result_dict(election, candidates, t, decision, alternates, base, explanation)


def _result_dict(election, candidates, t, decision, alternates, base, explanation) -> dict:
    pct = rules_tally.percent
    elected, alt = set(decision.elected), set(alternates)
    figures = sittings.figures(election)
    return {
        "election": _election_info(election),
        "sitting": {"kind": figures.sitting, "name": figures.name, "voters": figures.voters},
        "summoned": figures.summoned,
        "present": figures.present,
        "base": base,
        "base_explanation": [[label, n] for label, n in explanation],
        "issued": election.ballots_issued,
        "collected": t.collected,
        "valid": t.valid,
        "invalid": t.invalid,
        "invalid_by_reason": dict(t.invalid_by_reason),
        "invalid_reason_labels": {str(k): v for k, v in INVALID_LABELS.items()},
        "candidates": [
            {
                "position": c.position,
                "name": c.full_name,
                "votes": t.votes[c.position - 1],
                "percent_of_base": pct(t.votes[c.position - 1], base),
                "percent_of_valid": pct(t.votes[c.position - 1], t.valid) if t.valid else 0.0,
                "elected": c.position in elected,
                "alternate": c.position in alt,
            }
            for c in candidates
        ],
        "elected": [candidates[p - 1].full_name for p in decision.elected],
        "alternates_elected": [candidates[p - 1].full_name for p in alternates],
        "tied_for_last_seat": [candidates[p - 1].full_name for p in decision.tied_for_last_seat],
        "seats_unfilled": decision.seats_unfilled,
        "rule_citation": article("result", election.congress.rules_version),
    }


def _election_info(election: Election) -> dict:
    c = election.congress
    return {
        "id": election.pk,
        "title": election.title,
        "kind": election.kind,
        "kind_label": election.get_kind_display(),
        "seats": election.seats,
        "alternates": election.alternates,
        "round": election.round,
        "rules": c.rules_version,
        "rules_label": c.get_rules_version_display(),
        "congress": c.name,
        "organization": c.organization.name,
        "convening_committee": f"Ban Chấp hành {c.organization.name}",
    }


class PublicationRefused(ValidationError):
    """Figures that cannot be: the result is not published; `problems` say what to correct."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__([f"{p.message} {p.fix}" for p in problems])


def publication_problems(election: Election) -> list:
    """rules.sittings.publication_problems on this election's own sitting and ballots."""
    collected = CountedBallot.objects.filter(
        batch__election=election, batch__status=BatchStatus.RECONCILED
    ).count()
    present = sittings.figures(election).present
    return rules_sittings.publication_problems(
        present=present, issued=election.ballots_issued, collected=collected
    )


def publish_result(actor, election: Election) -> PublishedResult:
    """Publish, or refuse with the reasons; a refusal for impossible figures is audited too."""
    try:
        return _publish(actor, election)
    except PublicationRefused as exc:
        with transaction.atomic():
            record(
                actor,
                "election.publish_refused",
                election,
                summary=election.title,
                after={"problems": [p.code for p in exc.problems], "messages": exc.messages},
            )
        raise


@transaction.atomic
def _publish(actor, election: Election) -> PublishedResult:
    election = Election.objects.select_for_update().get(pk=election.pk)
    state = progress(election)
    if not state["complete"]:
        raise ValidationError(
            f"Mới khớp {state['reconciled']}/{state['total']} hòm phiếu: chưa công bố được."
        )
    if hasattr(election, "published"):
        raise ValidationError("Kết quả đã được công bố.")
    problems = publication_problems(election)
    if problems:
        raise PublicationRefused(problems)
    digest = seal_election(actor, election)  # refuses if a box changed since its seal
    data = compute_result(election)
    entry = record(
        actor,
        "election.publish",
        election,
        summary=election.title,
        after={
            "elected": data["elected"],
            "tied": data["tied_for_last_seat"],
            "votes": [c["votes"] for c in data["candidates"]],
            "base": data["base"],
        },
    )
    data["audit_head"] = entry.hash
    data["audit_seq"] = entry.seq
    data["ballot_digest"] = digest
    data["published"] = True
    published = PublishedResult.objects.create(
        election=election,
        data=data,
        published_at=timezone.now(),
        published_by=actor,
        audit_hash=entry.hash,
    )
    election.status = ElectionStatus.PUBLISHED
    election.version += 1
    election.save(update_fields=["status", "version"])
    send_to_higher_roster(actor, published)  # delegates' election → the higher congress's roster
    if election.kind == ElectionKind.COMMITTEE and not election.sitting_id:
        sittings.join_newly_elected(actor, election.congress)
    return published


def current_audit_head() -> str:
    head = AuditHead.objects.filter(id=1).first()
    return head.last_hash if head else ""


def export_ballots(election: Election) -> dict:
    """All counted ballots in the `daihoi count` format, for an independent recount.

    Ballots are sorted by content so that the export reveals nothing of the
    order in which they came out of the box."""
    base, _ = base_explained(election)
    ballots = [
        b.content
        for b in CountedBallot.objects.filter(
            batch__election=election, batch__status=BatchStatus.RECONCILED
        )
    ]
    ballots.sort(key=lambda c: (sorted(c.keys()), str(sorted(c.items()))))
    return {
        "rules": election.congress.rules_version,
        "congress": "committee" if election.sitting_id else election.congress.kind,
        "seats": election.seats,
        "base": base,
        "candidates": [c.full_name for c in live_candidates(election)],
        "ballots": ballots,
    }


# The congress's tracked figure for each kind of election (Congress fields).
RESULT_FIELDS = {"committee": "committee_elected", "delegates": "delegates_elected"}


def results_from_elections(congress) -> dict[str, int | None]:
    """Committee members and delegates elected, read from the congress's published results.

    What the tracking page (reports) offers as the figures to report upward
    (congresses.tracking.report_results)."""
    counts: dict[str, int | None] = dict.fromkeys(RESULT_FIELDS.values())
    published = PublishedResult.objects.filter(election__congress=congress).select_related(
        "election"
    )
    for result in published:
        field = RESULT_FIELDS.get(result.election.kind)
        if field:
            counts[field] = (counts[field] or 0) + len(result.data.get("elected", []))
    return counts
