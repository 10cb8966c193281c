"""Standards and conditions of a candidate for a party committee, per term.

Every threshold is a field of ``TermRules``; the two terms in force are
``TERM_2020`` (Chỉ thị 35-CT/TW 2019 with Hướng dẫn 26-HD/BTCTW 2019) and
``TERM_2025`` (Chỉ thị 45-CT/TW 2025). Rules whose figures we could not check
against the text (only against DOMAIN.md or a provincial reading) are listed in
``TermRules.unverified`` and their citation says so to the user.

Each rule takes plain facts (``Person``) and returns ``Finding``s: no Django, no I/O.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .findings import Finding, Severity
from .grading import recent_grade_findings
from .retirement import month_index, months_left

POSTS = ("secretary", "deputy_secretary", "standing", "committee")
STANDING_POSTS = frozenset({"secretary", "deputy_secretary", "standing"})
UNVERIFIED_NOTE = " — chưa đối chiếu nguyên văn"


@dataclass(frozen=True)
class TermRules:
    term: str
    retirement_schedule: str  # retirement.SCHEDULES
    reference_months: Mapping[str, tuple[int, int]]  # level key → (year, month)
    first_time_months: int
    re_elected_months: int
    re_elected_exceptions: Mapping[tuple[str, str], int]  # (level, post) → months
    theory_required: Mapping[tuple[str, str], int]  # (level, post) → people.THEORY_RANK
    discipline_months: Mapping[str, int]  # discipline kind → months in force
    complaint_cutoff_days: int
    max_key_titles: int
    women_min: float
    woman_in_standing: bool
    youth_age: int
    youth_min: Mapping[str, float]  # level → share; a level not listed has no target
    middle_band: tuple[int, int, float, float] | None  # (from age, to age, min, max share)
    committee_size: Mapping[str, tuple[int, int]]  # level key → (min, max)
    standing_size: Mapping[str, tuple[int, int]]
    deputies: Mapping[str, int]
    size_reduction: Mapping[str, Fraction]  # level → share cut from the previous maximum (exact)
    citations: Mapping[str, str]
    unverified: frozenset[str] = field(default_factory=frozenset)

    def cite(self, code: str) -> str:
        text = self.citations[code]
        return text + UNVERIFIED_NOTE if code in self.unverified else text

    def reference_month(self, level_key: str) -> tuple[int, int]:
        return self.reference_months.get(level_key) or self.reference_months["grassroots"]


# Theory ranks: 1 sơ cấp, 2 trung cấp, 3 cao cấp/cử nhân (people.models.THEORY_RANK).
_THEORY = {
    **{("province", post): 3 for post in POSTS},
    **{("district", post): 3 for post in POSTS[:3]},
    ("district", "committee"): 2,
    **{("grassroots", post): 2 for post in POSTS[:3]},
    ("grassroots", "committee"): 1,
}

TERM_2020 = TermRules(
    term="2020-2025",
    retirement_schedule="fixed_60_55",
    # District 6/2020 and province 9/2020 are implied by the published cut-offs
    # (Báo Thái Nguyên 27/02/2020); the grassroots month is DOMAIN.md's guess.
    reference_months={"grassroots": (2020, 4), "district": (2020, 6), "province": (2020, 9)},
    first_time_months=60,
    re_elected_months=30,
    re_elected_exceptions={},
    theory_required=_THEORY,
    discipline_months={"reprimand": 12, "warning": 12, "dismissal": 12},
    complaint_cutoff_days=30,
    max_key_titles=2,
    women_min=0.15,
    woman_in_standing=True,
    youth_age=40,
    youth_min={"province": 0.10, "district": 0.10},
    middle_band=(40, 50, 0.40, 0.50),
    committee_size={},
    standing_size={},
    deputies={},
    size_reduction={"province": Fraction(5, 100), "district": Fraction(5, 100)},
    citations={
        "age": "HD 26-HD/BTCTW 2019 (lần đầu: trọn 1 nhiệm kỳ; tái cử: từ 30 tháng)",
        "theory": "HD 26-HD/BTCTW 2019; tiêu chuẩn chức danh (bằng LLCT theo chức danh)",
        "discipline": "QĐ 102-QĐ/TW 2017 (thời hạn hiệu lực quyết định kỷ luật)",
        "complaints": "CT 35-CT/TW 2019 (giải quyết dứt điểm đơn thư liên quan nhân sự)",
        "key_titles": "HD 26-HD/BTCTW 2019 (thường trực cấp ủy không quá 2 chức danh chủ chốt)",
        "non_local": "CT 35-CT/TW 2019 (bí thư cấp tỉnh, cấp huyện không là người địa phương)",
        "women": "CT 35-CT/TW 2019 (nữ từ 15% trở lên, có nữ trong ban thường vụ)",
        "youth": "CT 35-CT/TW 2019 (dưới 40 tuổi từ 10% trở lên, cấp tỉnh và huyện)",
        "age_bands": "HD 26-HD/BTCTW 2019 (ba độ tuổi: 40–50 tuổi khoảng 40–50%)",
        "ethnic": "CT 35-CT/TW 2019 (tỉ lệ dân tộc thiểu số phù hợp cơ cấu dân tộc)",
        "renewal": "Đề án nhân sự (chỉ tiêu đổi mới do cấp ủy đặt)",
        "size": "CT 35-CT/TW 2019 (giảm khoảng 5% so với số tối đa nhiệm kỳ 2015–2020)",
        "family": "HD 05-HD/TU Lai Châu 2019 (không để cục bộ gia đình, dòng họ)",
    },
    unverified=frozenset({"theory", "discipline", "complaints", "renewal"}),
)

TERM_2025 = TermRules(
    term="2025-2030",
    retirement_schedule="nd135",
    reference_months={
        "grassroots": (2025, 4),
        "district": (2025, 6),
        "grassroots_under_province": (2025, 7),
        "province": (2025, 9),
    },
    first_time_months=60,
    re_elected_months=48,
    re_elected_exceptions={("province", "deputy_secretary"): 42},
    theory_required=_THEORY,
    discipline_months={"reprimand": 12, "warning": 12, "dismissal": 12},
    complaint_cutoff_days=30,
    max_key_titles=2,
    women_min=0.15,
    woman_in_standing=True,
    youth_age=40,
    youth_min={"province": 0.10, "district": 0.10},
    middle_band=None,
    committee_size={"grassroots_under_province": (27, 33)},
    standing_size={"grassroots_under_province": (9, 11)},
    deputies={"grassroots_under_province": 2},
    size_reduction={},
    citations={
        "age": "CT 45-CT/TW 2025 (lần đầu: trọn 1 nhiệm kỳ; tái cử: từ 48 tháng)",
        "theory": "CT 45-CT/TW 2025; tiêu chuẩn chức danh (bằng LLCT theo chức danh)",
        "discipline": "QĐ 69-QĐ/TW 2022, Điều 2.5 (kỷ luật hết hiệu lực sau 12 tháng)",
        "complaints": "CT 45-CT/TW 2025 (giải quyết dứt điểm đơn thư liên quan nhân sự)",
        "key_titles": "CT 45-CT/TW 2025 (thường trực cấp ủy không quá 2 chức danh chủ chốt)",
        "non_local": "CT 45-CT/TW 2025 (bí thư không là người địa phương)",
        "women": "CT 45-CT/TW 2025 (nữ từ 15% trở lên, có nữ trong ban thường vụ)",
        "youth": "CT 45-CT/TW 2025 (cán bộ trẻ dưới 40 tuổi từ 10%)",
        "age_bands": "CT 45-CT/TW 2025 (cơ cấu ba độ tuổi)",
        "ethnic": "CT 45-CT/TW 2025 (tỉ lệ dân tộc thiểu số phù hợp cơ cấu dân tộc)",
        "renewal": "Đề án nhân sự (chỉ tiêu đổi mới do cấp ủy đặt)",
        "size": "CT 45-CT/TW 2025 (xã, phường: BCH 27–33, BTV 9–11, 2 phó bí thư)",
        "family": "HD 05-HD/TU Lai Châu 2019 (không để cục bộ gia đình, dòng họ)",
    },
    unverified=frozenset(
        {"theory", "complaints", "key_titles", "non_local", "women", "youth", "renewal"}
    ),
)

TERMS = {TERM_2020.term: TERM_2020, TERM_2025.term: TERM_2025}


def term_rules(term: str) -> TermRules:
    """The rules of a congress's term; unknown terms use the newest rules."""
    return TERMS.get(term, TERM_2025)


