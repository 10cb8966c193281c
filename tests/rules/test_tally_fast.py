"""The fast count (strike masks added in a counter of every position) equals the plain loop."""

from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.rules.ballots import judge_struck, position_mask
from daihoi.rules.tally import count_strikes, tally


@st.composite
def boxes(draw):
    candidates = draw(st.integers(2, 300))
    seats = draw(st.integers(1, candidates - 1))
    positions = st.sets(st.integers(1, candidates), max_size=candidates)
    return candidates, seats, draw(st.lists(positions, max_size=60))


def plain_votes(box, candidates, seats):
    """The naive reading: each valid ballot, each name not struck, one vote."""
    votes = [0] * candidates
    for struck in box:
        kept = candidates - len(struck)
        if 1 <= kept <= seats:
            for position in range(1, candidates + 1):
                votes[position - 1] += position not in struck
    return tuple(votes)


@settings(max_examples=300, deadline=None)
@given(boxes())
def test_the_count_equals_the_plain_loop(box_spec):
    candidates, seats, box = box_spec
    counted = tally([judge_struck(s, candidates, seats) for s in box], candidates)
    assert counted.votes == plain_votes(box, candidates, seats)
    assert counted.collected == len(box)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sets(st.integers(1, 1100)), max_size=80), st.integers(0, 1100))
def test_the_strike_counter_counts_every_position(sets, extra):
    candidates = max([extra, *(max(s, default=0) for s in sets)])
    counts = count_strikes([position_mask(s) for s in sets], candidates)
    assert counts == [sum(p in s for s in sets) for p in range(1, candidates + 1)]
