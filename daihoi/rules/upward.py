"""The figures a level sends up after its congresses: who counts as what, and how to round.

Pure: dataclasses in, numbers out. ``daihoi.reports.upward`` gathers the facts
from the published elections, the registry and the approvals, and asks these
rules how to count them. The readings chosen where the texts are silent are
listed in docs/rules-readings.md ("Upward report").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .retirement import age_at

YOUTH_AGE = 40
KINH = "01"

# Education and political-theory groups of the report's columns, in the registry's codes.
DEGREE_GROUPS = (
    ("doctor", ("doctor",)),
    ("master", ("master",)),
    ("university", ("university",)),
    ("below_university", ("college", "vocational", "none")),
)
THEORY_GROUPS = (
    ("advanced", ("advanced", "bachelor")),
    ("intermediate", ("intermediate",)),
    ("elementary_or_none", ("elementary", "none")),
)


@dataclass(frozen=True)
class Person:
    """One person elected to a committee, as the registry knows them."""

    gender: str
    birth_date: dt.date
    ethnicity: str = KINH
    education: str = "university"
    theory: str = "elementary"


def reference_day(starts_on: dt.date | None, published_on: dt.date) -> dt.date:
    """CT 45-CT/TW 2025 (and CT 35-CT/TW 2019): ages of a new committee are its ages
    at the congress. Read as the congress's opening day; where the congress has no
    date recorded, the day its result was published."""
    return starts_on or published_on


def is_under_40(person: Person, on: dt.date) -> bool:
    """CT 35-CT/TW 2019 and HD 26-HD/BTCTW 2019 ("cán bộ trẻ dưới 40 tuổi"): whole years
    of age on the reference day below 40 (a member who turns 40 that day is not)."""
    return age_at(person.birth_date, on) < YOUTH_AGE


def is_woman(person: Person) -> bool:
    """CT 45-CT/TW 2025 structure target "cán bộ nữ": the registry's gender."""
    return person.gender == "female"


def is_ethnic_minority(person: Person) -> bool:
    """CT 35-CT/TW 2019 ("cán bộ người dân tộc thiểu số"): any ethnic group but Kinh (code 01
    of the State's list of ethnic groups)."""
    return person.ethnicity != KINH


def is_re_elected(
    in_outgoing_committee: bool | None, holds_office: bool, plan_says_re_elected: bool
) -> bool:
    """HD 26-HD/BTCTW 2019 item 3 and CT 45-CT/TW 2025 ("tái cử": a member of the outgoing
    committee elected again; "tham gia lần đầu" otherwise).

    ``in_outgoing_committee`` comes from the previous term's published committee result
    of the same organisation; None when the registry holds no such result (terms counted
    before the app). Then the registry's posts decide (``holds_office``: a committee office
    of the same organisation held on the congress's day), or the personnel plan's "tái cử"
    mark.
    """
    if in_outgoing_committee is not None:
        return in_outgoing_committee
    return holds_office or plan_says_re_elected


def seats_unfilled(seats: int, elected: int) -> int:
    """QĐ 190-QĐ/TW 2024 Điều 30 (QĐ 244-QĐ/TW 2014 Điều 32): seats the congress left
    empty after its last round; never negative."""
    return max(0, seats - elected)


def surplus(candidates: int, seats: int) -> int:
    """QĐ 190-QĐ/TW 2024 Điều 14.1: candidates on the ballot beyond the seats (withdrawn
    names are not on the ballot)."""
    return max(0, candidates - seats)


def group_of(code: str, groups) -> str:
    """The report column a registry code falls in (the last group catches the rest)."""
    for key, codes in groups:
        if code in codes:
            return key
    return groups[-1][0]


def average_age(ages: list[int]) -> Decimal | None:
    """HD 11-HD/BTCTW 2021 (average age, "tuổi bình quân"): the mean of whole years,
    one decimal, halves rounded up (our reading: the forms print one decimal)."""
    if not ages:
        return None
    return (Decimal(sum(ages)) / Decimal(len(ages))).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


# Committee offices as the registry's post titles name them (lower case, with marks).
COMMITTEE_OFFICES = (
    "bí thư",
    "phó bí thư",
    "ủy viên ban chấp hành",
    "ủy viên ban thường vụ",
    "chi ủy viên",
    "đảng ủy viên",
)


def is_committee_office(title: str) -> bool:
    """Điều lệ Đảng Điều 12 (the committee a congress elects; its secretary and deputies are
    among its members): a post whose title names an office of the committee itself, not a
    State post held by a committee member (Chủ tịch UBND is not one)."""
    return title.strip().lower().startswith(COMMITTEE_OFFICES)


def is_secretary_office(title: str) -> bool:
    """The secretary's own office (Điều lệ Đảng Điều 12): "Bí thư …", never "Phó Bí thư"."""
    return title.strip().lower().startswith("bí thư")