@dataclass(frozen=True)
class Letter:
    received_on: dt.date
    resolved: bool
    anonymous: bool = False
    substantiated: bool = False


@dataclass(frozen=True)
class Person:
    """What the standards need to know about one candidate."""

    key: str
    name: str
    gender: str
    birth_date: dt.date
    birth_year_only: bool = False
    ethnicity: str = "01"
    theory_rank: int = 0
    post: str = "committee"  # POSTS
    re_elected: bool = False
    local: bool = False
    key_titles: tuple[str, ...] = ()  # key titles held with the proposed post
    discipline: tuple[tuple[str, dt.date], ...] = ()  # (kind, announced on)
    letters: tuple[Letter, ...] = ()
    grades: tuple[tuple[int, str], ...] = ()  # (year, grade) of the annual reviews

    @property
    def standing(self) -> bool:
        return self.post in STANDING_POSTS


def _f(code, severity, rules: TermRules, rule: str, message: str, person: Person) -> Finding:
    return Finding(code, severity, rules.cite(rule), message, person.name)


def required_months(person: Person, rules: TermRules, level: str) -> int:
    """CT 45-CT/TW 2025 (HD 26-HD/BTCTW 2019 for 2020): months of service a candidate needs."""
    if not person.re_elected:
        return rules.first_time_months
    return rules.re_elected_exceptions.get((level, person.post), rules.re_elected_months)


