"""Properties of the count that hold for every election (hypothesis).

QĐ 190-QĐ/TW 2024, Điều 15 and 30; Điều lệ Đảng, Điều 12.3.
"""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.rules.ballots import ballot_form, judge_marks, judge_struck, recorded_invalid
from daihoi.rules.collation import sort_key, sort_names
from daihoi.rules.tally import decide, decide_with_alternates, tally

MARKS = st.sampled_from(["agree", "disagree", "both", "none"])
BY_EYE = st.sampled_from(["not_issued", "signed_or_marked", "written_in"])


@st.composite
def elections(draw):
    """A list, its seats and base, and a box of ballots of the right form."""
    candidates = draw(st.integers(1, 8))
    seats = draw(st.integers(1, 8))
    base = draw(st.integers(1, 40))
    positions = list(range(1, candidates + 1))
    count = draw(st.integers(0, 40))
    verdicts = []
    for _ in range(count):
        if draw(st.integers(0, 9)) == 0:
            verdicts.append(recorded_invalid(draw(BY_EYE), candidates))
        elif candidates > seats:
            struck = draw(st.lists(st.sampled_from(positions), unique=True))
            verdicts.append(judge_struck(struck, candidates, seats))
        else:
            rows = draw(st.dictionaries(st.sampled_from(positions), MARKS))
            verdicts.append(judge_marks(rows, candidates))
    return candidates, seats, base, verdicts


@given(elections(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_ballots(election, rng):
    candidates, seats, base, verdicts = election
    shuffled = list(verdicts)
    rng.shuffle(shuffled)
    assert tally(shuffled, candidates) == tally(verdicts, candidates)
    counted = tally(shuffled, candidates)
    assert decide(counted.votes, seats, base) == decide(
        tally(verdicts, candidates).votes, seats, base
    )


@given(elections())
def test_valid_plus_invalid_is_collected_and_votes_never_exceed_valid(election):
    candidates, _, _, verdicts = election
    counted = tally(verdicts, candidates)
    assert counted.valid + counted.invalid == counted.collected == len(verdicts)
    assert sum(counted.invalid_by_reason.values()) == counted.invalid
    assert all(0 <= votes <= counted.valid for votes in counted.votes)


@given(elections())
def test_the_tally_matches_counting_ballot_by_ballot(election):
    candidates, _, _, verdicts = election
    expected = [0] * candidates
    for verdict in verdicts:
        for position in verdict.votes_for():
            expected[position - 1] += 1
    assert list(tally(verdicts, candidates).votes) == expected


VOTES = st.lists(st.integers(0, 60), min_size=1, max_size=12)


@given(VOTES, st.integers(1, 12), st.integers(1, 60))
def test_no_more_elected_than_seats_and_all_above_half(votes, seats, base):
    decision = decide(votes, seats, base)
    assert len(decision.elected) + decision.seats_unfilled == seats
    assert len(decision.elected) <= seats
    assert all(votes[p - 1] * 2 > base for p in decision.elected + decision.tied_for_last_seat)
    assert not set(decision.elected) & set(decision.tied_for_last_seat)


@given(VOTES, st.integers(1, 12), st.integers(1, 60))
def test_more_votes_is_never_left_out_while_fewer_is_elected(votes, seats, base):
    decision = decide(votes, seats, base)
    elected = set(decision.elected)
    for winner in elected:
        for other in range(1, len(votes) + 1):
            if other not in elected and votes[other - 1] > votes[winner - 1]:
                raise AssertionError(f"{other} has more votes than elected {winner}")


@given(VOTES, st.integers(1, 12), st.integers(1, 60))
def test_a_tie_is_declared_only_when_it_straddles_the_last_seat(votes, seats, base):
    decision = decide(votes, seats, base)
    tied = decision.tied_for_last_seat
    if tied:
        assert len({votes[p - 1] for p in tied}) == 1
        assert len(tied) > decision.seats_unfilled > 0


@given(VOTES, st.integers(1, 6), st.integers(0, 6), st.integers(1, 60))
def test_alternates_never_outvote_officials(votes, seats, alternates, base):
    result = decide_with_alternates(votes, seats, alternates, base)
    if result.alternates is None:
        return
    officials = set(result.officials.elected)
    assert not officials & set(result.alternates.elected)
    assert len(result.alternates.elected) <= alternates
    for alternate in result.alternates.elected:
        assert all(votes[alternate - 1] <= votes[o - 1] for o in officials)


NAME_WORD = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ", min_size=1)


@settings(max_examples=200)
@given(st.lists(st.lists(NAME_WORD, min_size=1, max_size=4).map(" ".join), max_size=12))
def test_sorting_names_is_idempotent_and_ignores_the_input_order(names):
    once = sort_names(names)
    assert sort_names(once) == once
    shuffled = list(names)
    random.Random(0).shuffle(shuffled)
    assert [sort_key(n) for n in sort_names(shuffled)] == [sort_key(n) for n in once]


@given(st.integers(1, 20), st.integers(1, 20))
def test_the_form_follows_the_surplus(candidates, seats):
    assert (ballot_form(candidates, seats).value == "struck") is (candidates > seats)
