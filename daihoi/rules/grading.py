"""Annual review and grading (kiểm điểm, đánh giá, xếp loại chất lượng hằng năm), as pure rules.

Which central rule governs a year's review (``rules_for_year``; the year is a
parameter, each version a row of ``VERSIONS``):

==============  ===========================================  ==================================
review of       regulation                                   guidance
==============  ===========================================  ==================================
2018            QĐ 132-QĐ/TW, 08/3/2018                      HD 16-HD/BTCTW, 24/9/2018
2019–2022       QĐ 132-QĐ/TW                                 HD 21-HD/BTCTW, 18/10/2019
2023–2024       QĐ 124-QĐ/TW, 04/10/2023 (replaces 132)      HD 25-HD/BTCTW, 2023
2025 onward     QĐ 366-QĐ/TW, 30/8/2025 (replaces 124)       HD 43-HD/BTCTW, 31/10/2025
==============  ===========================================  ==================================

No later replacement of QĐ 366 was found (searched to 12/2025); a new one is one
more row. Where a figure is read only in the older guidance or in a secondary
source, the version lists it in ``unverified`` and its citation says so.

Everything takes plain facts and returns ``Finding``s: no Django, no I/O.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .findings import Finding, Severity

UNVERIFIED_NOTE = " — chưa đối chiếu nguyên văn"


class Grade(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"


RANK = {Grade.NOT_COMPLETED: 0, Grade.COMPLETED: 1, Grade.GOOD: 2, Grade.EXCELLENT: 3}
GRADES = (Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETED, Grade.NOT_COMPLETED)  # keys 1–4
LABELS = {
    Grade.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Grade.GOOD: "Hoàn thành tốt nhiệm vụ",
    Grade.COMPLETED: "Hoàn thành nhiệm vụ",
    Grade.NOT_COMPLETED: "Không hoàn thành nhiệm vụ",
}
SHORT = {
    Grade.EXCELLENT: "HTXS",
    Grade.GOOD: "HTT",
    Grade.COMPLETED: "HT",
    Grade.NOT_COMPLETED: "KHT",
}


class Subject(StrEnum):
    """Who is graded: a party member, a party organisation, a leader (cá nhân lãnh đạo, quản lý)."""

    MEMBER = "member"
    ORGANIZATION = "organization"
    LEADER = "leader"


@dataclass(frozen=True)
class GradingRules:
    key: str
    first_year: int  # the first year's review this version governs
    regulation: str
    guidance: str
    citations: Mapping[str, str]
    criteria: Mapping[str, str]  # checklist wording: "excellent_basis", "good_basis"
    quota: tuple[int, int] = (1, 5)  # excellent ≤ 1/5 of good
    rounding: str = "floor"  # "floor" (never above 20 %) or "half_up" (a local choice)
    scored: bool = False  # QĐ 366: a 100-point scale with bands
    score_bands: tuple[int, int, int] = (90, 70, 50)
    remedied_excuses: bool = False  # discipline self-detected and remedied does not cap
    leadership_discipline_cap: Grade = Grade.NOT_COMPLETED
    unverified: frozenset[str] = field(default_factory=frozenset)

    def cite(self, code: str) -> str:
        text = self.citations[code]
        return text + UNVERIFIED_NOTE if code in self.unverified else text


def _citations(reg: str, hd: str, **own: str) -> dict[str, str]:
    base = {
        "levels": f"{reg} (bốn mức xếp loại)",
        "quota": f"{hd}, mục II.B.2.3.a (HTXS không vượt quá 20% số HTT trong từng tổ chức cơ sở đảng)",
        "rounding": f"{hd} (“không vượt quá 20%”: làm tròn xuống để không vượt)",
        "leader_quota": f"{hd}, mục II.B tiết 4 (lãnh đạo HTXS ≤ 20% số HTT theo chức danh tương đương)",
        "discipline": f"{hd}, mục II.B tiết 2 (đảng viên bị thi hành kỷ luật trong năm: KHT; một vi phạm chỉ tính một lần)",
        "degradation": f"{hd}, mục II.B tiết 2 (kết luận suy thoái, “tự diễn biến”, “tự chuyển hóa”: KHT)",
        "under_half": f"{hd}, mục II.B tiết 2 (hoàn thành dưới 50% chỉ tiêu, nhiệm vụ: KHT)",
        "civil_servant": f"{hd}, mục II.B.2.3 (đảng viên là CBCCVC: mức đảng viên không cao hơn mức CBCCVC)",
        "sick_leave": f"{hd}, mục II.2, tiết 1.2 (nghỉ ốm từ 3 tháng trong năm: không xếp HTT trở lên)",
        "not_graded": f"{hd}, mục II.2, tiết 1.2 (không xếp loại: miễn sinh hoạt, đình chỉ, kết nạp chưa đủ 6 tháng)",
        "excellent_basis": f"{hd}, mục II.B.2.3.a (tiêu chuẩn mức HTXS)",
        "good_basis": f"{hd}, mục II.B.2.3.b (tiêu chuẩn mức HTT)",
        "leader_tie": f"{hd}, mục II.B tiết 4 (người đứng đầu không cao hơn tập thể do mình đứng đầu)",
        "unit_members": f"{hd} (chi bộ HTT: 100% đảng viên HT trở lên, từ 50% HTT trở lên)",
        "unit_failed": f"{hd} (trên 20% đảng viên KHT: tổ chức KHT)",
        "leadership_discipline": f"{hd}, mục II.B tiết 3 (thành viên tập thể lãnh đạo bị kỷ luật từ cảnh cáo: KHT)",
        "score": f"{reg} (thang điểm)",
        "review_again": f"{reg} (cấp ủy cấp trên trực tiếp xem xét, đánh giá, xếp loại lại)",
    }
    return {**base, **own}


_CRITERIA_132 = {
    "excellent_basis": "Tiêu chí kết quả thực hiện nhiệm vụ đều “Xuất sắc”, tiêu chí còn lại “Tốt” "
    "trở lên; có sản phẩm cụ thể, thành tích nổi bật",
    "good_basis": "Tiêu chí kết quả thực hiện nhiệm vụ “Tốt” trở lên, tiêu chí còn lại "
    "“Trung bình” trở lên",
}
_HD21 = "HD 21-HD/BTCTW 2019"
_V132 = "QĐ 132-QĐ/TW 2018"

V132_2018 = GradingRules(
    key="132-2018",
    first_year=2018,
    regulation=_V132,
    guidance="HD 16-HD/BTCTW 2018",
    citations=_citations(_V132, "HD 16-HD/BTCTW 2018"),
    criteria=_CRITERIA_132,
    # The wording we read is HD 21's (2019); HD 16's own text was not checked line by line.
    unverified=frozenset({"quota", "leader_quota", "discipline", "degradation", "under_half",
                          "civil_servant", "sick_leave", "not_graded", "excellent_basis",
                          "good_basis", "leader_tie", "unit_members", "unit_failed",
                          "leadership_discipline"}),
)  # fmt: skip
V132_2019 = GradingRules(
    key="132-2019",
    first_year=2019,
    regulation=_V132,
    guidance=_HD21,
    citations=_citations(_V132, _HD21, review_again=f"{_V132}, Điều 13 (cấp có thẩm quyền)"),
    criteria=_CRITERIA_132,
    unverified=frozenset({"good_basis", "civil_servant", "unit_failed", "review_again"}),
)
_V124, _HD25 = "QĐ 124-QĐ/TW 2023", "HD 25-HD/BTCTW 2023"
V124 = GradingRules(
    key="124-2023",
    first_year=2023,
    regulation=_V124,
    guidance=_HD25,
    citations=_citations(
        _V124,
        _HD25,
        levels=f"{_V124}, Điều 12 (bốn mức xếp loại)",
        quota=f"{_V124}; {_HD25} (HTXS không vượt quá 20% số HTT, theo nhóm tương đồng)",
        discipline=f"{_V124}, Điều 12 (bị kỷ luật trong năm: KHT, trừ tự phát hiện, khắc phục xong)",
        degradation=f"{_V124}, Điều 12 (kết luận suy thoái, “tự diễn biến”, “tự chuyển hóa”: KHT)",
        under_half=f"{_V124}, Điều 12 (hoàn thành dưới 50% chỉ tiêu, nhiệm vụ: KHT)",
        leadership_discipline=f"{_V124}, Điều 12 (tập thể lãnh đạo bị kỷ luật: KHT)",
        review_again=f"{_V124}, Điều 13 (cấp ủy cấp trên trực tiếp xem xét, xếp loại lại)",
    ),
    criteria=_CRITERIA_132,
    remedied_excuses=True,
    unverified=frozenset({"quota", "rounding", "leader_quota", "civil_servant", "sick_leave",
                          "not_graded", "excellent_basis", "good_basis", "leader_tie",
                          "unit_members", "unit_failed"}),
)  # fmt: skip
_V366, _HD43 = "QĐ 366-QĐ/TW 2025", "HD 43-HD/BTCTW 2025"
V366 = GradingRules(
    key="366-2025",
    first_year=2025,
    regulation=_V366,
    guidance=_HD43,
    citations=_citations(
        _V366,
        _HD43,
        levels=f"{_V366}, Điều 11 (bốn mức xếp loại theo thang 100 điểm)",
        quota=f"{_V366}; {_HD43} (HTXS không vượt quá 20% số HTT)",
        score=f"{_V366}, Điều 11 (từ 90 điểm: HTXS; 70 đến dưới 90: HTT; 50 đến dưới 70: HT)",
        excellent_basis=f"{_V366}, Điều 11.1 (100% nhiệm vụ đúng hạn, ít nhất 30% vượt mức)",
        good_basis=f"{_V366}, Điều 11.2 (100% nhiệm vụ đúng hạn, bảo đảm chất lượng)",
        discipline=f"{_V366}, Điều 11 (bị kỷ luật trong năm: KHT)",
        degradation=f"{_V366}, Điều 11 (kết luận suy thoái, “tự diễn biến”, “tự chuyển hóa”)",
        under_half=f"{_V366}, Điều 11 (dưới 50 điểm hoặc dưới 50% nhiệm vụ: KHT)",
        leadership_discipline=f"{_V366}, Điều 11.1 (HTXS: không có thành viên tập thể bị kỷ luật)",
    ),
    criteria={
        "excellent_basis": "Từ 90 điểm; hoàn thành 100% nhiệm vụ đúng hạn, ít nhất 30% vượt mức; "
        "khắc phục hết hạn chế đã chỉ ra",
        "good_basis": "Từ 70 điểm; hoàn thành 100% nhiệm vụ đúng hạn, bảo đảm chất lượng",
    },
    scored=True,
    remedied_excuses=True,
    leadership_discipline_cap=Grade.GOOD,
    unverified=frozenset({"quota", "rounding", "leader_quota", "discipline", "degradation",
                          "under_half", "civil_servant", "sick_leave", "not_graded", "leader_tie",
                          "unit_members", "unit_failed", "review_again"}),
)  # fmt: skip

VERSIONS = (V132_2018, V132_2019, V124, V366)  # ascending first_year


def rules_for_year(year: int) -> GradingRules:
    """QĐ 132-QĐ/TW 2018 → QĐ 124-QĐ/TW 2023 → QĐ 366-QĐ/TW 2025: the version of a year's review.

    The newest version whose first review year is not after ``year``; years before
    2018 are refused (the system keeps no rules for them).
    """
    eligible = [v for v in VERSIONS if v.first_year <= year]
    if not eligible:
        raise ValueError(f"Chưa có quy định xếp loại cho năm {year} (từ năm 2018).")
    return eligible[-1]


def excellent_quota(good: int, rules: GradingRules) -> int:
    """HD 21-HD/BTCTW 2019, II.B.2.3.a (kept by QĐ 124 and QĐ 366): at most 20 % of those graded good.

    "Không vượt quá 20%" read exactly: excellent × 5 ≤ good, so the quota is 20 %
    of the good rounded down (4 good → 0, 5 → 1, 9 → 1, 10 → 2); no good, no
    excellent. ``rounding="half_up"`` is there for a province that decides to
    round 0.5 up (then 3 good → 1), which would let the share pass 20 %.
    """
    numerator, denominator = rules.quota
    if rules.rounding == "half_up":
        return (2 * good * numerator + denominator) // (2 * denominator)
    return good * numerator // denominator


def check_quota(
    excellent: int, good: int, rules: GradingRules, *, unit: str, who: str = "đảng viên"
) -> list[Finding]:
    """HD 21-HD/BTCTW 2019, II.B.2.3.a; QĐ 124-QĐ/TW 2023; QĐ 366-QĐ/TW 2025: the excellent quota.

    Blocking when more are graded excellent than 20 % of the good allows, in one
    unit and one category (``who``: đảng viên, tổ chức đảng, cán bộ lãnh đạo).
    """
    allowed = excellent_quota(good, rules)
    if excellent <= allowed:
        return []
    if good == 0:
        message = (
            f"{unit}: chưa có {who} nào xếp loại Hoàn thành tốt nhiệm vụ nên không được xếp "
            f"{who} nào Hoàn thành xuất sắc (đang xếp {excellent})."
        )
    else:
        message = (
            f"{unit}: {excellent} {who} Hoàn thành xuất sắc nhưng tối đa {allowed} "
            f"(20% của {good} {who} Hoàn thành tốt nhiệm vụ, làm tròn xuống)."
        )
    code = "quota_no_good" if good == 0 else "quota_exceeded"
    return [Finding(code, Severity.BLOCKING, rules.cite("quota"), message, unit)]


def grade_for_score(score: int, rules: GradingRules) -> Grade:
    """QĐ 366-QĐ/TW 2025, Điều 11: from 90 excellent, 70 to under 90 good, 50 to under 70 completed."""
    top, good, completed = rules.score_bands
    if score >= top:
        return Grade.EXCELLENT
    if score >= good:
        return Grade.GOOD
    return Grade.COMPLETED if score >= completed else Grade.NOT_COMPLETED


@dataclass(frozen=True)
class MemberFacts:
    """What the meeting knows of one member for the year (the criteria checklist)."""

    key: str
    name: str
    status: str = "full"  # people.MemberStatus
    admitted_on: dt.date | None = None
    disciplined: bool = False  # a discipline decision announced in the year
    discipline_counted_before: bool = False  # the same violation already lowered a grade
    remedied: bool = False  # self-detected and remedied (QĐ 124, QĐ 366)
    degradation: bool = False
    under_half: bool = False  # under 50 % of the year's targets
    sick_leave: bool = False  # three months or more in the year
    good_basis: bool = True
    excellent_basis: bool = False
    civil_servant_grade: Grade | None = None
    score: int | None = None


@dataclass(frozen=True)
class Ceiling:
    grade: Grade | None  # None: the person is reviewed but not graded
    reasons: tuple[tuple[Grade | None, str, str], ...]  # (cap, code, message)


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def member_ceiling(facts: MemberFacts, rules: GradingRules, on: dt.date) -> Ceiling:
    """HD 21-HD/BTCTW 2019, II.1.2 and II.B; QĐ 124 Điều 12; QĐ 366 Điều 11: the highest grade allowed.

    Not graded: exempted from activity, suspended, or admitted under 6 months
    before ``on`` (still reviewed). Probationary members admitted 6 months or
    more before are graded like full members. Then each fact caps the grade.
    """
    if facts.status in ("exempted", "suspended"):
        return Ceiling(None, ((None, "not_graded", "Miễn sinh hoạt hoặc đình chỉ sinh hoạt"),))
    if facts.admitted_on and _months_between(facts.admitted_on, on) < 6:
        return Ceiling(None, ((None, "not_graded", "Kết nạp chưa đủ 6 tháng: chỉ kiểm điểm"),))
    caps = _member_caps(facts, rules)
    grade = min((cap for cap, _, _ in caps), key=RANK.get, default=Grade.EXCELLENT)
    return Ceiling(grade, tuple(caps))


def _member_caps(facts: MemberFacts, rules: GradingRules) -> list[tuple[Grade, str, str]]:
    nc, caps = Grade.NOT_COMPLETED, []
    excused = rules.remedied_excuses and facts.remedied
    if facts.disciplined and not facts.discipline_counted_before and not excused:
        caps.append((nc, "discipline", "Bị thi hành kỷ luật trong năm"))
    if facts.degradation:
        caps.append((nc, "degradation", "Có kết luận suy thoái, “tự diễn biến”, “tự chuyển hóa”"))
    if facts.under_half:
        caps.append((nc, "under_half", "Hoàn thành dưới 50% chỉ tiêu, nhiệm vụ"))
    if facts.civil_servant_grade and facts.civil_servant_grade is not Grade.EXCELLENT:
        label = LABELS[facts.civil_servant_grade].lower()
        caps.append((facts.civil_servant_grade, "civil_servant", f"Xếp loại CBCCVC: {label}"))
    if facts.sick_leave:
        caps.append((Grade.COMPLETED, "sick_leave", "Nghỉ ốm từ 3 tháng trở lên trong năm"))
    if rules.scored and facts.score is not None:
        by_score = grade_for_score(facts.score, rules)
        if by_score is not Grade.EXCELLENT:
            caps.append((by_score, "score", f"{facts.score} điểm"))
    if not facts.good_basis:
        caps.append((Grade.COMPLETED, "good_basis", "Chưa đạt tiêu chuẩn mức HTT"))
    elif not facts.excellent_basis:
        caps.append((Grade.GOOD, "excellent_basis", "Chưa đạt tiêu chuẩn mức HTXS"))
    return caps


def check_member(
    facts: MemberFacts, proposed: Grade | None, rules: GradingRules, on: dt.date
) -> list[Finding]:
    """HD 21-HD/BTCTW 2019, II.B; QĐ 124-QĐ/TW 2023, Điều 12; QĐ 366-QĐ/TW 2025, Điều 11.

    One blocking finding for each fact that forbids the proposed grade, citing
    that fact's rule; a grade for someone not to be graded is blocking too.
    """
    ceiling = member_ceiling(facts, rules, on)
    if ceiling.grade is None:
        if proposed is None:
            return []
        message = f"Không xếp loại ({ceiling.reasons[0][2].lower()})."
        return [
            Finding("not_graded", Severity.BLOCKING, rules.cite("not_graded"), message, facts.name)
        ]
    if proposed is None:
        return []
    out = []
    for cap, code, why in ceiling.reasons:
        if RANK[proposed] > RANK[cap]:
            message = f"{why}: cao nhất là “{LABELS[cap]}”, không thể xếp “{LABELS[proposed]}”."
            out.append(Finding(code, Severity.BLOCKING, rules.cite(code), message, facts.name))
    return out


def check_leader(
    leader_grade: Grade | None,
    unit_grade: Grade | None,
    rules: GradingRules,
    *,
    name: str,
    unit: str,
) -> list[Finding]:
    """HD 21-HD/BTCTW 2019, II.B tiết 4: the head is not graded above the collective they head."""
    if leader_grade is None or unit_grade is None or RANK[leader_grade] <= RANK[unit_grade]:
        return []
    message = (
        f"Người đứng đầu xếp “{LABELS[leader_grade]}” cao hơn {unit} "
        f"(“{LABELS[unit_grade]}”): mức của người đứng đầu không được cao hơn tập thể."
    )
    return [
        Finding("leader_above_unit", Severity.BLOCKING, rules.cite("leader_tie"), message, name)
    ]


@dataclass(frozen=True)
class UnitFacts:
    """An organisation's own facts, and the grades of those graded under it (members or units)."""

    name: str
    counts: Mapping[Grade, int]
    excellent_basis: bool = False
    good_basis: bool = True
    leadership_disciplined: bool = False
    score: int | None = None


