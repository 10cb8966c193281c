"""Further rounds and alternate delegates: QĐ 190-QĐ/TW 2024, Điều 18 and 30 (2014: 20, 32)."""

import pytest

from daihoi.rules.ballots import judge_struck
from daihoi.rules.tally import Round, decide, decide_with_alternates, next_round, tally

NAMES = ("Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường", "Nguyễn Thị Dung", "Hồ Văn Em")


def test_it_builds_round_two_for_the_seats_a_shortfall_left__d18_2():
    """QĐ 244-QĐ/TW 2014, Điều 20.2: too few elected → vote again for the rest; the congress
    decides whether to add names. The base stays the same."""
    first = Round(NAMES, seats=3, base=100)
    decision = decide((80, 40, 70, 30, 20), first.seats, first.base)
    assert decision.elected == (1, 3)
    second = next_round(first, decision)
    assert second == Round(
        ("Trần Thị Bình", "Nguyễn Thị Dung", "Hồ Văn Em"), seats=1, base=100, number=2
    )


def test_it_adds_names_the_congress_decides_to_add_in_alphabetical_order__d18_2():
    first = Round(NAMES, seats=3, base=100)
    decision = decide((80, 40, 70, 30, 20), 3, 100)
    second = next_round(first, decision, added=["Võ Thị Ánh"])
    assert second.candidates == ("Võ Thị Ánh", "Trần Thị Bình", "Nguyễn Thị Dung", "Hồ Văn Em")
    with pytest.raises(ValueError):
        next_round(first, decision, added=["Trần Thị Bình"])


def test_it_keeps_the_list_as_given_when_the_round_has_no_order():
    first = Round(NAMES, seats=3, base=100, order=None)
    second = next_round(first, decide((80, 40, 70, 30, 20), 3, 100), added=["Võ Thị Ánh"])
    assert second.candidates == ("Trần Thị Bình", "Nguyễn Thị Dung", "Hồ Văn Em", "Võ Thị Ánh")


def test_it_builds_a_re_vote_among_the_tied_only__d30():
    """QĐ 190-QĐ/TW 2024, Điều 30: a tie at the last seat is voted again among the tied."""
    first = Round(NAMES, seats=2, base=100)
    decision = decide((90, 60, 60, 60, 10), 2, 100)
    assert decision.tied_for_last_seat == (2, 3, 4)
    second = next_round(first, decision)
    assert second.seats == 1
    assert set(second.candidates) == {"Trần Thị Bình", "Phạm Văn Cường", "Nguyễn Thị Dung"}
    assert second.base == 100
    with pytest.raises(ValueError):
        next_round(first, decision, added=["Võ Thị Ánh"])


def test_it_needs_more_than_half_of_the_base_again_in_round_two():
    """Điều lệ Đảng, Điều 12.3 applies to every round: 50 of base 100 is not enough."""
    second = Round(("Trần Thị Bình", "Phạm Văn Cường"), seats=1, base=100, number=2)
    ballots = [judge_struck([2], 2, 1)] * 50 + [judge_struck([1], 2, 1)] * 45
    counted = tally(ballots, 2)
    decision = decide(counted.votes, second.seats, second.base)
    assert decision.elected == ()
    assert next_round(second, decision).number == 3


def test_it_ends_the_rounds_when_every_seat_is_filled():
    first = Round(NAMES, seats=2, base=100)
    assert next_round(first, decide((90, 80, 10, 10, 10), 2, 100)) is None


# --- alternates -------------------------------------------------------------


def test_it_elects_officials_first_then_alternates_above_half__d18():
    """QĐ 190-QĐ/TW 2024, Điều 18: one list; officials first, then the rest above half by
    votes, up to the alternates."""
    votes = (90, 55, 80, 70, 40, 60)
    result = decide_with_alternates(votes, seats=2, alternates=3, base=100)
    assert result.officials.elected == (1, 3)
    assert result.alternates.elected == (4, 6, 2)
    assert result.alternates.seats_unfilled == 0


def test_it_leaves_alternate_seats_unfilled_below_half():
    result = decide_with_alternates((90, 80, 51, 50), seats=2, alternates=2, base=100)
    assert result.alternates.elected == (3,)
    assert result.alternates.seats_unfilled == 1


def test_it_handles_a_tie_at_the_last_alternate_like_the_last_seat():
    result = decide_with_alternates((90, 80, 70, 60, 60, 10), seats=2, alternates=2, base=100)
    assert result.alternates.elected == (3,)
    assert result.alternates.tied_for_last_seat == (4, 5)
    assert result.alternates.seats_unfilled == 1


def test_it_declares_no_alternate_while_the_last_official_seat_is_tied():
    result = decide_with_alternates((90, 80, 80, 60), seats=2, alternates=1, base=100)
    assert result.officials.tied_for_last_seat == (2, 3)
    assert result.alternates is None


def test_it_elects_no_alternate_when_officials_fall_short():
    result = decide_with_alternates((90, 40, 30), seats=2, alternates=1, base=100)
    assert result.officials.seats_unfilled == 1
    assert result.alternates.elected == ()
    assert result.alternates.seats_unfilled == 1


def test_it_accepts_zero_alternates_and_refuses_negative():
    assert decide_with_alternates((90, 80), 1, 0, 100).alternates.elected == ()
    with pytest.raises(ValueError):
        decide_with_alternates((90, 80), 1, -1, 100)
