"""The nomination steps of a plan: record a step's votes (typed or counted from ballots), carry the list."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from daihoi.audit.services import record
from daihoi.rules.ballots import Mark, judge_marks
from daihoi.rules.nomination import StepResult, carried_list, check_step, decide_step
from daihoi.rules.tally import tally

from .models import Candidate, NominationStep, NominationVote, PersonnelPlan


def step_results(plan: PersonnelPlan) -> list[tuple[NominationStep, StepResult, dict]]:
    """Each recorded step with who passed it; votes keyed by candidate id (as text)."""
    out = []
    steps = plan.steps.prefetch_related("votes").order_by("number")
    for step in steps:
        votes = {str(v.candidate_id): v.votes for v in step.votes.all()}
        out.append((step, decide_step(votes, step.summoned), votes))
    return out


def next_list(plan: PersonnelPlan) -> list[Candidate]:
    """The list the next step polls: everyone for the first step, then those who passed the last."""
    candidates = list(plan.candidates.select_related("member"))
    results = step_results(plan)
    previous = results[-1][1] if results else None
    keep = set(carried_list(previous, [str(c.pk) for c in candidates]))
    return [c for c in candidates if str(c.pk) in keep]


@transaction.atomic
def record_step(
    actor,
    plan: PersonnelPlan,
    *,
    name: str,
    voters_kind: str,
    summoned: int,
    present: int,
    votes: Mapping[int, int],
    held_on=None,
) -> NominationStep:
    """Record a step; the votes must be for exactly the carried list, and figures must add up."""
    plan = PersonnelPlan.objects.select_for_update().get(pk=plan.pk)
    listed = {c.pk: c for c in next_list(plan)}
    _check_votes(votes, listed, summoned, present)
    number = plan.steps.count() + 1
    step = NominationStep.objects.create(
        plan=plan,
        number=number,
        name=name,
        held_on=held_on,
        voters_kind=voters_kind,
        summoned=summoned,
        present=present,
    )
    NominationVote.objects.bulk_create(
        NominationVote(step=step, candidate=listed[k], votes=v) for k, v in votes.items()
    )
    record(
        actor,
        "personnel.step.record",
        step,
        summary=f"{plan.congress} · bước {number}",
        after={
            "summoned": summoned,
            "present": present,
            "votes": {str(k): v for k, v in votes.items()},
        },
    )
    return step


def _check_votes(votes: Mapping[int, int], listed: dict, summoned: int, present: int) -> None:
    if set(votes) != set(listed):
        raise ValidationError(
            "Số phiếu phải nhập cho đúng những người trong danh sách của bước này."
        )
    names = {str(k): str(c) for k, c in listed.items()}
    problems = check_step({str(k): v for k, v in votes.items()}, summoned, present, names)
    if problems:
        raise ValidationError(
            [f"{p.subject}: {p.message}" if p.subject else p.message for p in problems]
        )


def votes_from_ballots(lines: Sequence[str], listed: Sequence[Candidate]) -> tuple[dict, int, int]:
    """Count poll ballots with the counting engine: one line per ballot, the numbers agreed.

    "1 3 4" agrees with positions 1, 3 and 4 of the step's list and disagrees
    with the rest; "0" agrees with nobody. Returns (votes by candidate id,
    ballots collected, ballots invalid) — ``rules.ballots.judge_marks`` decides validity.
    """
    size = len(listed)
    verdicts = []
    for number, line in enumerate((x for x in lines if x.strip()), start=1):
        try:
            agreed = {int(tok) for tok in line.replace(",", " ").split() if tok != "0"}
        except ValueError:
            raise ValidationError(f"Phiếu {number}: chỉ ghi các số thứ tự đồng ý.") from None
        if not agreed <= set(range(1, size + 1)):
            raise ValidationError(f"Phiếu {number}: số thứ tự ngoài danh sách (1–{size}).")
        marks = {p: Mark.AGREE if p in agreed else Mark.DISAGREE for p in range(1, size + 1)}
        verdicts.append(judge_marks(marks, size))
    counted = tally(verdicts, size)
    votes = {c.pk: counted.votes[i] for i, c in enumerate(listed)}
    return votes, counted.collected, counted.invalid
