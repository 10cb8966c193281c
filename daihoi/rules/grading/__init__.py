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

The package by concept: ``versions`` (the grades, each version and its
citations), ``checks`` (quota, score bands, member, leader and unit checks),
``personnel`` (grades as a standard for congress candidates). Callers import
from ``daihoi.rules.grading``; every public name is re-exported here.
"""

from .checks import (
    Ceiling,
    MemberFacts,
    UnitFacts,
    check_leader,
    check_member,
    check_quota,
    check_unit,
    count_grades,
    excellent_quota,
    grade_for_score,
    member_ceiling,
    unit_ceiling,
)
from .personnel import PERSONNEL_CITATIONS, recent_grade_findings
from .versions import (
    GRADES,
    LABELS,
    RANK,
    SHORT,
    UNVERIFIED_NOTE,
    V124,
    V132_2018,
    V132_2019,
    V366,
    VERSIONS,
    Grade,
    GradingRules,
    Subject,
    rules_for_year,
)

__all__ = [
    "Ceiling",
    "GRADES",
    "Grade",
    "GradingRules",
    "LABELS",
    "MemberFacts",
    "PERSONNEL_CITATIONS",
    "RANK",
    "SHORT",
    "Subject",
    "UNVERIFIED_NOTE",
    "UnitFacts",
    "V124",
    "V132_2018",
    "V132_2019",
    "V366",
    "VERSIONS",
    "check_leader",
    "check_member",
    "check_quota",
    "check_unit",
    "count_grades",
    "excellent_quota",
    "grade_for_score",
    "member_ceiling",
    "recent_grade_findings",
    "rules_for_year",
    "unit_ceiling",
]
