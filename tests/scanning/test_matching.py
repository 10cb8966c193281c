"""Order-free matching of two readings of a box, and a page's ballot from its reading. Pure."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.elections.entry_machine import compare
from daihoi.scanning.content import page_content, pending, row_differences
from daihoi.scanning.matching import aligned_order, match

N = 5
struck_ballots = st.lists(
    st.builds(lambda s: {"struck": sorted(s)}, st.sets(st.integers(1, N), max_size=N)),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(struck_ballots, st.randoms(use_true_random=False))
def test_the_same_pile_in_another_order_agrees_once_aligned(ballots, rnd):
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    found = match(ballots, shuffled, N)
    assert found.agreed and len(found.matched) == len(ballots)
    order = aligned_order(ballots, shuffled, N)
    assert sorted(order) == list(range(len(shuffled)))
    assert compare([ballots, [shuffled[i] for i in order]]).agreed


@settings(max_examples=150, deadline=None)
@given(struck_ballots.filter(bool), st.randoms(use_true_random=False), st.integers(1, N))
def test_one_ballot_read_differently_is_one_pair_with_its_row(ballots, rnd, flipped):
    changed = [dict(b) for b in ballots]
    target = rnd.randrange(len(changed))
    struck = set(changed[target]["struck"]) ^ {flipped}
    changed[target] = {"struck": sorted(struck)}
    rnd.shuffle(changed)
    found = match(ballots, changed, N)
    assert not found.only_a and not found.only_b
    assert len(found.pairs) == 1 and len(found.pairs[0].rows) == 1
    order = aligned_order(ballots, changed, N)
    aligned = compare([ballots, [changed[i] for i in order]])
    assert len(aligned.differences) == 1


def test_a_ballot_missing_from_one_source_is_listed_as_such():
    typed = [{"struck": [1]}, {"struck": [2]}, {"invalid": "written_in"}]
    scanned = [{"struck": [2]}, {"struck": [1]}]
    found = match(typed, scanned, N)
    # The invalid ballot pairs with nothing alike: it is only in the typed pile.
    assert (len(found.matched), found.pairs, found.only_a, found.only_b) == (2, (), (2,), ())


def test_unmatched_ballots_pair_by_fewest_differing_rows():
    typed = [{"struck": [1, 2, 3]}, {"struck": [5]}]
    scanned = [{"struck": [4, 5]}, {"struck": [1, 2]}]
    found = match(typed, scanned, N)
    assert [(p.a, p.b, p.rows) for p in found.pairs] == [(0, 1, (3,)), (1, 0, (4,))]


def test_box_ballots_compare_without_the_empty_rows():
    typed = [{"marks": {"1": "agree", "2": "disagree"}}]
    scanned = [{"marks": {"2": "disagree", "1": "agree"}}]
    assert match(typed, scanned, 3).agreed
    assert row_differences(typed[0], {"marks": {"1": "agree"}}, 3) == [2]


def test_a_page_becomes_the_ballot_the_person_decided():
    rows = [
        {"position": 1, "mark": "struck", "uncertain": False},
        {"position": 2, "mark": "kept", "uncertain": True},
        {"position": 3, "mark": "struck", "uncertain": True},
    ]
    assert pending(rows, [], {}) == [2, 3]
    assert pending(rows, ["writing_outside"], {2: "struck"}) == [0, 3]
    assert pending(rows, ["writing_outside"], {0: "invalid:signed_or_marked"}) == []
    decided = {2: "struck", 3: "kept"}
    assert page_content("struck", rows, decided) == {"struck": [1, 2]}
    assert page_content("struck", rows, {0: "invalid:written_in"}) == {"invalid": "written_in"}
    boxes = [
        {"position": 1, "mark": "agree", "uncertain": False},
        {"position": 2, "mark": "none", "uncertain": False},
    ]
    assert page_content("marks", boxes, {0: "ok"}) == {"marks": {"1": "agree"}}


def test_many_unmatched_ballots_are_paired_in_order_quickly():
    rnd = random.Random(7)
    a = [{"struck": [rnd.randint(1, N)]} for _ in range(300)]
    b = [{"struck": [1, 2, 3, 4, 5]} for _ in range(300)]
    found = match(a, b, N)
    assert len(found.pairs) == 300 and not found.only_a and not found.only_b
