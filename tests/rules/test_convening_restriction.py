"""QĐ 244-QĐ/TW 2014, Điều 13 and its 2024 counterpart (issue 15, point 9)."""

import pytest

from daihoi.rules.candidate_list import convening_member_restriction


@pytest.mark.parametrize("rules", ["2014", "2024"])
@pytest.mark.parametrize("nominated_by", ["congress", "self"])
def test_a_convening_committee_member_may_not_stand_outside_its_list(rules, nominated_by):
    finding = convening_member_restriction(
        rules, "congress", nominated_by, candidate="Nguyễn Văn An", candidate_restricted=True
    )
    assert finding.blocking and finding.code == "convening_member_outside_list"
    expected = "Điều 13.1" if rules == "2014" else "QĐ 190-QĐ/TW 2024"
    assert expected in finding.citation


@pytest.mark.parametrize("rules", ["2014", "2024"])
def test_a_convening_committee_member_may_not_nominate_outside_its_list(rules):
    finding = convening_member_restriction(
        rules,
        "congress",
        "congress",
        candidate="Lê Quốc Cường",
        candidate_restricted=False,
        nominator_restricted=True,
    )
    assert finding.code == "convening_member_nominates_outside_list"


def test_at_the_committee_meeting_the_standing_committee_is_restricted_under_13_2():
    finding = convening_member_restriction(
        "2014", "committee_meeting", "self", candidate="X Y", candidate_restricted=True
    )
    assert "Điều 13.2" in finding.citation and "ban thường vụ" in finding.message


@pytest.mark.parametrize("rules", ["2014", "2024"])
def test_the_committees_own_list_and_other_people_are_unaffected(rules):
    on_list = convening_member_restriction(
        rules, "congress", "convening", candidate="A B", candidate_restricted=True
    )
    others = convening_member_restriction(
        rules, "congress", "self", candidate="A B", candidate_restricted=False
    )
    assert on_list is None and others is None
