"""Votes, the base and who is elected: QĐ 190-QĐ/TW 2024, Điều 30; Điều lệ Đảng, Điều 12.3."""

import pytest

from daihoi.rules.ballots import judge_marks, judge_struck, recorded_invalid
from daihoi.rules.tally import (
    base_for_committee_election,
    base_for_delegates_congress,
    base_for_members_congress,
    decide,
    is_above_half,
    percent,
    tally,
)

# --- the base ---------------------------------------------------------------


def test_it_computes_the_members_congress_base__d32_2():
    """QĐ 244-QĐ/TW 2014, Điều 32.2: full members less the excluded groups."""
    base = base_for_members_congress(
        40,
        attached_elsewhere=2,
        exempted_and_absent=3,
        suspended_or_prosecuted=1,
        absent_with_approved_reason=4,
    )
    assert base == 30


def test_it_keeps_members_absent_without_an_approved_reason_in_the_base__d32_2():
    """Điều lệ Đảng, Điều 12.3: 11 full members, 1 absent (no exclusion asked) → base 11."""
    assert base_for_members_congress(11) == 11


def test_it_computes_the_delegates_congress_base__d32_3():
    """QĐ 244-QĐ/TW 2014, Điều 32.3: summoned less absent committee members and absent
    delegates with no alternate seated."""
    assert (
        base_for_delegates_congress(300, convening_committee_absent=2, absent_without_alternate=5)
        == 293
    )


def test_it_computes_a_committee_election_base():
    """QĐ 24-QĐ/TW 2021, mục 9.3.3: sitting members less attached elsewhere and suspended."""
    assert base_for_committee_election(45, attached_elsewhere=1, suspended_or_prosecuted=1) == 43


@pytest.mark.parametrize(
    "call",
    [
        lambda: base_for_members_congress(3, attached_elsewhere=3),
        lambda: base_for_members_congress(-1),
        lambda: base_for_delegates_congress(10, absent_without_alternate=-1),
    ],
)
def test_it_refuses_a_base_below_one_or_negative_counts(call):
    with pytest.raises(ValueError):
        call()


# --- more than half ---------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "base", "above"),
    [
        (5, 11, False),  # the portal's example: 5 of 11 is not more than half
        (6, 11, True),
        (5, 10, False),  # exactly half is not more than half
        (6, 10, True),
        (1, 1, True),
        (0, 1, False),
        (151, 300, True),
        (150, 300, False),
    ],
)
def test_it_needs_strictly_more_than_half_of_the_base__dieu_le_12_3(votes, base, above):
    """Điều lệ Đảng, Điều 12.3: "quá một nửa so với tổng số…", odd and even bases."""
    assert is_above_half(votes, base) is above


def test_it_matches_the_central_portals_worked_example__dieu_le_12_3():
    """dangcongsan.vn Q&A: a cell of 11 full members, 10 present; base 11 (not 10 present):
    a candidate with 5 votes is not elected, one with 6 is."""
    base = base_for_members_congress(11)
    names = 3  # elect 2 from 3
    ballots = [judge_struck([3], names, 2)] * 5 + [judge_struck([2], names, 2)]
    ballots += [judge_struck([1], names, 2)] * 4
    counted = tally(ballots, names)
    assert counted.collected == counted.valid == 10
    assert counted.votes == (6, 9, 5)
    decision = decide(counted.votes, seats=2, base=base)
    assert decision.elected == (2, 1)
    assert decision.seats_unfilled == 0
    shortfall = decide((5, 9, 4), seats=2, base=base)
    assert shortfall.elected == (2,)
    assert shortfall.seats_unfilled == 1


# --- tally ------------------------------------------------------------------