def check_age(
    person: Person, rules: TermRules, level: str, reference: tuple[int, int]
) -> list[Finding]:
    """CT 45-CT/TW 2025; HD 26-HD/BTCTW 2019: enough service left at the reference month.

    First-time members need a full term (60 months); re-elected members 48
    months (2025) or 30 months (2020). Service runs to the retirement month of
    the term's schedule (retirement.py). A birth year alone counts from 1 January.
    """
    needed = required_months(person, rules, level)
    left = months_left(person.birth_date, person.gender, reference, rules.retirement_schedule)
    findings = []
    if left < needed:
        kind = "tái cử" if person.re_elected else "lần đầu tham gia"
        findings.append(
            _f(
                "age_service_short",
                Severity.BLOCKING,
                rules,
                "age",
                f"Không đủ tuổi {kind}: tại tháng {reference[1]}/{reference[0]} còn {max(left, 0)} "
                f"tháng công tác, cần ít nhất {needed} tháng.",
                person,
            )
        )
    if person.birth_year_only:
        findings.append(
            _f(
                "age_birth_year_only",
                Severity.INFO,
                rules,
                "age",
                f"Hồ sơ chỉ ghi năm sinh: tính tuổi từ 01/01/{person.birth_date.year}.",
                person,
            )
        )
    return findings


def check_theory(person: Person, rules: TermRules, level: str) -> list[Finding]:
    """HD 26-HD/BTCTW 2019; CT 45-CT/TW 2025: the political-theory degree the proposed title requires.

    (not verified against its text: the degree per level and title follows DOMAIN.md
    and seed 004 — "có bằng tốt nghiệp lý luận chính trị theo quy định tiêu chuẩn chức danh".)
    """
    needed = rules.theory_required.get((level, person.post), 0)
    if person.theory_rank >= needed:
        return []
    names = {1: "sơ cấp", 2: "trung cấp", 3: "cao cấp"}
    return [
        _f(
            "theory_below_title",
            Severity.BLOCKING,
            rules,
            "theory",
            f"Chức danh dự kiến cần trình độ lý luận chính trị {names[needed]} trở lên.",
            person,
        )
    ]


def discipline_in_force(kind: str, announced_on: dt.date, on: dt.date, rules: TermRules) -> bool:
    """QĐ 69-QĐ/TW 2022, Điều 2.5: a discipline decision ends 12 months after it is announced."""
    months = rules.discipline_months.get(kind)
    if months is None:
        return False
    ends = month_index(announced_on.year, announced_on.month) + months
    current = month_index(on.year, on.month)
    return current < ends or (current == ends and on.day < announced_on.day)