def unit_ceiling(facts: UnitFacts, rules: GradingRules) -> Ceiling:
    """HD 21-HD/BTCTW 2019 (tổ chức đảng); QĐ 366-QĐ/TW 2025, Điều 11.1: the highest grade of a unit.

    Over 20 % not completed: not completed. Good needs everyone completed and at
    least half good or better. A leadership member disciplined caps the unit (at
    not completed under HD 21 and QĐ 124; at good under QĐ 366).
    """
    total = sum(facts.counts.values())
    failed = facts.counts.get(Grade.NOT_COMPLETED, 0)
    good_up = facts.counts.get(Grade.GOOD, 0) + facts.counts.get(Grade.EXCELLENT, 0)
    caps: list[tuple[Grade, str, str]] = []
    if total and failed * 5 > total:
        caps.append((Grade.NOT_COMPLETED, "unit_failed", f"{failed}/{total} KHT (trên 20%)"))
    elif total and (failed or good_up * 2 < total):
        text = f"{good_up}/{total} HTT trở lên, {failed} KHT"
        caps.append((Grade.COMPLETED, "unit_members", text))
    if facts.leadership_disciplined:
        cap = rules.leadership_discipline_cap
        caps.append((cap, "leadership_discipline", "Có thành viên tập thể lãnh đạo bị kỷ luật"))
    if (
        rules.scored
        and facts.score is not None
        and grade_for_score(facts.score, rules) != "excellent"
    ):
        caps.append((grade_for_score(facts.score, rules), "score", f"{facts.score} điểm"))
    if not facts.good_basis:
        caps.append((Grade.COMPLETED, "good_basis", "Chưa đạt tiêu chuẩn mức HTT"))
    elif not facts.excellent_basis:
        caps.append((Grade.GOOD, "excellent_basis", "Chưa đạt tiêu chuẩn mức HTXS"))
    grade = min((cap for cap, _, _ in caps), key=RANK.get, default=Grade.EXCELLENT)
    return Ceiling(grade, tuple(caps))


