"""Annual grades as a standard for congress personnel: "not completed" in a recent review."""

from collections.abc import Sequence

from ..findings import Finding, Severity
from .versions import UNVERIFIED_NOTE, Grade

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
