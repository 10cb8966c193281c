"""Which sitting elects what, and which figures cannot be (rules/sittings.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules import sittings as r

OFFICERS = [r.STANDING_COMMITTEE, r.SECRETARY, r.DEPUTY_SECRETARY]
INSPECTION = [r.INSPECTION_COMMITTEE, r.INSPECTION_CHAIR]
BOTH = ["2014", "2024"]


@pytest.mark.parametrize("rules", BOTH)
@pytest.mark.parametrize("kind", OFFICERS + INSPECTION)
def test_a_party_committees_officers_and_inspection_are_elected_at_the_first_meeting(rules, kind):
    unit = r.Unit(is_cell=False, full_members=0, rules=rules)
    assert r.sitting_for(kind, unit)[0] == r.FIRST_MEETING
    assert r.refusal(kind, r.FIRST_MEETING, unit) is None
    refused = r.refusal(kind, r.CONGRESS, unit)
    assert refused.blocking and "hội nghị lần thứ nhất" in refused.message
    assert "Điều lệ Đảng" in refused.citation


@pytest.mark.parametrize("rules", BOTH)
@pytest.mark.parametrize("kind", [r.COMMITTEE, r.DELEGATES])
def test_the_congress_elects_the_committee_and_delegates_never_the_first_meeting(rules, kind):
    unit = r.Unit(is_cell=False, full_members=0, rules=rules)
    assert r.refusal(kind, r.CONGRESS, unit) is None
    assert r.refusal(kind, r.FIRST_MEETING, unit).code == f"sitting.{kind}"


@pytest.mark.parametrize("rules", BOTH)
@given(members=st.integers(min_value=1, max_value=8))
def test_a_cell_under_nine_full_members_elects_its_secretary_at_the_congress_and_no_chi_uy(
    rules, members
):
    unit = r.Unit(is_cell=True, full_members=members, rules=rules)
    assert r.refusal(r.SECRETARY, r.CONGRESS, unit) is None
    assert r.refusal(r.DEPUTY_SECRETARY, r.CONGRESS, unit) is None
    refused = r.refusal(r.COMMITTEE, r.CONGRESS, unit)
    assert "không bầu chi ủy" in refused.message and "Điều 24.4" in refused.citation
    assert r.seats_refusal(r.DEPUTY_SECRETARY, 2, unit) is not None  # one deputy at most


@pytest.mark.parametrize(
    "rules, article", [("2014", "QĐ 244-QĐ/TW 2014, Điều 19.9"), ("2024", "QĐ 190-QĐ/TW 2024")]
)
@given(members=st.integers(min_value=9, max_value=500))
def test_a_larger_cell_elects_its_chi_uy_then_secretary_both_at_the_congress(
    rules, article, members
):
    unit = r.Unit(is_cell=True, full_members=members, rules=rules)
    for kind in (r.COMMITTEE, r.SECRETARY, r.DEPUTY_SECRETARY):
        assert r.refusal(kind, r.CONGRESS, unit) is None
    assert article in r.sitting_for(r.SECRETARY, unit)[1]


@pytest.mark.parametrize("kind", [r.STANDING_COMMITTEE, *INSPECTION])
def test_a_cell_elects_no_standing_or_inspection_committee(kind):
    unit = r.Unit(is_cell=True, full_members=20)
    assert r.refusal(kind, r.CONGRESS, unit) is not None
    assert r.refusal(kind, r.FIRST_MEETING, unit) is not None


def test_a_cell_congress_must_know_its_full_members_before_a_chi_uy_election():
    refused = r.refusal(r.COMMITTEE, r.CONGRESS, r.Unit(is_cell=True, full_members=0))
    assert "Nhập số đảng viên chính thức" in refused.message


def test_a_pilot_congress_elects_its_secretary_directly_but_not_the_deputies():
    unit = r.Unit(is_cell=False, full_members=0, secretary_by_congress=True)
    assert r.sitting_for(r.SECRETARY, unit) == (r.CONGRESS, r.CITE_PILOT)
    assert r.refusal(r.SECRETARY, r.FIRST_MEETING, unit) is not None
    assert r.sitting_for(r.DEPUTY_SECRETARY, unit)[0] == r.FIRST_MEETING


counts = st.integers(min_value=-3, max_value=60)


@given(summoned=counts, present=counts, a=counts, b=counts)
def test_attendance_is_refused_exactly_when_a_figure_cannot_be(summoned, present, a, b):
    problems = r.attendance_problems(summoned, present, {"x": a, "y": b})
    impossible = min(summoned, present, a, b) < 0 or present > summoned or a + b > summoned
    assert bool(problems) == impossible
    for p in problems:
        assert p.message and p.fix and p.field in {"summoned", "present", "x", "y"}


@given(
    present=st.integers(0, 50),
    issued=st.one_of(st.none(), st.integers(0, 60)),
    collected=st.integers(0, 60),
)
def test_publication_is_refused_exactly_when_ballots_exceed_what_was_possible(
    present, issued, collected
):
    codes = {
        p.code for p in r.publication_problems(present=present, issued=issued, collected=collected)
    }
    assert ("collected_over_issued" in codes) == (issued is not None and collected > issued)
    assert ("issued_over_present" in codes) == (issued is not None and issued > present)


def test_the_issue_case_of_70_collected_against_50_issued_is_refused():
    (problem,) = r.publication_problems(present=50, issued=50, collected=70)
    assert problem.message == "Số phiếu thu vào (70) lớn hơn số phiếu phát ra (50)."
