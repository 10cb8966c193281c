"""Votes, the base, who is elected, ties, further rounds and alternates.

QĐ 190-QĐ/TW 2024, Điều 30 (2014: Điều 32) with Điều lệ Đảng, Điều 12.3:
votes are counted on valid ballots only, and a candidate is elected only with
**more than half of the base** (votes * 2 > base), where the base is the
number entitled to vote, not the number of ballots. Among those above half
the most votes win, up to the seats.

Readings (see ballots.py for the 2014/2024 article table):

* a tie straddling the last seat: none of the tied is declared; the seats
  they contest stay open (``tied_for_last_seat``) and the congress votes
  again among them (``next_round``). The State rule that the older person
  wins is not a party rule and is not applied;
* a further round is measured against the same base (Điều lệ Đảng, Điều 12.3
  applies to every election), and carries its own list and seats;
* alternate delegates (2024 Điều 18, 2014 Điều 20): after the officials, the
  rest above half, by votes, up to the alternates; a tie at the last
  alternate is handled like a tie at the last seat. While a tie for the last
  official seat stands, alternates are not declared: the loser of that
  re-vote would outrank everyone below, so no ranking is final yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import chain

from daihoi.rules.ballots import Verdict, article, check_rules
from daihoi.rules.collation import sort_names


@dataclass(frozen=True)
class Tally:
    """What the minutes record of one count: ballots and votes per position."""

    collected: int
    valid: int
    invalid_by_reason: dict[str, int]
    votes: tuple[int, ...]  # votes[position - 1]

    @property
    def invalid(self) -> int:
        return self.collected - self.valid


@dataclass(frozen=True)
class Decision:
    """Who is elected in one round, in order of votes; positions are 1-based."""

    seats: int
    base: int
    elected: tuple[int, ...]
    tied_for_last_seat: tuple[int, ...] = ()
    rules: str = "2024"

    @property
    def seats_unfilled(self) -> int:
        """QĐ 190-QĐ/TW 2024, Điều 30: seats left open, including those a tie leaves open."""
        return self.seats - len(self.elected)

    @property
    def source(self) -> str:
        return article("result", self.rules)


@dataclass(frozen=True)
class DelegateDecision:
    officials: Decision
    alternates: Decision | None  # None while a tie for the last official seat stands


@dataclass(frozen=True)
class Round:
    """One round of voting: its own list (names in ballot order), seats and base."""

    candidates: tuple[str, ...]
    seats: int
    base: int
    number: int = 1
    rules: str = "2024"
    order: str | None = field(default="given_family_middle", compare=False)


def base_for_members_congress(
    full_members: int,
    *,
    attached_elsewhere: int = 0,
    exempted_and_absent: int = 0,
    suspended_or_prosecuted: int = 0,
    absent_with_approved_reason: int = 0,
) -> int:
    """QĐ 244-QĐ/TW 2014, Điều 32.2 (2024: Điều 30.2): the base of a members' congress.

    Full members of the organisation, less those attached temporarily to
    another organisation, those exempted from activity who are absent, those
    suspended, prosecuted or detained, and those absent for the whole
    congress with a reason the convening committee approved. Probationary
    members are never counted; absent without an approved reason still are.
    """
    return _base(
        full_members,
        attached_elsewhere,
        exempted_and_absent,
        suspended_or_prosecuted,
        absent_with_approved_reason,
    )


def base_for_delegates_congress(
    official_summoned: int,
    *,
    convening_committee_absent: int = 0,
    absent_without_alternate: int = 0,
) -> int:
    """QĐ 244-QĐ/TW 2014, Điều 32.3 (2024: Điều 30.3): the base of a delegates' congress.

    Official delegates summoned, less members of the convening committee
    absent for the whole congress and official delegates absent for the whole
    congress with no alternate seated in their place.
    """
    return _base(official_summoned, convening_committee_absent, absent_without_alternate)


def base_for_committee_election(
    members_summoned: int,
    *,
    attached_elsewhere: int = 0,
    suspended_or_prosecuted: int = 0,
) -> int:
    """QĐ 24-QĐ/TW 2021, mục 9.3.3 (not yet checked against its text): a committee's own base.

    For the standing committee, secretary, inspection committee and the like:
    the committee's sitting members summoned, less those attached temporarily
    elsewhere and those suspended, prosecuted or detained.
    """
    return _base(members_summoned, attached_elsewhere, suspended_or_prosecuted)


def tally(verdicts: Iterable[Verdict], candidates: int) -> Tally:
    """QĐ 190-QĐ/TW 2024, Điều 30.1 (2014: Điều 32.1): votes per candidate on valid ballots.

    Strike-through ballots are counted by their strikes (votes = valid
    strike-through ballots − strikes), each ballot adding its strike mask to
    a counter of every position at once (``count_strikes``), so the work grows
    with the ballots, not with ballots × candidates.
    """
    collected = 0
    invalid: Counter[str] = Counter()
    masks: list[int] = []
    agreed: list[frozenset[int]] = []
    for verdict in verdicts:
        collected += 1
        if verdict.reason is not None:
            invalid[verdict.reason.value] += 1
        elif verdict.struck is not None:
            masks.append(verdict.strike_mask)
        else:
            agreed.append(verdict.agreed or frozenset())
    if masks and agreed:
        raise ValueError("one round has one ballot form; got both")
    strikes = count_strikes(masks, candidates)
    agrees = Counter(chain.from_iterable(agreed))
    votes = tuple(
        len(masks) - strikes[position - 1] + agrees[position]
        for position in range(1, candidates + 1)
    )
    valid = len(masks) + len(agreed)
    return Tally(collected, valid, dict(sorted(invalid.items())), votes)


def count_strikes(masks: Iterable[int], candidates: int) -> list[int]:
    """How many masks have bit p set, for p in 1..candidates (counts[p - 1]).

    A binary counter per position, all positions at once: ``planes[i]`` holds
    bit i of every position's count. Adding a mask is the schoolbook addition
    of 1 at the positions it sets: flip the bits of the lowest plane and carry
    where a bit was already 1, plane after plane, until nothing is carried
    (on average after two planes). The counts are read off the planes at the end.
    """
    planes: list[int] = []
    for mask in masks:
        level = 0
        while mask:
            if level == len(planes):
                planes.append(0)
            carry = planes[level] & mask
            planes[level] ^= mask
            mask = carry
            level += 1
    return [
        sum(((plane >> position) & 1) << level for level, plane in enumerate(planes))
        for position in range(1, candidates + 1)
    ]


def is_above_half(votes: int, base: int) -> bool:
    """Điều lệ Đảng, Điều 12.3: more than half of the base, in integers (no rounding)."""
    return votes * 2 > base


def decide(votes: Sequence[int], seats: int, base: int, rules: str = "2024") -> Decision:
    """QĐ 190-QĐ/TW 2024, Điều 30 (2014: Điều 32); Điều lệ Đảng, Điều 12.3: who is elected.

    Those with votes * 2 > base, most votes first (ties by position), up to
    the seats. If a tie straddles the last seat none of the tied is declared
    and their seats stay unfilled.
    """
    check_rules(rules)
    _check_counts(seats=seats, base=base)
    ranked = _rank_above_half(votes, range(1, len(votes) + 1), base)
    elected, tied = _fill(ranked, votes, seats)
    return Decision(seats, base, elected, tied, rules)


def decide_with_alternates(
    votes: Sequence[int], seats: int, alternates: int, base: int, rules: str = "2024"
) -> DelegateDecision:
    """QĐ 190-QĐ/TW 2024, Điều 18 (2014: Điều 20): official delegates, then alternates.

    One list for both: officials are decided first (``decide``); then among
    the rest, those above half of the base become alternates in descending
    order of votes, up to ``alternates``, with ties handled as for the last
    seat. While a tie for the last official seat stands, no alternate is
    declared (see the module docstring).
    """
    if alternates < 0:
        raise ValueError("alternates must not be negative")
    officials = decide(votes, seats, base, rules)
    if officials.tied_for_last_seat:
        return DelegateDecision(officials, None)
    taken = set(officials.elected)
    rest = [p for p in range(1, len(votes) + 1) if p not in taken]
    elected, tied = _fill(_rank_above_half(votes, rest, base), votes, alternates)
    return DelegateDecision(officials, Decision(alternates, base, elected, tied, rules))


def next_round(previous: Round, decision: Decision, added: Sequence[str] = ()) -> Round | None:
    """QĐ 190-QĐ/TW 2024, Điều 18.2, 30 (2014: Điều 20.2, 32): the list and seats of the next round.

    None when every seat is filled. After a tie the congress votes among the
    tied only, for the seats they contest. After a shortfall it votes for
    the seats left, on the list of those not elected plus any names it
    decides to add (``added``). The base stays the same. The new list is put
    in alphabetical order when the round has an ``order``.
    """
    if decision.seats_unfilled == 0:
        return None
    names = previous.candidates
    if decision.tied_for_last_seat:
        if added:
            raise ValueError("a re-vote after a tie is among the tied only")
        listed = [names[p - 1] for p in sorted(decision.tied_for_last_seat)]
    else:
        taken = set(decision.elected)
        listed = [name for p, name in enumerate(names, start=1) if p not in taken]
        listed += _new_names(added, names)
    if previous.order is not None:
        listed = sort_names(listed, previous.order)
    return Round(
        tuple(listed),
        decision.seats_unfilled,
        previous.base,
        previous.number + 1,
        previous.rules,
        previous.order,
    )


def percent(part: int, whole: int) -> float:
    """Counting minutes (percentage of the base; clause not verified): 2 decimals, half up.

    Halves round up, as a counting team does by hand (Python's round() would
    round 0.125 down to 0.12); a percentage of nothing is 0.
    """
    if whole == 0:
        return 0.0
    exact = Decimal(part) * 100 / Decimal(whole)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _base(total: int, *excluded: int) -> int:
    if total < 0 or any(count < 0 for count in excluded):
        raise ValueError("counts for the base must not be negative")
    base = total - sum(excluded)
    if base < 1:
        raise ValueError(f"the base must be at least 1, got {base}")
    return base


def _check_counts(*, seats: int, base: int) -> None:
    if seats < 1:
        raise ValueError("seats must be at least 1")
    if base < 1:
        raise ValueError("the base must be at least 1")


def _rank_above_half(votes: Sequence[int], positions: Iterable[int], base: int) -> list[int]:
    above = [p for p in positions if is_above_half(votes[p - 1], base)]
    return sorted(above, key=lambda p: (-votes[p - 1], p))


def _fill(
    ranked: list[int], votes: Sequence[int], seats: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Take the first ``seats`` of ``ranked``; a tie across the cut takes none of the tied."""
    if len(ranked) <= seats:
        return tuple(ranked), ()
    last = votes[ranked[seats - 1] - 1] if seats else None
    if last is None or votes[ranked[seats] - 1] != last:
        return tuple(ranked[:seats]), ()
    elected = tuple(p for p in ranked if votes[p - 1] > last)
    tied = tuple(sorted(p for p in ranked if votes[p - 1] == last))
    return elected, tied


def _new_names(added: Sequence[str], names: Sequence[str]) -> list[str]:
    listed = set(names)
    fresh = [name for name in added if name not in listed]
    if len(fresh) != len(added) or len(set(fresh)) != len(fresh):
        raise ValueError("an added name is already on the list or given twice")
    return fresh
