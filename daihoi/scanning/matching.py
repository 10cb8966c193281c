"""Order-free comparison of two readings of one ballot box. Pure Python.

The scanner reads the sheets in the order they went through the feeder; a
typist may have taken the pile in another order. Ballots carry no number, so
the two sources are compared as multisets: equal ballots are matched first;
the rest are paired by likeness (fewest rows that differ), so that a ballot
read differently shows as one ballot with its differing rows rather than as
one ballot missing and another extra; what is left exists in one source only.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass

from daihoi.elections.entry_machine import canonical

from .content import row_differences

# Above this many candidate pairs the unmatched ballots are paired in order
# instead of by likeness (two unrelated piles: likeness would not help anyway).
MAX_PAIRINGS = 40_000


@dataclass(frozen=True)
class Pair:
    """A ballot of source A and one of source B that differ, paired by likeness."""

    a: int
    b: int
    rows: tuple[int, ...]  # the positions that differ


@dataclass(frozen=True)
class Matching:
    matched: tuple[tuple[int, int], ...]  # (index in A, index in B) of equal ballots
    pairs: tuple[Pair, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]

    @property
    def agreed(self) -> bool:
        return not (self.pairs or self.only_a or self.only_b)


def match(a: Sequence[dict], b: Sequence[dict], positions: int) -> Matching:
    """Match the ballots of A and B as multisets (``positions``: rows on the ballot)."""
    waiting: dict = defaultdict(deque)
    for j, content in enumerate(b):
        waiting[canonical(content)].append(j)
    matched, left_a = [], []
    for i, content in enumerate(a):
        queue = waiting.get(canonical(content))
        if queue:
            matched.append((i, queue.popleft()))
        else:
            left_a.append(i)
    left_b = sorted(j for queue in waiting.values() for j in queue)
    pairs = _pair(a, b, left_a, left_b, positions)
    paired_a = {p.a for p in pairs}
    paired_b = {p.b for p in pairs}
    return Matching(
        matched=tuple(matched),
        pairs=tuple(pairs),
        only_a=tuple(i for i in left_a if i not in paired_a),
        only_b=tuple(j for j in left_b if j not in paired_b),
    )


def _pair(a, b, left_a: list[int], left_b: list[int], positions: int) -> list[Pair]:
    if len(left_a) * len(left_b) > MAX_PAIRINGS:
        couples = list(zip(left_a, left_b, strict=False))
    else:
        scored = sorted(
            (len(row_differences(a[i], b[j], positions)), i, j) for i in left_a for j in left_b
        )
        couples, used_a, used_b = [], set(), set()
        for _, i, j in scored:
            if i not in used_a and j not in used_b:
                couples.append((i, j))
                used_a.add(i)
                used_b.add(j)
        couples.sort()
    return [Pair(i, j, tuple(row_differences(a[i], b[j], positions))) for i, j in couples]


def aligned_order(reference: Sequence[dict], other: Sequence[dict], positions: int) -> list[int]:
    """A reordering of ``other`` (its indices) that follows ``reference`` ballot by ballot.

    Position i of the result holds the ballot of ``other`` equal (or paired) to
    ``reference[i]``; ballots of ``other`` with no partner come last. When both
    hold the same number of ballots, a position-by-position comparison of the
    reordered ``other`` with ``reference`` then finds exactly the differences
    of the order-free matching.
    """
    found = match(reference, other, positions)
    partner = dict(found.matched)
    partner.update({p.a: p.b for p in found.pairs})
    order = [partner[i] for i in range(len(reference)) if i in partner]
    return order + list(found.only_b)
