"""Who is in which kind of unit: the shares that make a member list look real.

A *profile* describes the members of one kind of unit (a village cell, a school
cell, a police cell…): how many there are, the share of women, ages,
education and political theory. An *ethnic mix* describes a district.
"""

from dataclasses import dataclass

from .chance import Weighted
from .names import DAO, HOA, KINH, MONG, MUONG, NUNG, TAY, THAI

# Age bands, in years at the demo's reference date.
AGE_BANDS = ((18, 25), (26, 35), (36, 45), (46, 55), (56, 60), (61, 70), (71, 85))


def ages(*weights: float) -> Weighted:
    return Weighted(zip(AGE_BANDS, weights, strict=True))


def education(none=0, vocational=0, college=0, university=0, master=0, doctor=0) -> Weighted:
    return Weighted(
        [
            ("none", none),
            ("vocational", vocational),
            ("college", college),
            ("university", university),
            ("master", master),
            ("doctor", doctor),
        ]
    )


def theory(none=0, elementary=0, intermediate=0, advanced=0, bachelor=0) -> Weighted:
    return Weighted(
        [
            ("none", none),
            ("elementary", elementary),
            ("intermediate", intermediate),
            ("advanced", advanced),
            ("bachelor", bachelor),
        ]
    )


@dataclass(frozen=True)
class Profile:
    size: tuple[int, int]  # members before scaling to the province's total
    women: float
    ages: Weighted
    education: Weighted
    theory: Weighted
    kinh_boost: float = 1.0  # agencies recruit province-wide, so more Kinh than their district
    local: float = 0.8  # share born in the unit's own commune


WORKING = ages(3, 28, 33, 28, 8, 0, 0)
OFFICE_EDUCATION = education(vocational=3, college=7, university=70, master=19, doctor=1)
PROFILES = {
    # Village and street cells hold the retirees: a third are past 60.
    "village": Profile(
        (18, 55),
        0.30,
        ages(3, 12, 15, 17, 10, 20, 23),
        education(none=42, vocational=30, college=6, university=22),
        theory(none=18, elementary=76, intermediate=6),
    ),
    "residential": Profile(
        (25, 80),
        0.42,
        ages(2, 8, 12, 15, 10, 23, 30),
        education(none=20, vocational=30, college=10, university=35, master=5),
        theory(none=12, elementary=72, intermediate=14, advanced=2),
    ),
    "commune_office": Profile(
        (10, 22),
        0.35,
        ages(5, 32, 30, 25, 8, 0, 0),
        education(vocational=10, college=10, university=75, master=5),
        theory(elementary=40, intermediate=58, advanced=2),
    ),
    "school": Profile(
        (6, 24),
        0.72,
        WORKING,
        education(college=15, university=75, master=10),
        theory(none=6, elementary=84, intermediate=10),
        local=0.5,
    ),
    "agency": Profile(
        (10, 30),
        0.42,
        WORKING,
        OFFICE_EDUCATION,
        theory(elementary=45, intermediate=42, advanced=11, bachelor=2),
        kinh_boost=2.0,
        local=0.3,
    ),
    "health": Profile(
        (15, 40),
        0.60,
        WORKING,
        education(vocational=15, college=20, university=50, master=10, doctor=5),
        theory(none=8, elementary=80, intermediate=12),
        kinh_boost=2.0,
        local=0.3,
    ),
    "enterprise": Profile(
        (15, 50),
        0.30,
        ages(5, 35, 30, 25, 5, 0, 0),
        education(vocational=35, college=15, university=45, master=5),
        theory(none=10, elementary=80, intermediate=10),
        kinh_boost=2.0,
        local=0.3,
    ),
    "militia": Profile(
        (8, 18),
        0.05,
        ages(15, 40, 30, 15, 0, 0, 0),
        education(none=10, vocational=50, college=10, university=30),
        theory(none=20, elementary=70, intermediate=10),
    ),
    # Regular police posted to a commune since 2019-2020: a handful, from elsewhere.
    "commune_police": Profile(
        (3, 8),
        0.10,
        ages(20, 45, 25, 10, 0, 0, 0),
        education(vocational=20, college=30, university=50),
        theory(elementary=80, intermediate=20),
        kinh_boost=2.0,
        local=0.2,
    ),
    "military": Profile(
        (20, 60),
        0.06,
        ages(22, 35, 25, 15, 3, 0, 0),
        education(vocational=25, college=20, university=50, master=5),
        theory(elementary=55, intermediate=35, advanced=10),
        kinh_boost=2.0,
        local=0.2,
    ),
    "police": Profile(
        (15, 45),
        0.12,
        ages(15, 35, 28, 20, 2, 0, 0),
        education(vocational=20, college=20, university=55, master=5),
        theory(elementary=60, intermediate=32, advanced=8),
        kinh_boost=2.0,
        local=0.3,
    ),
}

# Ethnic mixes of districts (weights per hundred). The three mountain mixes
# put Kinh at about a fifth, so that minorities are the majority of members.
ETHNIC_MIXES = {
    "kinh": {KINH: 98.5, MUONG: 0.5, TAY: 0.5, HOA: 0.5},
    "tay_nung": {TAY: 42, NUNG: 22, DAO: 12, MONG: 6, KINH: 18},
    "thai_muong": {THAI: 45, MUONG: 18, MONG: 12, DAO: 5, KINH: 20},
    "mong_dao": {MONG: 38, DAO: 22, TAY: 12, NUNG: 8, KINH: 20},
    "province": {KINH: 82, TAY: 5, THAI: 4, MUONG: 3, NUNG: 2, MONG: 2, DAO: 2},
}

# Religion of members, by ethnic group; blank means none. Party members are far
# less often religious than the population, so the shares are small.
RELIGIONS = {
    KINH: Weighted([("", 91), ("Phật giáo", 6), ("Công giáo", 3)]),
    MONG: Weighted([("", 97), ("Tin lành", 3)]),
    "other": Weighted([("", 97), ("Phật giáo", 3)]),
}
