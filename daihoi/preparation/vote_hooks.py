"""How the programme records a show-of-hands decision: through the counting wing.

A decision on an agenda item is the same ShowOfHands row the election pages
and the count minutes read, kept by daihoi.elections, a wing above this one.
So the programme asks through this hook and ElectionsConfig.ready() answers it
with elections.lists.record_show_of_hands.
"""

from daihoi.hooks import Hook

# (actor, congress, *, subject, votes_for, votes_against, abstain) -> the ShowOfHands row,
# passed when more than half of those present agree; ValidationError when refused
# (more votes than people present).
record_open_vote = Hook("preparation.record_open_vote")