def check_discipline(person: Person, rules: TermRules, on: dt.date) -> list[Finding]:
    """QĐ 69-QĐ/TW 2022, Điều 2.5 (QĐ 102-QĐ/TW 2017 for 2020): no discipline in force at the congress.

    (For 2020 not verified against QĐ 102's text; the 12-month period is QĐ 69's.)
    """
    labels = {"reprimand": "khiển trách", "warning": "cảnh cáo", "dismissal": "cách chức"}
    return [
        _f(
            "discipline_in_force",
            Severity.BLOCKING,
            rules,
            "discipline",
            f"Đang trong thời hạn kỷ luật {labels.get(kind, kind)} (công bố {announced:%d/%m/%Y}).",
            person,
        )
        for kind, announced in person.discipline
        if discipline_in_force(kind, announced, on, rules)
    ]


def check_letters(person: Person, rules: TermRules, congress_on: dt.date | None) -> list[Finding]:
    """CT 45-CT/TW 2025; CT 35-CT/TW 2019: complaints about a nominee are settled before the congress.

    (not verified against its text: the 30-day cut-off is DOMAIN.md's reading.)
    An unresolved letter received before the cut-off blocks; one received within
    the last ``complaint_cutoff_days`` before the congress is a warning (the higher
    committee decides); an anonymous one is shown for information; a resolved
    letter found true is a warning to weigh.
    """
    cutoff = congress_on - dt.timedelta(days=rules.complaint_cutoff_days) if congress_on else None
    out = []
    for letter in person.letters:
        when = f"nhận ngày {letter.received_on:%d/%m/%Y}"
        if letter.resolved and not letter.substantiated:
            continue
        if letter.resolved:
            code, severity, text = "complaint_substantiated", Severity.WARNING, "được kết luận đúng"
        elif letter.anonymous:
            code, severity, text = "complaint_anonymous", Severity.INFO, "nặc danh: không xem xét"
        elif cutoff and letter.received_on > cutoff:
            code, severity = "complaint_late", Severity.WARNING
            text = "đến sát đại hội: báo cáo cấp trên xem xét"
        else:
            code, severity, text = "complaint_unresolved", Severity.BLOCKING, "chưa giải quyết xong"
        message = f"Đơn thư khiếu nại, tố cáo ({when}) {text}."
        out.append(_f(code, severity, rules, "complaints", message, person))
    return out


def check_key_titles(person: Person, rules: TermRules) -> list[Finding]:
    """HD 26-HD/BTCTW 2019; CT 45-CT/TW 2025: a standing member holds at most two key titles.

    (2025 not verified against CT 45's text; 2020 read in seed 004's provincial guidance.)
    """
    if person.post not in ("secretary", "deputy_secretary"):
        return []
    if len(person.key_titles) <= rules.max_key_titles:
        return []
    titles = "; ".join(person.key_titles)
    return [
        _f(
            "key_titles_over",
            Severity.WARNING,
            rules,
            "key_titles",
            f"Giữ {len(person.key_titles)} chức danh chủ chốt (tối đa {rules.max_key_titles}): "
            f"{titles}.",
            person,
        )
    ]


def check_non_local_secretary(person: Person, rules: TermRules, level: str) -> list[Finding]:
    """CT 35-CT/TW 2019; CT 45-CT/TW 2025: province and district secretaries not local, step by step."""
    if person.post != "secretary" or level not in ("province", "district") or not person.local:
        return []
    return [
        _f(
            "secretary_local",
            Severity.INFO,
            rules,
            "non_local",
            "Bí thư dự kiến là người địa phương: chủ trương bố trí bí thư không là người "
            "địa phương thực hiện theo lộ trình.",
            person,
        )
    ]


def check_grades(person: Person, rules: TermRules, on: dt.date) -> list[Finding]:
    """CT 45-CT/TW 2025 / CT 35-CT/TW 2019: "not completed" in a recent annual review (rules/grading)."""
    return recent_grade_findings(person.grades, on.year, person.name, rules.term)


def check_person(
    person: Person,
    rules: TermRules,
    level: str,
    reference: tuple[int, int],
    congress_on: dt.date | None,
) -> list[Finding]:
    """CT 45-CT/TW 2025 / CT 35-CT/TW 2019: every standard for one candidate, in a fixed order."""
    on = congress_on or dt.date(reference[0], reference[1], 1)
    return [
        *check_age(person, rules, level, reference),
        *check_theory(person, rules, level),
        *check_discipline(person, rules, on),
        *check_letters(person, rules, congress_on),
        *check_key_titles(person, rules),
        *check_non_local_secretary(person, rules, level),
        *check_grades(person, rules, on),
    ]