def check_unit(facts: UnitFacts, proposed: Grade | None, rules: GradingRules) -> list[Finding]:
    """HD 21-HD/BTCTW 2019 (tổ chức đảng); QĐ 366-QĐ/TW 2025, Điều 11: the unit's own grade."""
    if proposed is None:
        return []
    out = []
    for cap, code, why in unit_ceiling(facts, rules).reasons:
        if RANK[proposed] > RANK[cap]:
            message = (
                f"{why}: tập thể cao nhất “{LABELS[cap]}”, không thể xếp “{LABELS[proposed]}”."
            )
            out.append(Finding(code, Severity.BLOCKING, rules.cite(code), message, facts.name))
    return out


def count_grades(grades: Sequence[Grade | None]) -> dict[Grade, int]:
    counts = dict.fromkeys(GRADES, 0)
    for grade in grades:
        if grade is not None:
            counts[grade] += 1
    return counts


PERSONNEL_CITATIONS = {
    "2020-2025": "CT 35-CT/TW 2019 (không để lọt vào cấp ủy người có kết quả thực hiện "
    "nhiệm vụ không cao)",
    "2025-2030": "CT 45-CT/TW 2025; QĐ 366-QĐ/TW 2025 (kết quả xếp loại là căn cứ quy hoạch, "
    "bổ nhiệm, sàng lọc cán bộ)" + UNVERIFIED_NOTE,
}


def recent_grade_findings(
    grades: Sequence[tuple[int, str]], year: int, name: str, term: str, lookback: int = 2
) -> list[Finding]:
    """CT 35-CT/TW 2019 / CT 45-CT/TW 2025; QĐ 41-QĐ/TW 2021: "not completed" in a recent review.

    A candidate graded not completed in one of the ``lookback`` reviews before the
    congress year is blocking (the subcommittee may set it aside with a reason);
    two years running is also a ground for dismissal from a post (QĐ 41-QĐ/TW
    2021), which the message says.
    """
    recent = sorted(
        y for y, grade in grades if grade == Grade.NOT_COMPLETED and year - lookback <= y < year
    )
    if not recent:
        return []
    years = ", ".join(str(y) for y in recent)
    message = f"Xếp loại “Không hoàn thành nhiệm vụ” năm {years}."
    if any(b - a == 1 for a, b in zip(recent, recent[1:], strict=False)):
        message += " Hai năm liên tiếp: thuộc diện xem xét miễn nhiệm (QĐ 41-QĐ/TW 2021)."
    citation = PERSONNEL_CITATIONS.get(term, PERSONNEL_CITATIONS["2025-2030"])
    return [Finding("grade_not_completed", Severity.BLOCKING, citation, message, name)]
