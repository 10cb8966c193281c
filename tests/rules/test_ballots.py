"""Ballot forms and validity: QĐ 190-QĐ/TW 2024, Điều 15 (QĐ 244-QĐ/TW 2014, Điều 17)."""

import pytest

from daihoi.rules.ballots import (
    Form,
    InvalidReason,
    Mark,
    article,
    ballot_form,
    judge_marks,
    judge_struck,
    recorded_invalid,
)

A, D, B, N = Mark.AGREE, Mark.DISAGREE, Mark.BOTH, Mark.NONE


@pytest.mark.parametrize(
    ("candidates", "seats", "form"),
    [
        (5, 4, Form.STRIKE_THROUGH),  # list with surplus
        (2, 1, Form.STRIKE_THROUGH),
        (4, 4, Form.BOXES),  # list without surplus
        (3, 5, Form.BOXES),  # fewer candidates than seats
        (1, 1, Form.BOXES),  # single candidate
    ],
)
def test_it_picks_the_ballot_form_from_the_list__d15_1(candidates, seats, form):
    """QĐ 190-QĐ/TW 2024, Điều 15.1: strike-through with surplus, four columns without."""
    assert ballot_form(candidates, seats) is form


# (struck, candidates, seats, reason or None, votes for)
STRIKE_TABLE = [
    ([4, 5], 5, 3, None, {1, 2, 3}),  # keeps exactly the seats
    ([2, 3, 4, 5], 5, 3, None, {1}),  # keeps fewer than the seats: still valid
    ([5], 5, 3, InvalidReason.TOO_MANY, set()),  # keeps 4 of 3 seats
    ([], 5, 3, InvalidReason.TOO_MANY, set()),  # strikes nobody on a list with surplus
    ([1, 2, 3, 4, 5], 5, 3, InvalidReason.ALL_STRUCK, set()),  # elects nobody
    ([1, 2], 2, 1, InvalidReason.ALL_STRUCK, set()),
    ([2], 2, 1, None, {1}),
]


@pytest.mark.parametrize(("struck", "candidates", "seats", "reason", "votes"), STRIKE_TABLE)
def test_it_judges_strike_through_ballots__d15_2(struck, candidates, seats, reason, votes):
    """QĐ 190-QĐ/TW 2024, Điều 15.2 (2014: 17.2): as many as or fewer than the seats is
    valid; more than the seats, or nobody on a multi-name list, is invalid."""
    verdict = judge_struck(struck, candidates, seats)
    assert verdict.reason is reason
    assert verdict.valid is (reason is None)
    assert verdict.votes_for() == votes


# (marks, candidates, reason or None, votes for)
BOX_TABLE = [
    ({1: A}, 1, None, {1}),  # single name, agree
    ({1: D}, 1, None, set()),  # single name, disagree: valid, elects nobody
    ({1: B}, 1, InvalidReason.SINGLE_NOT_MARKED_ONCE, set()),
    ({1: N}, 1, InvalidReason.SINGLE_NOT_MARKED_ONCE, set()),
    ({}, 1, InvalidReason.SINGLE_NOT_MARKED_ONCE, set()),  # a row not given is "none"
    ({1: A, 2: A, 3: D}, 3, None, {1, 2}),
    ({1: A, 2: B, 3: N}, 3, None, {1}),  # both / neither on some rows: valid, no vote there
    ({1: A}, 3, None, {1}),  # rows 2 and 3 not given: "none"
    ({1: D, 2: D, 3: D}, 3, InvalidReason.ELECTS_NOBODY, set()),  # the unsettled case
    ({1: B, 2: N, 3: D}, 3, InvalidReason.ELECTS_NOBODY, set()),
    ({}, 3, InvalidReason.ELECTS_NOBODY, set()),  # a blank multi-name ballot
]


@pytest.mark.parametrize(("marks", "candidates", "reason", "votes"), BOX_TABLE)
def test_it_judges_box_ballots__d15_2(marks, candidates, reason, votes):
    """QĐ 244-QĐ/TW 2014, Điều 17.2 and 32.1 (2024: 15.2, 30.1): single name needs exactly
    one box; on several names both/neither gives no vote; electing nobody is invalid."""
    verdict = judge_marks(marks, candidates)
    assert verdict.reason is reason
    assert verdict.votes_for() == votes


def test_it_accepts_marks_as_plain_strings():
    assert judge_marks({1: "agree", 2: "none"}, 2).votes_for() == {1}


@pytest.mark.parametrize("reason", ["not_issued", "signed_or_marked", "written_in"])
def test_it_records_ballots_found_invalid_by_eye__d15_2(reason):
    """QĐ 190-QĐ/TW 2024, Điều 15.2: not issued by the committee; local rules: signed, written in."""
    verdict = recorded_invalid(reason, 5)
    assert not verdict.valid
    assert verdict.reason == reason


def test_it_refuses_to_record_a_computed_reason_by_eye():
    with pytest.raises(ValueError):
        recorded_invalid("too_many", 5)


@pytest.mark.parametrize(
    "call",
    [
        lambda: judge_struck([6], 5, 3),  # off the list
        lambda: judge_struck([0], 5, 3),
        lambda: judge_struck([2, 2], 5, 3),  # given twice
        lambda: judge_struck([1], 3, 3),  # no surplus: wrong form
        lambda: judge_marks({4: "agree"}, 3),
        lambda: judge_marks({1: "yes"}, 3),
    ],
)
def test_it_treats_entry_errors_as_errors_not_as_invalid_ballots(call):
    with pytest.raises(ValueError):
        call()


def test_it_cites_the_article_of_each_rules_version():
    assert article("ballot", "2014") == "QĐ 244-QĐ/TW 2014, Điều 17"
    assert article("ballot", "2024") == "QĐ 190-QĐ/TW 2024, Điều 15"
    assert article("result", "2014") == "QĐ 244-QĐ/TW 2014, Điều 32"
    assert article("delegates") == "QĐ 190-QĐ/TW 2024, Điều 18"
    with pytest.raises(ValueError):
        article("ballot", "2019")


def test_it_gives_each_invalid_reason_a_stable_code():
    assert {r.value for r in InvalidReason} == {
        "too_many",
        "all_struck",
        "elects_nobody",
        "single_not_marked_once",
        "not_issued",
        "written_in",
        "signed_or_marked",
    }
