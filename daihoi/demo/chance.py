"""Small helpers for seeded randomness and calendar arithmetic used by the demo."""

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterable


class Weighted:
    """A fixed weighted choice, prepared once and drawn many times.

    `random.choices` recomputes cumulative weights on every call unless given
    them; 60,000 members draw from these tables a dozen times each, so the
    cumulative list is built once here and each draw is one bisect.
    """

    def __init__(self, pairs: Iterable[tuple[object, float]]):
        pairs = [(value, float(weight)) for value, weight in pairs if weight > 0]
        if not pairs:
            raise ValueError("a weighted choice needs at least one positive weight")
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.values[min(index, len(self.values) - 1)]

    def share(self, value) -> float:
        """The probability of drawing `value` (for tests and sanity checks)."""
        previous = 0.0
        for candidate, cumulative in zip(self.values, self.cumulative, strict=True):
            if candidate == value:
                return (cumulative - previous) / self.total
            previous = cumulative
        return 0.0


def stream(seed: int, *parts: object) -> random.Random:
    """An independent random stream for one part of the demo.

    Seeding with a string is deterministic across runs and platforms (it is
    hashed with SHA-512, not with Python's randomised `hash`). Giving each unit
    its own stream means a change in one district's plan cannot shift the
    members of another, and later demo steps (congresses...) can draw without
    disturbing what is already generated.
    """
    return random.Random("/".join(str(p) for p in (seed, *parts)))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year: the day before
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def date_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A uniformly random day in [first, last]; `first` when the range is empty."""
    span = (last - first).days
    return first if span <= 0 else first + dt.timedelta(days=rng.randint(0, span))
