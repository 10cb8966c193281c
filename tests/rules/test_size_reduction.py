"""Issue 15 point 10: the 2020 "khoảng 5 %" cap in exact arithmetic, and a warning, not a block."""

from hypothesis import given
from hypothesis import strategies as st

from daihoi.personnel.summary import structure_rows
from daihoi.rules.findings import Severity
from daihoi.rules.standards import TERM_2020
from daihoi.rules.structure import Figures, Sizes, Targets, check_sizes, committee_cap


def _cap(previous: int) -> int:
    return committee_cap(TERM_2020, "province", Sizes(1, 0, 0, previous_max=previous))


def test_it_rounds_every_half_the_same_way():
    """Floats with round-half-even gave 28, 48, 66: a half cut rounded once down, once up."""
    assert [_cap(p) for p in (30, 50, 70)] == [28, 47, 66]


@given(previous=st.integers(1, 2000))
def test_the_cut_is_five_percent_to_the_nearest_person_halves_up(previous):
    cut = previous - _cap(previous)
    # |cut − 5 % of previous| ≤ ½, and exactly ½ only when rounded up: all in integers.
    assert abs(cut * 100 - previous * 5) * 2 <= 100
    if abs(cut * 100 - previous * 5) * 2 == 100:
        assert cut * 100 > previous * 5


def test_about_five_percent_is_a_warning_with_the_rounding_stated():
    findings = check_sizes(Sizes(48, 15, 3, previous_max=50), TERM_2020, "province")
    assert [(f.code, f.severity) for f in findings] == [("committee_over_cap", Severity.WARNING)]
    assert "47" in findings[0].message and "0,5 làm tròn lên" in findings[0].message


def test_women_in_the_standing_committee_are_a_share_of_the_standing_committee():
    """1 woman among 11 standing members of a committee of 36: 9.1 %, not 2.8 %."""
    figures = Figures(36, 6, 4, 2, 20, 16, 11, 1, 4, 15, 17, 49.0)
    row = next(r for r in structure_rows(figures, Targets()) if "thường vụ" in r.label)
    assert round(row.share, 1) == 9.1
    women = next(r for r in structure_rows(figures, Targets()) if r.label == "Nữ")
    assert round(women.share, 1) == 16.7


def test_a_share_exactly_at_the_target_is_met():
    """3 women of 20 is exactly 15 %: compared in fractions, not floats."""
    from daihoi.rules.structure import check_structure

    figures = Figures(20, 3, 2, 0, 10, 10, 5, 1, 2, 9, 9, 48.0)
    codes = {f.code for f in check_structure(figures, Targets(women=0.15), TERM_2020)}
    assert "women_below_target" not in codes
    figures = Figures(21, 3, 2, 0, 10, 11, 5, 1, 2, 9, 10, 48.0)
    codes = {f.code for f in check_structure(figures, Targets(women=0.15), TERM_2020)}
    assert "women_below_target" in codes
