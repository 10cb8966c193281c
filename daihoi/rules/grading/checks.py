"""Checks of proposed grades: the excellent quota, the score bands, members, leaders, units."""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..findings import Finding, Severity
from .versions import GRADES, LABELS, RANK, Grade, GradingRules


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
