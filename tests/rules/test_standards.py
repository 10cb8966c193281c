"""Candidate standards: each rule's code, severity and citation, for both terms."""

import datetime as dt

import pytest

from daihoi.rules.findings import Severity
from daihoi.rules.standards import (
    TERM_2020,
    TERM_2025,
    Letter,
    Person,
    check_age,
    check_discipline,
    check_key_titles,
    check_letters,
    check_non_local_secretary,
    check_person,
    check_theory,
    term_rules,
)

D = dt.date


def person(**extra) -> Person:
    data = dict(key="1", name="Nguyễn Văn An", gender="male", birth_date=D(1975, 5, 1))
    data.update(extra)
    return Person(**data)


def codes(findings):
    return [f.code for f in findings]


# CT 45-CT/TW 2025: provincial reference month 9/2025; men born from 4/1966 retire at 62.
@pytest.mark.parametrize(
    ("born", "gender", "re_elected", "blocked"),
    [
        (D(1968, 9, 1), "male", False, False),  # retires 9/2030: exactly 60 months
        (D(1968, 8, 1), "male", False, True),  # 59 months: not a full term
        (D(1967, 9, 1), "male", True, False),  # retires 9/2029: exactly 48 months
        (D(1967, 8, 1), "male", True, True),  # 47 months
        (D(1972, 1, 1), "female", True, False),  # retires 2030+: enough
        (D(1969, 1, 1), "female", True, True),  # retires 10/2025
    ],
)
def test_it_checks_service_left_at_the_reference_month_2025(born, gender, re_elected, blocked):
    p = person(birth_date=born, gender=gender, re_elected=re_elected)
    findings = check_age(p, TERM_2025, "province", (2025, 9))
    assert ("age_service_short" in codes(findings)) is blocked
    if blocked:
        assert findings[0].severity is Severity.BLOCKING
        assert findings[0].citation.startswith("CT 45-CT/TW 2025")
        assert findings[0].subject == "Nguyễn Văn An"


def test_re_elected_provincial_deputy_secretary_needs_42_months():
    """CT 45-CT/TW 2025: the special case of a provincial deputy secretary."""
    born = D(1967, 3, 1)  # man, retires 3/2029: 42 months from 9/2025
    deputy = person(birth_date=born, re_elected=True, post="deputy_secretary")
    member = person(birth_date=born, re_elected=True)
    assert check_age(deputy, TERM_2025, "province", (2025, 9)) == []
    assert codes(check_age(member, TERM_2025, "province", (2025, 9))) == ["age_service_short"]


def test_2020_rules_use_30_months_and_the_60_55_ages():
    """HD 26-HD/BTCTW 2019: re-elected provincial members born from 3/1963 (men) qualify."""
    ok = person(birth_date=D(1963, 3, 1), re_elected=True)
    short = person(birth_date=D(1963, 2, 1), re_elected=True)
    assert check_age(ok, TERM_2020, "province", (2020, 9)) == []
    finding = check_age(short, TERM_2020, "province", (2020, 9))[0]
    assert finding.citation.startswith("HD 26-HD/BTCTW 2019")


def test_a_birth_year_alone_is_reported():
    findings = check_age(person(birth_year_only=True, birth_date=D(1980, 1, 1)), TERM_2025,
                         "province", (2025, 9))  # fmt: skip
    assert codes(findings) == ["age_birth_year_only"]
    assert findings[0].severity is Severity.INFO


@pytest.mark.parametrize(
    ("level", "post", "rank", "blocked"),
    [
        ("province", "committee", 2, True),
        ("province", "committee", 3, False),
        ("district", "committee", 2, False),
        ("district", "standing", 2, True),
        ("grassroots", "secretary", 1, True),
        ("grassroots", "committee", 1, False),
        ("cell", "committee", 0, False),
    ],
)
def test_it_checks_the_theory_degree_of_the_title(level, post, rank, blocked):
    findings = check_theory(person(post=post, theory_rank=rank), TERM_2025, level)
    assert bool(findings) is blocked
    if blocked:
        assert findings[0].code == "theory_below_title"
        assert "chưa đối chiếu" in findings[0].citation  # marked unverified for the user


def test_discipline_is_in_force_for_12_months():
    """QĐ 69-QĐ/TW 2022, Điều 2.5."""
    p = person(discipline=(("warning", D(2024, 10, 15)),))
    assert codes(check_discipline(p, TERM_2025, D(2025, 10, 14))) == ["discipline_in_force"]
    assert check_discipline(p, TERM_2025, D(2025, 10, 15)) == []
    f = check_discipline(p, TERM_2025, D(2025, 6, 1))[0]
    assert f.citation.startswith("QĐ 69-QĐ/TW 2022, Điều 2.5")


def test_letters_block_warn_or_inform():
    congress = D(2025, 9, 20)
    p = person(
        letters=(
            Letter(D(2025, 6, 1), resolved=False),
            Letter(D(2025, 9, 10), resolved=False),  # within 30 days of the congress
            Letter(D(2025, 5, 1), resolved=False, anonymous=True),
            Letter(D(2025, 4, 1), resolved=True, substantiated=True),
            Letter(D(2025, 3, 1), resolved=True),
        )
    )
    findings = check_letters(p, TERM_2025, congress)
    assert [(f.code, f.severity) for f in findings] == [
        ("complaint_unresolved", Severity.BLOCKING),
        ("complaint_late", Severity.WARNING),
        ("complaint_anonymous", Severity.INFO),
        ("complaint_substantiated", Severity.WARNING),
    ]
    assert all(f.citation.startswith("CT 45-CT/TW 2025") for f in findings)


def test_an_unresolved_letter_blocks_when_the_congress_date_is_unknown():
    p = person(letters=(Letter(D(2025, 9, 10), resolved=False),))
    assert codes(check_letters(p, TERM_2025, None)) == ["complaint_unresolved"]


def test_at_most_two_key_titles_for_the_standing_leaders():
    titles = ("Bí thư Huyện ủy", "Chủ tịch HĐND huyện", "Chủ tịch UBND huyện")
    assert codes(check_key_titles(person(post="secretary", key_titles=titles), TERM_2020)) == [
        "key_titles_over"
    ]
    assert check_key_titles(person(post="secretary", key_titles=titles[:2]), TERM_2020) == []
    assert check_key_titles(person(post="committee", key_titles=titles), TERM_2020) == []


def test_a_local_secretary_at_district_level_is_noted():
    local = person(post="secretary", local=True)
    assert codes(check_non_local_secretary(local, TERM_2025, "district")) == ["secretary_local"]
    assert check_non_local_secretary(local, TERM_2025, "grassroots") == []
    assert check_non_local_secretary(person(post="secretary"), TERM_2025, "district") == []


def test_check_person_runs_every_rule():
    p = person(birth_date=D(1960, 1, 1), theory_rank=1, letters=(Letter(D(2025, 1, 1), False),))
    found = codes(check_person(p, TERM_2025, "province", (2025, 9), D(2025, 10, 1)))
    assert found == ["age_service_short", "theory_below_title", "complaint_unresolved"]


def test_every_citation_names_its_source_and_unknown_terms_use_the_newest():
    for rules in (TERM_2020, TERM_2025):
        for code in rules.citations:
            assert rules.cite(code)[:2] in ("CT", "HD", "QĐ", "Đề")
    assert term_rules("2030-2035") is TERM_2025
    assert term_rules("2020-2025") is TERM_2020
