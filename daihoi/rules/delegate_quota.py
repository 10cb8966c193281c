"""QĐ 190-QĐ/TW 2024, Điều 18.2 (QĐ 244-QĐ/TW 2014, Điều 20.2): delegates are allocated from above.

The lower congress does not vote on how many delegates it sends: its election of
delegates elects the seats and alternates the higher committee allocated, and a
further round elects what is still unfilled. Pure: numbers in, verdict out.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Allocated:
    seats: int
    alternates: int
    elected: int = 0  # already elected by this congress's published rounds
    alternates_elected: int = 0

    @property
    def seats_left(self) -> int:
        return max(0, self.seats - self.elected)

    @property
    def alternates_left(self) -> int:
        return max(0, self.alternates - self.alternates_elected)

    @property
    def first_round(self) -> bool:
        return self.elected == 0 and self.alternates_elected == 0


def numbers_allowed(allocated: Allocated, seats: int, alternates: int) -> bool:
    """The first round elects exactly the allocation; a later one what is left (alternates: at most)."""
    if seats != allocated.seats_left:
        return False
    if allocated.first_round:
        return alternates == allocated.alternates_left
    return alternates <= allocated.alternates_left
