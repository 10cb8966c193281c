"""What a lower congress elected, asked of the counting wing.

The roster imports a lower congress's elected delegates and alternates
(roster.import_elected), but the published results and the candidates they
name live in daihoi.elections, a wing above this one, which may not be
imported from here (ARCHITECTURE.md, "Wings import one way"). So the roster
asks this hook; ElectionsConfig.ready() answers it (elections/delegate_seats.py).
"""

from dataclasses import dataclass

from daihoi.hooks import Hook


@dataclass(frozen=True)
class Elected:
    member: object | None  # the candidate's member record; None when the name has none
    kind: str  # Kind.ELECTED or Kind.ALTERNATE
    rank: int | None  # an alternate's place in the published order (by votes)
    votes: int | None


@dataclass(frozen=True)
class ElectedRound:
    election: object  # the delegates' election of this round (Delegate.source_election)
    elected: list[Elected]  # the elected first, then the alternates in order


# (lower congress) -> [ElectedRound], one per published round of its delegates' election,
# in round order; [] when none is published.
elected_rounds = Hook("delegates.elected_rounds")
