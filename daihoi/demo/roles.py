"""Key cadres of the demo: who holds which post, since when, and who is planned for what.

Dates follow the 2020–2025 term: grassroots congresses in spring 2020, district
ones in summer 2020, People's Council chairs and People's Committee chairs
elected at the first councils' sessions after the election of 23 May 2021.
Some cadres were moved in later (rotation), and the 2025–2030 cadre plan was
approved in 2023.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from .chance import add_years, date_between

D = dt.date
PARTY_TERM_START = {
    "commune": (D(2020, 4, 15), D(2020, 6, 30)),
    "grassroots": (D(2020, 4, 1), D(2020, 6, 30)),
    "district": (D(2020, 7, 1), D(2020, 8, 31)),
}
COUNCIL_TERM_START = (D(2021, 6, 21), D(2021, 6, 30))
ROTATION = (D(2021, 9, 1), D(2024, 6, 30))
ROTATED_SHARE = 0.15
CURRENT_POST_OF_PLANNED = (D(2020, 6, 1), D(2023, 6, 30))
PLAN_APPROVED = (D(2023, 3, 1), D(2023, 12, 31))

# Titles a person held before the current one count as key when they are one of these.
KEY_PREFIXES = ("Bí thư", "Phó Bí thư", "Chủ tịch HĐND", "Chủ tịch UBND")

# District-level units that are not territorial: (current posts, previous post) per seat.
PROVINCIAL_SEATS = {
    "bloc": (
        (("Bí thư Đảng ủy Khối",), "Phó Bí thư Đảng ủy Khối"),
        (("Phó Bí thư Thường trực Đảng ủy Khối",), "Ủy viên Ban Thường vụ Đảng ủy Khối"),
    ),
    "military": (
        (
            ("Bí thư Đảng ủy Quân sự tỉnh", "Chính ủy Bộ Chỉ huy Quân sự tỉnh"),
            "Phó Chính ủy Bộ Chỉ huy Quân sự tỉnh",
        ),
        (
            ("Phó Bí thư Đảng ủy Quân sự tỉnh", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"),
            "Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh",
        ),
    ),
    "police": (
        (("Bí thư Đảng ủy Công an tỉnh", "Giám đốc Công an tỉnh"), "Phó Giám đốc Công an tỉnh"),
        (("Phó Bí thư Đảng ủy Công an tỉnh", "Phó Giám đốc Công an tỉnh"), "Trưởng Phòng Tham mưu"),
    ),
}
# (current post, planned post) of the one younger cadre planned in each of them.
PROVINCIAL_PLANNED = {
    "bloc": ("Trưởng Ban Tổ chức Đảng ủy Khối", "Phó Bí thư Đảng ủy Khối"),
    "military": (
        "Phó Chỉ huy trưởng, Tham mưu trưởng Bộ Chỉ huy Quân sự tỉnh",
        "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh",
    ),
    "police": ("Phó Giám đốc Công an tỉnh", "Giám đốc Công an tỉnh"),
}


@dataclass(frozen=True)
class Role:
    org_code: str  # the organisation whose post this is
    posts: tuple[tuple[str, dt.date, bool], ...]  # (title, since, key_post) held now
    rank: str  # people.CADRE_RANKS key: the age, theory and degrees that fit
    previous: tuple[str, dt.date, dt.date, bool] | None = None  # (title, from, to, key_post)
    planned: str = ""  # title planned for the 2025–2030 term
    approved_on: dt.date | None = None


def is_key_title(title: str) -> bool:
    return title.startswith(KEY_PREFIXES)


Sink = Callable[..., None]  # sink(role, state=False): files a role in its home cell


class RoleMaker:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def start(self, window: tuple[dt.date, dt.date]) -> dt.date:
        return date_between(self.rng, *window)

    def seat(self, org_code, posts, rank, previous_title="") -> Role:
        if self.rng.random() < ROTATED_SHARE:
            moved = self.start(ROTATION)
            posts = tuple((title, max(since, moved), key) for title, since, key in posts)
        previous = None
        if previous_title:
            ended = min(since for _, since, _ in posts) - dt.timedelta(days=1)
            began = date_between(self.rng, add_years(ended, -6), add_years(ended, -4))
            previous = (previous_title, began, ended, is_key_title(previous_title))
        return Role(org_code, posts, rank, previous)

    def planned(self, org_code, current, planned, rank) -> Role:
        since = self.start(CURRENT_POST_OF_PLANNED)
        approved = self.start(PLAN_APPROVED)
        return Role(org_code, ((current, since, False),), rank, None, planned, approved)

    def leaders(self, org_code: str, committee: str, label: str, rank: str, sink: Sink) -> None:
        """Bí thư, Phó Bí thư, Chủ tịch HĐND and UBND of a commune or district, and two planned.

        `committee` is "Đảng ủy xã Tân Lập" or "Huyện ủy Đông Sơn"; `label` is
        "xã Tân Lập" or "huyện Đông Sơn".
        """
        party = self.start(PARTY_TERM_START[rank])
        council = self.start(COUNCIL_TERM_START)
        chair = (f"Chủ tịch HĐND {label}", council, True)
        # The secretary chairs the People's Council where possible; elsewhere the standing deputy.
        secretary_chairs = self.rng.random() < 0.65
        secretary = ((f"Bí thư {committee}", party, True),) + ((chair,) if secretary_chairs else ())
        standing = ((f"Phó Bí thư Thường trực {committee}", party, True),) + (
            () if secretary_chairs else (chair,)
        )
        executive = (
            (f"Phó Bí thư {committee}", party, True),
            (f"Chủ tịch UBND {label}", council, True),
        )
        sink(self.seat(org_code, secretary, rank, f"Phó Bí thư {committee}"))
        sink(self.seat(org_code, standing, rank, f"Ủy viên Ban Thường vụ {committee}"))
        sink(self.seat(org_code, executive, rank, f"Phó Chủ tịch UBND {label}"), state=True)
        younger = f"planned_{rank}"
        deputy = f"Phó Bí thư {committee}"
        sink(self.planned(org_code, f"Phó Chủ tịch HĐND {label}", deputy, younger))
        executive_plan = (f"Phó Chủ tịch UBND {label}", f"Chủ tịch UBND {label}", younger)
        sink(self.planned(org_code, *executive_plan), state=True)

    def provincial_leaders(self, org_code: str, kind: str, sink: Sink) -> None:
        party = self.start(PARTY_TERM_START["district"])
        for titles, previous in PROVINCIAL_SEATS[kind]:
            posts = tuple((title, party, True) for title in titles)
            sink(self.seat(org_code, posts, "district", previous))
        current, planned = PROVINCIAL_PLANNED[kind]
        sink(self.planned(org_code, current, planned, "planned_district"))

    def secretary(self, org_code: str, title: str, sink: Sink) -> None:
        """The secretary of an agency's, school's or enterprise's grassroots organisation."""
        since = self.start(PARTY_TERM_START["grassroots"])
        sink(self.seat(org_code, ((title, since, True),), "grassroots"))
