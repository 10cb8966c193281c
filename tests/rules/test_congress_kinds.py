"""Terms and the congress of an organisation whose committee the higher committee appointed."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules import congress_kinds as ck
from daihoi.rules.congress_kinds import AppointedCommittee
from daihoi.rules.findings import Severity

D = dt.date
ALL_KINDS = [
    "committee",
    "standing_committee",
    "secretary",
    "deputy_secretary",
    "inspection_committee",
    "inspection_chair",
    "delegates",
]


# --- terms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "years"),
    [("2025-2030", (2025, 2030)), ("2025-2027", (2025, 2027)), (" 2020-2025 ", (2020, 2025))],
)
def test_a_term_is_named_by_its_first_and_last_year(name, years):
    assert ck.parse_term_name(name) == years


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("2025–2030", "dạng năm-năm"),  # an en dash, as printed on ballots, is not the stored form
        ("2025", "dạng năm-năm"),
        ("2030-2025", "năm cuối phải sau"),
        ("2025-2025", "năm cuối phải sau"),
        ("2020-2026", "không quá 5 năm"),
    ],
)
def test_a_malformed_or_overlong_term_is_refused_with_the_reason(name, says):
    with pytest.raises(ValueError, match=says):
        ck.parse_term_name(name)


def test_a_terms_dates_must_fall_in_its_first_and_last_year():
    assert ck.check_term_dates("2025-2030", D(2025, 4, 1), D(2030, 3, 31)) == []
    problems = ck.check_term_dates("2025-2030", D(2024, 12, 1), D(2031, 1, 1))
    assert any("năm 2025" in p for p in problems) and any("năm 2030" in p for p in problems)


def test_a_short_first_term_is_allowed_when_its_dates_agree():
    # QĐ 29-QĐ/TW 2016, 16.5: the first term of an appointed committee need not be five years.
    assert ck.check_term_dates("2025-2026", D(2025, 12, 1), D(2026, 1, 1)) == []


def test_the_2024_rules_apply_from_the_day_they_were_issued():
    # QĐ 190-QĐ/TW of 10/10/2024 replaced QĐ 244-QĐ/TW 2014.
    assert ck.rules_version_in_force(D(2024, 10, 9)) == "2014"
    assert ck.rules_version_in_force(D(2024, 10, 10)) == "2024"


@pytest.mark.parametrize(
    ("term", "rules"), [("2020-2025", "2014"), ("2025-2030", "2024"), ("2025-2027", "2024")]
)
def test_a_term_without_registered_dates_takes_the_rules_in_force_when_it_starts(term, rules):
    assert ck.default_rules_version(term) == rules


# --- appointed committees ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_congress_that_elects_its_committee_may_hold_every_election(kind):
    assert ck.election_refusal(kind, None) is None


@pytest.mark.parametrize(
    "kind", ["committee", "standing_committee", "secretary", "deputy_secretary"]
)
def test_an_appointed_committee_and_its_officers_are_not_elected_by_the_congress(kind):
    refusal = ck.election_refusal(kind, AppointedCommittee())
    assert refusal is not None
    assert refusal.code == f"congress_kind.{kind}_appointed"
    assert refusal.severity is Severity.BLOCKING
    assert "Điều 13.5" in refusal.citation and "16.5" in refusal.citation
    assert "không bầu" in refusal.message


def test_the_delegates_and_the_inspection_committee_are_still_elected_by_default():
    # Delegates: QĐ 190 Đ.18; inspection committee: elected by the appointed committee.
    appointed = AppointedCommittee()
    for kind in ("delegates", "inspection_committee", "inspection_chair"):
        assert ck.election_refusal(kind, appointed) is None
    left = ck.elections_left(appointed)
    assert [kind for kind, _ in left] == ["inspection_committee", "inspection_chair", "delegates"]
    assert dict(left)["delegates"].startswith("QĐ 190-QĐ/TW 2024, Điều 18")


def test_a_decision_that_also_appoints_the_inspection_committee_takes_that_election_away():
    appointed = AppointedCommittee(inspection_appointed=True)
    refusal = ck.election_refusal("inspection_chair", appointed)
    assert refusal.code == "congress_kind.inspection_chair_appointed"
    assert "HD 31-HD/BTCTW" in refusal.citation
    assert [kind for kind, _ in ck.elections_left(appointed)] == ["delegates"]


def test_appointed_delegates_leave_the_congress_nothing_to_elect_when_all_is_appointed():
    appointed = AppointedCommittee(inspection_appointed=True, delegates_appointed=True)
    assert ck.election_refusal("delegates", appointed).code == "congress_kind.delegates_appointed"
    assert ck.elections_left(appointed) == []


@given(
    kind=st.sampled_from(ALL_KINDS),
    inspection=st.booleans(),
    delegates=st.booleans(),
)
def test_refusals_follow_exactly_what_the_decision_appointed(kind, inspection, delegates):
    appointed = AppointedCommittee(inspection_appointed=inspection, delegates_appointed=delegates)
    refused = ck.election_refusal(kind, appointed) is not None
    expected = (
        kind in ck.APPOINTED_WITH_COMMITTEE
        or (kind in ck.INSPECTION_KINDS and inspection)
        or (kind == "delegates" and delegates)
    )
    assert refused == expected
    assert (kind in dict(ck.elections_left(appointed))) == (not refused)


# --- the posts of the decision ------------------------------------------------------------------


def _codes(findings, severity=Severity.BLOCKING):
    return {f.code for f in findings if f.severity is severity}


def test_a_complete_decision_raises_nothing():
    posts = ["secretary", "deputy_secretary", "deputy_secretary", "standing", "committee"]
    assert ck.check_appointed_posts(posts, inspection_appointed=False) == []


def test_a_decision_names_one_secretary():
    findings = ck.check_appointed_posts(["secretary", "secretary"], inspection_appointed=False)
    assert _codes(findings) == {"congress_kind.two_secretary"}


def test_inspection_posts_need_a_decision_that_appoints_the_inspection_committee():
    posts = ["secretary", "inspection_chair"]
    assert "congress_kind.inspection_not_appointed" in _codes(
        ck.check_appointed_posts(posts, inspection_appointed=False)
    )
    assert ck.check_appointed_posts(posts, inspection_appointed=True) == []
    two_chairs = ck.check_appointed_posts(
        ["secretary", "inspection_chair", "inspection_chair"], inspection_appointed=True
    )
    assert _codes(two_chairs) == {"congress_kind.two_inspection_chair"}


def test_a_list_without_a_secretary_is_only_a_warning_while_it_is_being_entered():
    findings = ck.check_appointed_posts(["committee", "standing"], inspection_appointed=False)
    assert _codes(findings) == set()
    assert _codes(findings, Severity.WARNING) == {"congress_kind.no_secretary"}


def test_an_unknown_post_is_refused():
    findings = ck.check_appointed_posts(["secretary", "treasurer"], inspection_appointed=False)
    assert _codes(findings) == {"congress_kind.unknown_post"}
