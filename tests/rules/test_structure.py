"""Committee structure, sizes and family ties: CT 35-CT/TW 2019, CT 45-CT/TW 2025."""

import datetime as dt

from daihoi.rules.findings import Severity
from daihoi.rules.standards import TERM_2020, TERM_2025, Person
from daihoi.rules.structure import (
    Sizes,
    Targets,
    check_family_ties,
    check_sizes,
    check_structure,
    committee_cap,
    committee_figures,
    family_groups,
)

D = dt.date
REF = (2025, 9)
BORN = D(1975, 1, 1)


def p(key, gender="male", born=BORN, **extra):
    return Person(key=key, name=f"Người {key}", gender=gender, birth_date=born, **extra)


def committee():
    # 10 people: 1 woman, 1 under 40, 1 ethnic minority, 3 first-time, 4 standing.
    return [
        p("1", post="secretary", re_elected=True),
        p("2", post="deputy_secretary", re_elected=True),
        p("3", post="standing", re_elected=True, born=D(1970, 1, 1)),
        p("4", "female", post="standing", re_elected=True),
        p("5", re_elected=True, ethnicity="02"),
        p("6", re_elected=True, born=D(1990, 1, 1)),
        p("7", re_elected=True, born=D(1968, 1, 1)),
        p("8"),
        p("9", born=D(1980, 6, 1)),
        p("10", born=D(1982, 1, 1)),
    ]


def test_it_computes_the_figures_at_the_reference_month():
    f = committee_figures(committee(), REF)
    assert (f.size, f.women, f.youth, f.ethnic_minority) == (10, 1, 1, 1)
    assert (f.re_elected, f.first_time, f.standing, f.standing_women) == (7, 3, 4, 1)
    assert (f.under_40, f.from_40_to_50, f.over_50) == (1, 7, 2)
    assert f.average_age == 48.5
    assert f.share(f.women) == 0.1


def test_it_warns_when_shares_fall_short_of_targets():
    """CT 35-CT/TW 2019: women ≥ 15 % and youth ≥ 10 % at province level."""
    figures = committee_figures(committee(), REF)
    targets = Targets.of_term(TERM_2020, "province", ethnic_minority=0.2, renewal=0.3)
    findings = check_structure(figures, targets, TERM_2020)
    assert [f.code for f in findings] == [
        "women_below_target",
        "ethnic_below_target",
        "age_band_40_50",  # 7 of 10 are 40–50: above the 40–50 % orientation
    ]
    assert findings[2].severity is Severity.INFO
    assert all(f.severity is Severity.WARNING for f in findings[:2])
    assert findings[0].citation.startswith("CT 35-CT/TW 2019")
    assert "10,0%" in findings[0].message and "15,0%" in findings[0].message


def test_a_standing_committee_without_a_woman_is_flagged():
    people = [x for x in committee() if x.key != "4"] + [p("11", "female"), p("12", "female")]
    findings = check_structure(committee_figures(people, REF), Targets(), TERM_2025)
    assert [f.code for f in findings] == ["no_woman_in_standing"]


def test_the_40_to_50_band_is_reported_for_2020():
    """HD 26-HD/BTCTW 2019: 40–50 years about 40–50 %."""
    people = [p(str(i), born=D(1960, 1, 1)) for i in range(8)] + [p("w", "female")] * 2
    findings = check_structure(committee_figures(people, (2020, 9)), Targets(), TERM_2020)
    assert "age_band_40_50" in [f.code for f in findings]


def test_2025_commune_sizes_27_or_33_standing_9_to_11_two_deputies():
    """CT 45-CT/TW 2025: communes and wards under the province."""
    level = "grassroots_under_province"
    assert committee_cap(TERM_2025, level, Sizes(30, 10, 2, merged_from=2)) == 27
    assert committee_cap(TERM_2025, level, Sizes(30, 10, 2, merged_from=3)) == 33
    findings = check_sizes(Sizes(30, 12, 3, merged_from=2), TERM_2025, level)
    assert [f.code for f in findings] == [
        "committee_over_cap",
        "standing_out_of_range",
        "deputies_count",
    ]
    assert all(f.severity is Severity.BLOCKING for f in findings)
    assert check_sizes(Sizes(33, 11, 2, merged_from=3), TERM_2025, level) == []


def test_2020_province_and_district_cut_5_percent_from_the_previous_maximum():
    """CT 35-CT/TW 2019: about 5 % fewer than the 2015–2020 maximum."""
    assert committee_cap(TERM_2020, "district", Sizes(40, 12, 3, previous_max=41)) == 39
    assert [
        f.code for f in check_sizes(Sizes(40, 12, 3, previous_max=41), TERM_2020, "district")
    ] == ["committee_over_cap"]
    assert check_sizes(Sizes(39, 12, 3, previous_max=41), TERM_2020, "district") == []
    assert check_sizes(Sizes(39, 12, 3), TERM_2020, "district") == []  # no previous figure


def test_family_ties_group_transitively_and_flag_the_standing_chain():
    people = committee()
    ties = [("1", "3"), ("3", "8"), ("5", "99")]  # 99 is not in the committee
    assert family_groups([x.key for x in people], ties) == [["1", "3", "8"]]
    findings = check_family_ties(people, ties, TERM_2025)
    assert [f.code for f in findings] == [
        "family_in_committee",
        "family_in_standing",
        "family_in_standing",
    ]
    assert {f.subject for f in findings[1:]} == {"Người 1", "Người 3"}
    assert findings[0].citation.startswith("HD 05-HD/TU")
