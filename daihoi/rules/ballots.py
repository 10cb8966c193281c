"""Ballot forms and validity (QĐ 190-QĐ/TW 2024, Điều 15; QĐ 244-QĐ/TW 2014, Điều 17).

Positions are 1-based, as in the "số thứ tự" column of the printed ballot.

Two forms, chosen by the list (Đ.15.1 / 2014 Đ.17.1):

* **strike-through** (``Form.STRIKE_THROUGH``) for a list with surplus
  (candidates > seats): the voter strikes the whole name of each person they
  do not elect;
* **boxes** (``Form.BOXES``) for a list without surplus (candidates <= seats,
  a single candidate included): one "đồng ý" and one "không đồng ý" box per row.

Invalid ballots, each with a stable code (``InvalidReason``):

=========================  ==================================================
computed from the marks
``too_many``               keeps more names than seats ("bầu thừa số lượng")
``all_struck``             strikes every name of a multi-name list
``elects_nobody``          multi-name box ballot with no row marked "agree"
                           (the reading below)
``single_not_marked_once`` single-name box ballot with both boxes or neither
recorded by eye
``not_issued``             not issued by the counting committee
``written_in``             a name written in that is not on the list
``signed_or_marked``       signed, or carrying a mark that identifies it
=========================  ==================================================

**The reading of the unsettled case.** A multi-name box ballot that elects
nobody ("disagree", or both/neither boxes, on every row) is **invalid**, code
``elects_nobody``. The 2014 text (Đ.17.2, quoted by lawnet.vn and
thuviennhadat.vn) makes valid a box ballot with both or neither boxes marked
"của một người hoặc một số người" (for one or *some* of the people), and makes
invalid "phiếu không bầu ai trong danh sách bầu cử có nhiều người" (a ballot
that elects nobody on a multi-name list), without limiting that clause to the
strike-through form; the only ballot allowed to elect nobody is the
single-name ballot marked "không đồng ý". The reading changes the valid and
invalid counts only, never who is elected: election is measured against the
base, not against the valid ballots (Điều lệ Đảng, Điều 12.3).

The codes ``written_in`` and ``signed_or_marked`` come from local counting
rules built on the 2014 text; the part of Đ.17.2 that lists them was not in
the published excerpts we could read, so they are kept as recorded reasons
and never computed.

**2014 and 2024.** The rules version is a parameter (``"2014"`` / ``"2024"``),
not a fork. For counting, the 2024 text keeps the 2014 rules and renumbers
them; the engine applies the same rules to both and only cites different
articles (``article()``):

=================  ==========================  ==========================
topic              2014 (QĐ 244-QĐ/TW)         2024 (QĐ 190-QĐ/TW)
=================  ==========================  ==========================
ballot, validity   Điều 17                     Điều 15
result, base, tie  Điều 32                     Điều 30
delegates, rounds  Điều 20                     Điều 18
guidance           HD 03-HD/TW (20/3/2020)     HD 04-HD/TW (31/12/2024)
=================  ==========================  ==========================

Outside counting, 2024 adds Điều 7 (credentials committee) and allows the
counting committee technical staff who are not delegates (Điều 8).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

RULES_VERSIONS = ("2014", "2024")

ARTICLES = {
    "ballot": {"2014": "QĐ 244-QĐ/TW 2014, Điều 17", "2024": "QĐ 190-QĐ/TW 2024, Điều 15"},
    "result": {"2014": "QĐ 244-QĐ/TW 2014, Điều 32", "2024": "QĐ 190-QĐ/TW 2024, Điều 30"},
    "delegates": {"2014": "QĐ 244-QĐ/TW 2014, Điều 20", "2024": "QĐ 190-QĐ/TW 2024, Điều 18"},
    "guidance": {"2014": "HD 03-HD/TW 2020", "2024": "HD 04-HD/TW 2024"},
}


class Form(StrEnum):
    STRIKE_THROUGH = "struck"
    BOXES = "marks"


class Mark(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    BOTH = "both"
    NONE = "none"


class InvalidReason(StrEnum):
    TOO_MANY = "too_many"
    ALL_STRUCK = "all_struck"
    ELECTS_NOBODY = "elects_nobody"
    SINGLE_NOT_MARKED_ONCE = "single_not_marked_once"
    NOT_ISSUED = "not_issued"
    WRITTEN_IN = "written_in"
    SIGNED_OR_MARKED = "signed_or_marked"


RECORDED_BY_EYE = frozenset(
    {InvalidReason.NOT_ISSUED, InvalidReason.WRITTEN_IN, InvalidReason.SIGNED_OR_MARKED}
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The counting committee's verdict on one ballot.

    A valid strike-through ballot keeps ``struck`` (the names struck) rather
    than the names kept: the tally counts strikes, far fewer than the names
    kept on a long list. A valid box ballot keeps ``agreed``.
    """

    candidates: int
    reason: InvalidReason | None = None
    struck: frozenset[int] | None = None
    agreed: frozenset[int] | None = None
    # The counting representation of ``struck``, built once when the ballot is judged:
    # bit p is set when position p is struck. The tally adds these masks (tally.py).
    strike_mask: int = field(default=0, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.struck:
            object.__setattr__(self, "strike_mask", position_mask(self.struck))

    @property
    def valid(self) -> bool:
        return self.reason is None

    def votes_for(self) -> frozenset[int]:
        """QĐ 190-QĐ/TW 2024, Điều 15.2: the positions this ballot elects (none if invalid)."""
        if not self.valid:
            return frozenset()
        if self.struck is not None:
            return _all_positions(self.candidates) - self.struck
        return self.agreed or frozenset()


def article(topic: str, rules: str = "2024") -> str:
    """QĐ 244-QĐ/TW 2014 / QĐ 190-QĐ/TW 2024: the article a topic cites under a rules version."""
    check_rules(rules)
    return ARTICLES[topic][rules]


def check_rules(rules: str) -> str:
    """QĐ 244-QĐ/TW 2014 / QĐ 190-QĐ/TW 2024: refuse a rules version we do not know."""
    if rules not in RULES_VERSIONS:
        raise ValueError(f"unknown rules version {rules!r}; expected one of {RULES_VERSIONS}")
    return rules


def ballot_form(candidates: int, seats: int) -> Form:
    """QĐ 190-QĐ/TW 2024, Điều 15.1 (2014: Điều 17.1): strike-through with surplus, else boxes."""
    if candidates < 1 or seats < 1:
        raise ValueError("a ballot needs at least one candidate and one seat")
    return Form.STRIKE_THROUGH if candidates > seats else Form.BOXES


def judge_struck(struck: Collection[int], candidates: int, seats: int) -> Verdict:
    """QĐ 190-QĐ/TW 2024, Điều 15.2 (2014: Điều 17.2): judge a strike-through ballot.

    Valid if it keeps between 1 and ``seats`` names; ``all_struck`` if it
    strikes every name, ``too_many`` if it keeps more names than seats.
    """
    if ballot_form(candidates, seats) is not Form.STRIKE_THROUGH:
        raise ValueError("the strike-through form needs a list with surplus")
    positions = frozenset(struck)
    _check_positions(positions, len(struck), candidates)
    kept = candidates - len(positions)
    if kept == 0:
        return Verdict(candidates, InvalidReason.ALL_STRUCK)
    if kept > seats:
        return Verdict(candidates, InvalidReason.TOO_MANY)
    return Verdict(candidates, struck=positions)


def judge_marks(marks: Mapping[int, Mark | str], candidates: int) -> Verdict:
    """QĐ 190-QĐ/TW 2024, Điều 15.2 (2014: Điều 17.2, 32.1): judge a box ballot.

    A row not given counts as "none". On a single-name list exactly one box
    must be marked (``single_not_marked_once`` otherwise); "disagree" alone is
    valid. On a multi-name list rows with both boxes or neither give no vote
    and the ballot stays valid, unless no row is "agree" (``elects_nobody``,
    the reading in the module docstring).
    """
    _check_positions(marks.keys(), len(marks), candidates)
    checked = {position: Mark(mark) for position, mark in marks.items()}
    if candidates == 1:
        if checked.get(1, Mark.NONE) in (Mark.BOTH, Mark.NONE):
            return Verdict(candidates, InvalidReason.SINGLE_NOT_MARKED_ONCE)
    agreed = frozenset(p for p, mark in checked.items() if mark is Mark.AGREE)
    if candidates > 1 and not agreed:
        return Verdict(candidates, InvalidReason.ELECTS_NOBODY)
    return Verdict(candidates, agreed=agreed)


def recorded_invalid(reason: InvalidReason | str, candidates: int) -> Verdict:
    """QĐ 190-QĐ/TW 2024, Điều 15.2 (2014: Điều 17.2): a ballot the team found invalid by eye."""
    code = InvalidReason(reason)
    if code not in RECORDED_BY_EYE:
        raise ValueError(f"{code} is computed from the marks, not recorded by eye")
    return Verdict(candidates, code)


def _check_positions(positions: Collection[int], given: int, candidates: int) -> None:
    """A position off the list or given twice is an entry error, not an invalid ballot."""
    if len(positions) != given:
        raise ValueError("a position is given twice")
    # A subset test runs in C; min() and max() would walk the positions twice in Python.
    if not _all_positions(candidates).issuperset(positions):
        raise ValueError(f"a position is outside 1..{candidates}")


_BIT = tuple(1 << p for p in range(1025))  # lists run to a few hundred names


def position_mask(positions: Collection[int]) -> int:
    """The positions as one integer, bit p for position p (sum of distinct powers of 2)."""
    if max(positions, default=0) < len(_BIT):
        return sum(map(_BIT.__getitem__, positions))
    return sum(1 << p for p in positions)


@lru_cache(maxsize=8)
def _all_positions(candidates: int) -> frozenset[int]:
    return frozenset(range(1, candidates + 1))
