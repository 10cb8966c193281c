"""Synthetic members, cadres, their posts and plans, generated from the province plan.

Everything here is pure Python: rows are plain dictionaries and tuples that the
writer turns into models. Each unit draws from its own random stream, so the
members of one cell do not depend on how many were generated before it.
"""

import datetime as dt
from dataclasses import dataclass, field

from .chance import Weighted, add_months, add_years, date_between, stream
from .names import KINH, draw_name
from .places import elsewhere
from .plan import ProvincePlan, Unit
from .profiles import PROFILES, RELIGIONS, education, theory
from .roles import Role
from .scale import PLANNING_TERM, PROBATIONARY_SHARE, PROVINCE_CODE

DAY = dt.timedelta(days=1)
SECRETARY_SINCE = (dt.date(2017, 6, 1), dt.date(2022, 9, 30))


@dataclass(frozen=True)
class CadreRank:
    ages: tuple[int, int]
    women: float
    education: Weighted
    theory: Weighted


# Political theory follows the post: intermediate for commune cadres, advanced
# (cao cấp) or a bachelor's degree for district leaders.
CADRE_RANKS = {
    "district": CadreRank(
        (45, 58),
        0.15,
        education(university=35, master=60, doctor=5),
        theory(advanced=60, bachelor=40),
    ),
    "planned_district": CadreRank(
        (36, 45), 0.3, education(university=40, master=60), theory(intermediate=30, advanced=70)
    ),
    "commune": CadreRank(
        (36, 56), 0.2, education(university=85, master=15), theory(intermediate=80, advanced=20)
    ),
    "planned_commune": CadreRank(
        (30, 42), 0.3, education(university=85, master=15), theory(elementary=30, intermediate=70)
    ),
    "grassroots": CadreRank(
        (40, 57), 0.3, education(university=75, master=25), theory(intermediate=85, advanced=15)
    ),
}

OLDER_SCHOOLING = Weighted(
    [("10/10", 60), ("7/10", 25), ("12/12", 15)]
)  # the northern 10-year system
YOUNGER_SCHOOLING = Weighted([("12/12", 88), ("9/12", 12)])
PROBATIONARY_THEORY = theory(none=70, elementary=30)
PROBATIONARY_AGES = (18, 35)


@dataclass
class Person:
    unit: str  # organisation code
    fields: dict  # Member fields, without code, citizen_id and organisation
    posts: list[tuple] = field(default_factory=list)  # (title, org code, key, since, until)
    plannings: list[tuple] = field(default_factory=list)  # (title, term, approved_on)
    is_cadre: bool = False


def generate_people(plan: ProvincePlan, as_of: dt.date) -> list[Person]:
    assign_sizes(plan)
    people = []
    for unit in plan.units:
        if unit.size:
            people.extend(UnitDraw(plan, unit, as_of).people())
    for serial, person in enumerate(people, start=1):
        person.fields["code"] = member_code(serial)
        person.fields["citizen_id"] = citizen_id(serial, person.fields)
    return people


def assign_sizes(plan: ProvincePlan) -> None:
    """Draw each unit's raw size from its profile, then scale all to the target total.

    Largest remainders keep the total exact; a chi bộ never has fewer than three
    members (the Điều lệ's minimum), nor fewer than the cadres homed in it.
    """
    holders = [u for u in plan.units if u.profile]
    raw = [stream(plan.seed, "size", u.code).randint(*PROFILES[u.profile].size) for u in holders]
    exact = [r * plan.scale.members / sum(raw) for r in raw]
    sizes = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (sizes[i] - exact[i], i))
    for i in by_remainder[: plan.scale.members - sum(sizes)]:
        sizes[i] += 1
    for unit, size in zip(holders, sizes, strict=True):
        unit.size = max(size, 3, len(unit.roles) + 2)


def member_code(serial: int) -> str:
    return f"{PROVINCE_CODE}{serial:06d}"


def citizen_id(serial: int, fields: dict) -> str:
    """12 digits shaped like a real CCCD: place (099, no real province), century and
    gender, two-digit birth year, then six digits. The last six are the serial
    scrambled by a bijection mod 10^6, so they look random yet never repeat."""
    year = fields["birth_date"].year
    century_gender = (0 if year < 2000 else 2) + (1 if fields["gender"] == "female" else 0)
    scrambled = (serial * 586_073 + 104_729) % 1_000_000
    return f"0{PROVINCE_CODE}{century_gender}{year % 100:02d}{scrambled:06d}"


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_between(rng, as_of: dt.date, youngest: int, oldest: int) -> dt.date:
    """A birth date giving an age (in whole years) from youngest to oldest on as_of."""
    return date_between(rng, add_years(as_of, -oldest - 1) + DAY, add_years(as_of, -youngest))


def admission(rng, birth, as_of, probationary, latest=None) -> tuple[dt.date, dt.date | None]:
    """Admission at 18 or later; full membership exactly 12 months on, unless still probationary.

    Most people join in their twenties: the offset after the 18th birthday is
    triangular with its mode at five years, capped at thirty.
    """
    earliest = add_years(birth, 18)
    latest_full = add_months(as_of, -12)
    if latest is not None:
        latest_full = min(latest_full, latest)
    if probationary or latest_full < earliest:
        return date_between(rng, max(earliest, as_of - 364 * DAY), as_of), None
    high = min((latest_full - earliest).days, 30 * 365)
    offset = int(rng.triangular(0, high, min(high, 5 * 365)))
    admitted = earliest + offset * DAY
    return admitted, add_months(admitted, 12)


