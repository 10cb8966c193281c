"""Attendance at a congress: who counts as present, the organisers' two-thirds line, the base.

No party text sets a quorum for a congress. We searched the Điều lệ Đảng, QĐ
29-QĐ/TW 2016 and QĐ 24-QĐ/TW 2021 (items 11–12 on congresses), QĐ 244-QĐ/TW
2014 and QĐ 190-QĐ/TW 2024 (election rules) with HD 04-HD/TW 2024, CT 35-CT/TW
2019 with HD 26-HD/BTCTW, and CT 45-CT/TW 2025, and found "at least two
thirds of those summoned present" only for confidence-vote meetings (lấy
phiếu tín nhiệm), not for congresses. So the "more than two thirds present"
line is an organisers' practice: a setting, on by default, always labelled as
practice; nothing is refused because of it. What the law does fix is the
base for elections (QĐ 190-QĐ/TW 2024, Điều 30.3; 2014: Điều 32.3), and
that is always shown beside the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from daihoi.rules import tally

PRACTICE = "Thông lệ của ban tổ chức (không phải quy định của Đảng): có mặt trên 2/3 số triệu tập"


@dataclass(frozen=True)
class Line:
    """The organisers' attendance line: more than numerator/denominator of those summoned."""

    enabled: bool = True
    numerator: int = 2
    denominator: int = 3

    def __post_init__(self):
        if self.denominator < 1 or not 0 <= self.numerator < self.denominator:
            raise ValueError("the line must be a fraction from 0 up to (not including) 1")


@dataclass(frozen=True)
class Attendance:
    """The official delegates of a delegates' congress as check-in sees them."""

    summoned: int  # official delegates summoned (alternates seated in their place count once)
    present: int  # checked in, alternates seated in an absent delegate's place included
    committee_absent: int = 0  # convening committee members absent for the whole congress
    absent_without_alternate: int = 0  # other official delegates absent, nobody seated instead


@dataclass(frozen=True)
class Status:
    summoned: int
    present: int
    line: Line
    threshold: int | None  # present needed to pass the line; None when the line is off
    reached: bool | None
    base: int  # 0 while nobody is summoned
    majority: int  # votes needed to be elected: more than half of the base

    @property
    def missing(self) -> int:
        return max(0, (self.threshold or 0) - self.present)

    @property
    def share(self) -> Fraction:
        return Fraction(self.present, self.summoned) if self.summoned else Fraction(0)


def threshold(summoned: int, line: Line = Line()) -> int:
    """Organisers' practice (no party text; see the module note): the fewest present that is
    *more than* numerator/denominator of those summoned — 2/3 of 300 is 200, so 201."""
    if summoned < 0:
        raise ValueError("summoned must not be negative")
    return summoned * line.numerator // line.denominator + 1


def base(attendance: Attendance) -> int:
    """QĐ 190-QĐ/TW 2024, Điều 30.3 (2014: Điều 32.3): official delegates summoned, less
    convening committee members absent for the whole congress and official delegates absent
    for the whole congress with no alternate seated in their place; 0 while nobody counts."""
    try:
        return tally.base_for_delegates_congress(
            attendance.summoned,
            convening_committee_absent=attendance.committee_absent,
            absent_without_alternate=attendance.absent_without_alternate,
        )
    except ValueError:
        return 0


def status(attendance: Attendance, line: Line = Line()) -> Status:
    """QĐ 190-QĐ/TW 2024, Điều 30.3 for the base; the attendance line is practice only.

    Elected needs more than half of the base (Điều lệ Đảng, Điều 12.3): the
    majority shown is base // 2 + 1.
    """
    if attendance.present < 0 or attendance.present > attendance.summoned:
        raise ValueError("present must lie between 0 and the number summoned")
    at_least = threshold(attendance.summoned, line) if line.enabled else None
    counted = base(attendance)
    return Status(
        summoned=attendance.summoned,
        present=attendance.present,
        line=line,
        threshold=at_least,
        reached=None if at_least is None else attendance.present >= at_least,
        base=counted,
        majority=counted // 2 + 1 if counted else 0,
    )