def test_it_counts_strike_through_ballots_by_their_strikes__d30_1():
    """QĐ 190-QĐ/TW 2024, Điều 30.1: votes on valid ballots only."""
    verdicts = [
        judge_struck([4], 4, 3),
        judge_struck([1, 2], 4, 3),
        judge_struck([], 4, 3),  # too many: not counted
        judge_struck([1, 2, 3, 4], 4, 3),  # all struck: not counted
        recorded_invalid("written_in", 4),
    ]
    counted = tally(verdicts, 4)
    assert counted.votes == (1, 1, 2, 1)
    assert (counted.collected, counted.valid, counted.invalid) == (5, 2, 3)
    assert counted.invalid_by_reason == {"all_struck": 1, "too_many": 1, "written_in": 1}


def test_it_counts_box_ballots_by_their_agree_rows__d30_1():
    verdicts = [
        judge_marks({1: "agree", 2: "agree"}, 2),
        judge_marks({1: "agree", 2: "both"}, 2),
        judge_marks({1: "disagree", 2: "disagree"}, 2),  # elects nobody: invalid
    ]
    counted = tally(verdicts, 2)
    assert counted.votes == (2, 1)
    assert counted.valid == 2
    assert counted.invalid_by_reason == {"elects_nobody": 1}


def test_it_counts_nothing_from_no_ballots():
    counted = tally([], 3)
    assert counted.votes == (0, 0, 0)
    assert (counted.collected, counted.valid, counted.invalid) == (0, 0, 0)


def test_it_refuses_two_ballot_forms_in_one_round():
    with pytest.raises(ValueError):
        tally([judge_struck([1], 3, 2), judge_marks({1: "agree"}, 3)], 3)


# --- who is elected ---------------------------------------------------------


def test_it_elects_the_most_votes_among_those_above_half__d30():
    """QĐ 190-QĐ/TW 2024, Điều 30: more than half, then most votes, up to the seats."""
    decision = decide((60, 90, 70, 80, 40), seats=3, base=100)
    assert decision.elected == (2, 4, 3)
    assert decision.tied_for_last_seat == ()
    assert decision.seats_unfilled == 0


def test_it_orders_equal_votes_above_the_cut_by_position():
    decision = decide((80, 90, 80, 60), seats=3, base=100)
    assert decision.elected == (2, 1, 3)


def test_it_leaves_seats_unfilled_when_too_few_are_above_half__d30():
    decision = decide((51, 50, 49, 70), seats=3, base=100)
    assert decision.elected == (4, 1)
    assert decision.seats_unfilled == 1


def test_it_declares_none_of_a_tie_straddling_the_last_seat__d30():
    """QĐ 190-QĐ/TW 2024, Điều 30: a tie at the last seat is voted again; no age rule."""
    decision = decide((90, 70, 70, 70, 60), seats=3, base=100)
    assert decision.elected == (1,)
    assert decision.tied_for_last_seat == (2, 3, 4)
    assert decision.seats_unfilled == 2


def test_it_declares_a_tie_that_fits_inside_the_seats():
    decision = decide((90, 70, 70, 60), seats=3, base=100)
    assert decision.elected == (1, 2, 3)
    assert decision.tied_for_last_seat == ()


def test_it_ignores_a_tie_below_half_of_the_base():
    decision = decide((90, 50, 50), seats=2, base=100)
    assert decision.elected == (1,)
    assert decision.tied_for_last_seat == ()
    assert decision.seats_unfilled == 1


def test_it_records_the_rules_version_and_cites_its_article():
    assert decide((3,), 1, 4, rules="2014").source == "QĐ 244-QĐ/TW 2014, Điều 32"
    assert decide((3,), 1, 4).source == "QĐ 190-QĐ/TW 2024, Điều 30"
    with pytest.raises(ValueError):
        decide((3,), 1, 4, rules="2020")


@pytest.mark.parametrize(("seats", "base"), [(0, 10), (1, 0)])
def test_it_refuses_seats_or_base_below_one(seats, base):
    with pytest.raises(ValueError):
        decide((5,), seats, base)


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(1, 3, 33.33), (2, 3, 66.67), (1, 8, 12.5), (1, 800, 0.13), (5, 11, 45.45), (3, 0, 0.0)],
)
def test_it_rounds_percentages_to_two_decimals_half_up(part, whole, shown):
    assert percent(part, whole) == shown