class UnitDraw:
    """Draws the members of one unit (a cell, or a chi bộ cơ sở)."""

    def __init__(self, plan: ProvincePlan, unit: Unit, as_of: dt.date):
        self.unit, self.as_of = unit, as_of
        self.rng = stream(plan.seed, "members", unit.code)
        self.profile = PROFILES[unit.profile]
        boost = self.profile.kinh_boost
        self.ethnicity = Weighted(
            (eth, weight * (boost if eth == KINH else 1)) for eth, weight in unit.mix.items()
        )
        self.district_localities = plan.localities.get(unit.district, [])
        self.province_localities = plan.all_localities

    def people(self) -> list[Person]:
        cadres = [self.cadre(role) for role in self.unit.roles]
        ordinary = [self.ordinary() for _ in range(self.unit.size - len(cadres))]
        if self.unit.secretary:
            self.appoint_secretary(ordinary)
        return cadres + ordinary

    def ordinary(self) -> Person:
        rng, profile = self.rng, self.profile
        gender = "female" if rng.random() < profile.women else "male"
        probationary = rng.random() < PROBATIONARY_SHARE
        # Members admitted in the last year are mostly young.
        youngest, oldest = PROBATIONARY_AGES if probationary else profile.ages.pick(rng)
        birth = birth_between(rng, self.as_of, youngest, oldest)
        birth, year_only = self.maybe_year_only(birth)
        admitted, full = admission(rng, birth, self.as_of, probationary)
        status = self.status(age_on(birth, self.as_of), full is None)
        fields = self.fields(gender, birth, admitted, full, status)
        fields["birth_year_only"] = year_only
        fields["education"] = profile.education.pick(rng)
        held = PROBATIONARY_THEORY if full is None else profile.theory
        fields["political_theory"] = held.pick(rng)
        fields["religion"] = RELIGIONS.get(fields["ethnicity"], RELIGIONS["other"]).pick(rng)
        return Person(self.unit.code, fields)

    def cadre(self, role: Role) -> Person:
        rng, rank = self.rng, CADRE_RANKS[role.rank]
        # Where few members are women (army, police), few cadres are either.
        women = rank.women if self.profile.women >= 0.2 else self.profile.women
        gender = "female" if rng.random() < women else "male"
        birth = birth_between(rng, self.as_of, *rank.ages)
        first_post = min([since for _, since, _ in role.posts] + [self.previous_start(role)])
        # A cadre joined the party well before taking a post (but not before turning 18).
        latest = max(add_years(first_post, -2), add_years(birth, 18))
        admitted, full = admission(rng, birth, self.as_of, False, latest)
        fields = self.fields(gender, birth, admitted, full, "full")
        fields["education"] = rank.education.pick(rng)
        fields["political_theory"] = rank.theory.pick(rng)
        person = Person(self.unit.code, fields, is_cadre=True)
        for title, since, key in role.posts:
            person.posts.append((title, role.org_code, key, since, None))
        if role.previous:
            title, since, until, key = role.previous
            person.posts.append((title, role.org_code, key, since, until))
        if role.planned:
            person.plannings.append((role.planned, PLANNING_TERM, role.approved_on))
        return person

    def previous_start(self, role: Role) -> dt.date:
        return role.previous[1] if role.previous else self.as_of

    def fields(self, gender, birth, admitted, full, status) -> dict:
        rng = self.rng
        ethnicity = self.ethnicity.pick(rng)
        family, middle, given = draw_name(rng, ethnicity, gender, birth.year)
        schooling = OLDER_SCHOOLING if birth.year < 1963 else YOUNGER_SCHOOLING
        return {
            "family_name": family,
            "middle_name": middle,
            "given_name": given,
            "gender": gender,
            "birth_date": birth,
            "birth_year_only": False,
            "ethnicity": ethnicity,
            "religion": "",
            "hometown": self.hometown(),
            "admitted_on": admitted,
            "full_member_on": full,
            "status": status,
            "general_education": schooling.pick(rng),
        }

    def maybe_year_only(self, birth: dt.date) -> tuple[dt.date, bool]:
        """Old records sometimes give only the birth year; the date is then 1 January."""
        january = dt.date(birth.year, 1, 1)
        old_enough = birth.year < 1955 and age_on(january, self.as_of) <= 85
        if old_enough and self.rng.random() < 0.05:
            return january, True
        return birth, False

    def status(self, age: int, probationary: bool) -> str:
        if probationary:
            return "probationary"
        r = self.rng.random()
        if r < 0.003 or (age >= 70 and r < 0.08):  # illness, or old age
            return "exempted"
        if age < 60 and r < 0.015:  # working or studying elsewhere for a while
            return "attached_temporarily"
        if r > 0.9985:
            return "suspended"
        return "full"

    def hometown(self) -> str:
        rng, r = self.rng, self.rng.random()
        if self.unit.locality and r < self.profile.local:
            return self.unit.locality
        if r < 0.75 and self.district_localities:
            return rng.choice(self.district_localities)
        if r < 0.93 and self.province_localities:
            return rng.choice(self.province_localities)
        return elsewhere(rng)

    def appoint_secretary(self, ordinary: list[Person]) -> None:
        """The cell's secretary: the first full member of a sensible age."""
        for person in ordinary:
            f = person.fields
            if f["status"] == "full" and 30 <= age_on(f["birth_date"], self.as_of) <= 70:
                since = max(date_between(self.rng, *SECRETARY_SINCE), f["full_member_on"])
                person.posts.append((self.unit.secretary, self.unit.code, False, since, None))
                return
