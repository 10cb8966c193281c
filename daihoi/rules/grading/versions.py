"""The four grades and each version of the central rule (QĐ 132 → 124 → 366) with its citations."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

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
