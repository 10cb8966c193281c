"""The count file: one election's list and ballots in, its result out (pure: dicts only).

Input (every key required, no other key allowed, at any level)::

    {"rules": "2014" | "2024",
     "congress": "delegates" | "members" | "committee",
     "seats": int >= 1, "base": int >= 1,
     "candidates": [full names, in ballot order],
     "ballots": [{"struck": [positions]}
                 | {"marks": {"1": "agree" | "disagree" | "both" | "none", ...}}
                 | {"invalid": "not_issued" | "signed_or_marked" | "written_in"}]}

Positions are 1-based and refer to the list as given: it is never reordered.
The form follows the list: ``struck`` when there are more candidates than
seats, ``marks`` otherwise. In a ``marks`` ballot a row that is not given
counts as "none" (neither box marked), which is what an unmarked row on paper
is. ``congress`` names whose base ``base`` is (see tally.py for how each is
computed); the count itself takes ``base`` as given.

Output: ``collected``, ``valid``, ``invalid``, ``invalid_by_reason`` (codes
with at least one ballot), ``candidates`` (position, name, votes,
percent_of_base, percent_of_valid, elected — in list order), ``elected``
(names, most votes first, ties by position), ``tied_for_last_seat`` (names, in
list order) and ``seats_unfilled``. Percentages have 2 decimals, halves
rounded up; percent_of_valid is 0 when no ballot is valid.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from daihoi.rules.ballots import (
    RECORDED_BY_EYE,
    RULES_VERSIONS,
    Form,
    Mark,
    Verdict,
    ballot_form,
    judge_marks,
    judge_struck,
    recorded_invalid,
)
from daihoi.rules.tally import Decision, Tally, decide, percent, tally

CONGRESSES = ("delegates", "members", "committee")
KEYS = ("rules", "congress", "seats", "base", "candidates", "ballots")
BALLOT_KEYS = ("struck", "marks", "invalid")


class CountInputError(ValueError):
    """A count file that cannot be counted; ``ballot`` is 1-based, or None."""

    def __init__(self, message: str, ballot: int | None = None) -> None:
        super().__init__(message if ballot is None else f"ballot {ballot}: {message}")
        self.message = message
        self.ballot = ballot


def count_election(data: Any) -> dict[str, Any]:
    """QĐ 190-QĐ/TW 2024, Điều 15 and 30 (2014: Điều 17 and 32): count one election file."""
    _check_keys(data, KEYS, "the file")
    rules = _choice(data["rules"], RULES_VERSIONS, "rules")
    _choice(data["congress"], CONGRESSES, "congress")
    seats = _positive_int(data["seats"], "seats")
    base = _positive_int(data["base"], "base")
    names = _candidates(data["candidates"])
    ballots = data["ballots"]
    if not isinstance(ballots, list):
        raise CountInputError("ballots must be a list")
    form = ballot_form(len(names), seats)
    verdicts = [_verdict(b, n, form, len(names), seats) for n, b in enumerate(ballots, start=1)]
    counted = tally(verdicts, len(names))
    return _result(names, counted, decide(counted.votes, seats, base, rules), base)


def _result(names: list[str], counted: Tally, decision: Decision, base: int) -> dict[str, Any]:
    elected = set(decision.elected)
    rows = [
        {
            "position": position,
            "name": name,
            "votes": votes,
            "percent_of_base": percent(votes, base),
            "percent_of_valid": percent(votes, counted.valid),
            "elected": position in elected,
        }
        for position, (name, votes) in enumerate(zip(names, counted.votes, strict=True), start=1)
    ]
    return {
        "collected": counted.collected,
        "valid": counted.valid,
        "invalid": counted.invalid,
        "invalid_by_reason": counted.invalid_by_reason,
        "candidates": rows,
        "elected": [names[p - 1] for p in decision.elected],
        "tied_for_last_seat": [names[p - 1] for p in decision.tied_for_last_seat],
        "seats_unfilled": decision.seats_unfilled,
    }


def _verdict(ballot: Any, number: int, form: Form, candidates: int, seats: int) -> Verdict:
    if not isinstance(ballot, dict):
        raise CountInputError("a ballot must be an object", number)
    unknown = sorted(set(ballot) - set(BALLOT_KEYS))
    if unknown:
        raise CountInputError(f"unknown key {unknown[0]!r}", number)
    if len(ballot) != 1:
        raise CountInputError("a ballot needs exactly one of struck, marks, invalid", number)
    ((kind, value),) = ballot.items()
    if kind == "invalid":
        codes = sorted(reason.value for reason in RECORDED_BY_EYE)
        return recorded_invalid(_choice(value, codes, "invalid", number), candidates)
    if kind != form.value:
        raise CountInputError(
            f"a {kind!r} ballot on a list that takes {form.value!r} ballots "
            f"({candidates} candidates, {seats} seats)",
            number,
        )
    if form is Form.STRIKE_THROUGH:
        return judge_struck(_struck(value, candidates, number), candidates, seats)
    return judge_marks(_marks(value, candidates, number), candidates)


def _struck(value: Any, candidates: int, number: int) -> list[int]:
    if not isinstance(value, list):
        raise CountInputError("struck must be a list of positions", number)
    seen: set[int] = set()
    for position in value:
        _check_position(position, candidates, number)
        if position in seen:
            raise CountInputError(f"position {position} is struck twice", number)
        seen.add(position)
    return value


def _marks(value: Any, candidates: int, number: int) -> dict[int, Mark]:
    if not isinstance(value, dict):
        raise CountInputError("marks must be an object of rows", number)
    marks: dict[int, Mark] = {}
    for row, mark in value.items():
        if not (isinstance(row, str) and row.isascii() and row.isdigit() and str(int(row)) == row):
            raise CountInputError(f"row {row!r} is not a position", number)
        _check_position(int(row), candidates, number)
        marks[int(row)] = Mark(_choice(mark, [m.value for m in Mark], f"row {row}", number))
    return marks


def _check_position(position: Any, candidates: int, number: int) -> None:
    if not _is_int(position):
        raise CountInputError(f"position {position!r} is not an integer", number)
    if not 1 <= position <= candidates:
        raise CountInputError(f"position {position} is outside 1..{candidates}", number)


def _candidates(value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise CountInputError("candidates must be a non-empty list of full names")
    seen: dict[str, int] = {}
    for position, name in enumerate(value, start=1):
        if not isinstance(name, str) or not name.split():
            raise CountInputError(f"candidate {position} must be a non-empty full name")
        # Two spellings of one name (NFC/NFD, case, spacing) would be one line to a voter.
        folded = " ".join(unicodedata.normalize("NFC", name).casefold().split())
        if folded in seen:
            raise CountInputError(
                f"candidate {position} {name!r} duplicates candidate {seen[folded]}"
            )
        seen[folded] = position
    return value


def _check_keys(value: Any, keys: tuple[str, ...], what: str) -> None:
    if not isinstance(value, dict):
        raise CountInputError(f"{what} must be a JSON object")
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise CountInputError(f"unknown key {unknown[0]!r}")
    missing = [key for key in keys if key not in value]
    if missing:
        raise CountInputError(f"missing key {missing[0]!r}")


def _choice(value: Any, allowed: Any, what: str, ballot: int | None = None) -> str:
    if not isinstance(value, str) or value not in allowed:
        expected = ", ".join(repr(a) for a in allowed)
        raise CountInputError(f"{what} must be one of {expected}, got {value!r}", ballot)
    return value


def _positive_int(value: Any, what: str) -> int:
    if not _is_int(value):
        raise CountInputError(f"{what} must be an integer, got {value!r}")
    if value < 1:
        raise CountInputError(f"{what} must be at least 1, got {value}")
    return value


def _is_int(value: Any) -> bool:
    # JSON true/false arrive as bool, a subclass of int: not a count.
    return isinstance(value, int) and not isinstance(value, bool)
