"""Annual grading rules: each rule's code, severity and citation, quota edges, ties, versions."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.findings import Severity
from daihoi.rules.grading import (
    RANK,
    V124,
    V132_2018,
    V132_2019,
    V366,
    VERSIONS,
    Grade,
    GradingRules,
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
    recent_grade_findings,
    rules_for_year,
    unit_ceiling,
)

D = dt.date
ON = D(2024, 12, 15)
E, G, C, N = Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETED, Grade.NOT_COMPLETED


def facts(**extra) -> MemberFacts:
    data = dict(key="1", name="Nguyễn Văn An", admitted_on=D(2000, 1, 1), excellent_basis=True)
    data.update(extra)
    return MemberFacts(**data)


# --- which rule governs which year -------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "version", "regulation"),
    [
        (2018, V132_2018, "QĐ 132-QĐ/TW 2018"),
        (2019, V132_2019, "QĐ 132-QĐ/TW 2018"),
        (2022, V132_2019, "QĐ 132-QĐ/TW 2018"),
        (2023, V124, "QĐ 124-QĐ/TW 2023"),  # issued 04/10/2023, first used for the 2023 review
        (2024, V124, "QĐ 124-QĐ/TW 2023"),
        (2025, V366, "QĐ 366-QĐ/TW 2025"),  # issued 30/8/2025, with HD 43 (31/10/2025)
        (2031, V366, "QĐ 366-QĐ/TW 2025"),  # until a replacement is added to VERSIONS
    ],
)
def test_it_picks_the_rule_version_of_the_year(year, version, regulation):
    rules = rules_for_year(year)
    assert rules is version
    assert rules.regulation == regulation
    assert rules.cite("levels").startswith(regulation)


def test_it_refuses_a_year_before_the_first_rule():
    with pytest.raises(ValueError, match="2017"):
        rules_for_year(2017)


def test_the_version_table_is_ordered_and_its_guidance_follows_the_regulation():
    years = [v.first_year for v in VERSIONS]
    assert years == sorted(years) and len(set(years)) == len(years)
    assert [v.guidance for v in VERSIONS] == [
        "HD 16-HD/BTCTW 2018",
        "HD 21-HD/BTCTW 2019",
        "HD 25-HD/BTCTW 2023",
        "HD 43-HD/BTCTW 2025",
    ]


def test_it_marks_unverified_citations_for_the_user():
    assert V366.cite("quota").endswith("chưa đối chiếu nguyên văn")
    assert not V132_2019.cite("quota").endswith("chưa đối chiếu nguyên văn")
    assert "II.B.2.3.a" in V132_2019.cite("quota")


# --- the excellent quota -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("good", "quota"),
    [(0, 0), (1, 0), (4, 0), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3), (100, 20), (101, 20)],
)
def test_the_quota_is_20_percent_of_the_good_rounded_down(good, quota):
    assert excellent_quota(good, V124) == quota


def test_a_province_may_choose_to_round_half_up():
    half_up = GradingRules(**{**V124.__dict__, "rounding": "half_up"})
    assert [excellent_quota(g, half_up) for g in (2, 3, 7, 8, 10)] == [0, 1, 1, 2, 2]


@given(st.integers(min_value=0, max_value=100_000))
def test_the_floor_quota_never_passes_20_percent_and_is_the_largest_that_does_not(good):
    quota = excellent_quota(good, V366)
    assert quota * 5 <= good < (quota + 1) * 5


def test_zero_good_means_zero_excellent_with_its_own_message():
    findings = check_quota(1, 0, V124, unit="Chi bộ thôn 1")
    assert [(f.code, f.severity) for f in findings] == [("quota_no_good", Severity.BLOCKING)]
    assert "chưa có đảng viên nào xếp loại Hoàn thành tốt" in findings[0].message
    assert findings[0].citation.startswith("QĐ 124-QĐ/TW 2023")


def test_a_small_cell_of_four_good_may_not_grade_one_excellent():
    findings = check_quota(1, 4, V132_2019, unit="Chi bộ thôn 2")
    assert [f.code for f in findings] == ["quota_exceeded"]
    assert "tối đa 0" in findings[0].message and "20% của 4" in findings[0].message
    assert "HD 21-HD/BTCTW 2019" in findings[0].citation


def test_at_the_quota_nothing_is_found():
    assert check_quota(2, 10, V366, unit="x") == []
    assert check_quota(0, 0, V366, unit="x") == []


@given(st.integers(0, 60), st.integers(0, 300))
def test_the_quota_check_blocks_exactly_when_excellent_passes_one_fifth_of_good(excellent, good):
    blocked = bool(check_quota(excellent, good, V124, unit="x"))
    assert blocked == (excellent * 5 > good)


# --- a member's ceiling ------------------------------------------------------------------


@pytest.mark.parametrize("rules", VERSIONS)
def test_discipline_in_the_year_caps_at_not_completed(rules):
    findings = check_member(facts(disciplined=True), G, rules, ON)
    assert [f.code for f in findings] == ["discipline"]
    assert findings[0].severity is Severity.BLOCKING
    assert "Bị thi hành kỷ luật trong năm" in findings[0].message
    assert check_member(facts(disciplined=True), N, rules, ON) == []


def test_one_violation_counts_once():
    f = facts(disciplined=True, discipline_counted_before=True)
    assert member_ceiling(f, V132_2019, ON).grade is E


def test_self_detected_and_remedied_excuses_discipline_only_from_qd_124():
    f = facts(disciplined=True, remedied=True)
    assert member_ceiling(f, V132_2019, ON).grade is N
    assert member_ceiling(f, V124, ON).grade is E
    assert member_ceiling(f, V366, ON).grade is E


@pytest.mark.parametrize(
    ("extra", "ceiling", "code"),
    [
        ({"degradation": True}, N, "degradation"),
        ({"under_half": True}, N, "under_half"),
        ({"sick_leave": True}, C, "sick_leave"),
        ({"civil_servant_grade": C}, C, "civil_servant"),
        ({"civil_servant_grade": N}, N, "civil_servant"),
        ({"good_basis": False}, C, "good_basis"),
        ({"excellent_basis": False}, G, "excellent_basis"),
    ],
)
def test_each_fact_caps_the_grade_and_cites_its_rule(extra, ceiling, code):
    assert member_ceiling(facts(**extra), V132_2019, ON).grade is ceiling
    findings = check_member(facts(**extra), E, V132_2019, ON)
    assert code in [f.code for f in findings]
    assert all(f.severity is Severity.BLOCKING for f in findings)
    cited = next(f for f in findings if f.code == code)
    assert cited.citation.startswith("HD 21-HD/BTCTW 2019")


def test_the_lowest_cap_wins():
    f = facts(sick_leave=True, under_half=True)
    assert member_ceiling(f, V124, ON).grade is N
    assert [x.code for x in check_member(f, G, V124, ON)] == ["under_half", "sick_leave"]


@pytest.mark.parametrize(
    ("score", "grade"), [(100, E), (90, E), (89, G), (70, G), (69, C), (50, C), (49, N), (0, N)]
)
def test_qd_366_bands_the_100_point_score(score, grade):
    assert grade_for_score(score, V366) is grade
    assert member_ceiling(facts(score=score), V366, ON).grade is grade


def test_the_score_counts_only_under_qd_366():
    assert member_ceiling(facts(score=40), V124, ON).grade is E
    findings = check_member(facts(score=75), E, V366, ON)
    assert [f.code for f in findings] == ["score"]
    assert "Điều 11" in findings[0].citation


@pytest.mark.parametrize("status", ["exempted", "suspended"])
def test_exempted_and_suspended_members_are_not_graded(status):
    assert member_ceiling(facts(status=status), V124, ON).grade is None
    assert check_member(facts(status=status), None, V124, ON) == []
    assert [f.code for f in check_member(facts(status=status), G, V124, ON)] == ["not_graded"]


def test_a_probationary_member_admitted_six_months_before_is_graded_like_any_other():
    six = facts(status="probationary", admitted_on=D(2024, 6, 15))
    five = facts(status="probationary", admitted_on=D(2024, 6, 16))
    assert member_ceiling(six, V124, ON).grade is E
    assert member_ceiling(five, V124, ON).grade is None
    finding = check_member(five, G, V124, ON)[0]
    assert "chưa đủ 6 tháng" in finding.message


@given(
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, *Grade]),
    st.sampled_from(list(Grade)),
)
def test_a_grade_is_allowed_exactly_when_it_is_at_or_under_the_ceiling(
    disciplined, degradation, sick, good_basis, excellent_basis, civil, proposed
):
    f = facts(
        disciplined=disciplined,
        degradation=degradation,
        sick_leave=sick,
        good_basis=good_basis,
        excellent_basis=excellent_basis,
        civil_servant_grade=civil,
    )
    ceiling = member_ceiling(f, V124, ON).grade
    assert (check_member(f, proposed, V124, ON) == []) == (RANK[proposed] <= RANK[ceiling])


# --- leaders and units -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leader", "unit", "blocked"),
    [(E, E, False), (G, E, False), (E, G, True), (G, G, False), (G, C, True), (C, N, True)],
)
def test_a_leader_is_not_graded_above_the_unit(leader, unit, blocked):
    findings = check_leader(leader, unit, V132_2019, name="Lê Văn Cao", unit="Chi bộ thôn 1")
    assert bool(findings) == blocked
    if blocked:
        assert findings[0].code == "leader_above_unit"
        assert "II.B tiết 4" in findings[0].citation
        assert "không được cao hơn tập thể" in findings[0].message


def test_a_missing_grade_gives_no_tie_finding():
    assert check_leader(E, None, V124, name="x", unit="y") == []
    assert check_leader(None, N, V124, name="x", unit="y") == []


def unit(counts, **extra):
    return UnitFacts("Chi bộ thôn 1", count_grades(counts), excellent_basis=True, **extra)


def test_a_unit_with_over_a_fifth_not_completed_is_not_completed():
    assert unit_ceiling(unit([G, G, G, G, N]), V124).grade is C  # exactly 20 %: not over
    assert unit_ceiling(unit([G, G, G, N, N]), V124).grade is N
    findings = check_unit(unit([G, G, G, N, N]), C, V124)
    assert [f.code for f in findings] == ["unit_failed"]


def test_a_good_unit_needs_everyone_completed_and_half_good():
    assert unit_ceiling(unit([E, G, C, C]), V132_2019).grade is E
    assert unit_ceiling(unit([G, C, C]), V132_2019).grade is C
    findings = check_unit(unit([G, C, C]), G, V132_2019)
    assert [f.code for f in findings] == ["unit_members"]
    assert "1/3 HTT trở lên" in findings[0].message


def test_a_disciplined_leadership_member_caps_the_unit_by_version():
    assert unit_ceiling(unit([G, G], leadership_disciplined=True), V132_2019).grade is N
    assert unit_ceiling(unit([G, G], leadership_disciplined=True), V366).grade is G


def test_an_empty_unit_has_no_member_caps():
    assert unit_ceiling(UnitFacts("x", {}, excellent_basis=True), V124).grade is E


# --- grades feed personnel ---------------------------------------------------------------


def test_a_not_completed_grade_in_a_recent_review_blocks_a_candidate():
    findings = recent_grade_findings([(2024, "not_completed")], 2025, "Trần Văn Bình", "2025-2030")
    assert [(f.code, f.severity) for f in findings] == [("grade_not_completed", Severity.BLOCKING)]
    assert "năm 2024" in findings[0].message and findings[0].subject == "Trần Văn Bình"
    assert findings[0].citation.startswith("CT 45-CT/TW 2025")


def test_an_old_or_a_good_grade_gives_nothing():
    assert recent_grade_findings([(2021, "not_completed")], 2025, "x", "2025-2030") == []
    assert (
        recent_grade_findings([(2024, "good"), (2023, "completed")], 2025, "x", "2025-2030") == []
    )
    assert recent_grade_findings([(2025, "not_completed")], 2025, "x", "2025-2030") == []


def test_two_years_running_names_the_dismissal_ground():
    grades = [(2023, "not_completed"), (2024, "not_completed")]
    finding = recent_grade_findings(grades, 2025, "x", "2025-2030")[0]
    assert "2023, 2024" in finding.message and "QĐ 41-QĐ/TW 2021" in finding.message
    old_term = recent_grade_findings(grades, 2020, "x", "2020-2025")
    assert old_term == []
    assert recent_grade_findings([(2019, "not_completed")], 2020, "x", "2020-2025")[
        0
    ].citation.startswith("CT 35-CT/TW 2019")
