"""Who may do what with an election.

- Staff and administrators of the congress's organisation (or above) prepare the
  list, the teams and the batches, and see results.
- Counting-committee members (users in one of the congress's counting teams)
  enter ballots of their own team's batches; team leaders resolve differences.
- Anyone else gets 404: they learn nothing about the election.
"""

from django.http import Http404

from daihoi.congresses.access import is_organiser
from daihoi.organizations.selectors import can_see

from .models import BallotBatch, CountingTeam, Election

__all__ = [
    "access_batch_for_entry",
    "access_election",
    "access_election_for_setup",
    "is_counter",
    "is_organiser",
    "is_team_leader",
]


def is_counter(user, congress) -> bool:
    return (
        user.is_authenticated
        and CountingTeam.objects.filter(congress=congress, members=user).exists()
    )


def access_election(user, pk, *, for_counting: bool = False) -> Election:
    """The election if the user may see it (or, with for_counting, count it); else 404."""
    election = Election.objects.select_related("congress__organization").filter(pk=pk).first()
    if election is None or not user.is_authenticated:
        raise Http404("election not found")
    counter = is_counter(user, election.congress)
    if for_counting and not counter:
        raise Http404("election not found")
    if not counter and not can_see(user, election.congress.organization):
        raise Http404("election not found")
    return election


def access_election_for_setup(user, pk) -> Election:
    election = access_election(user, pk)
    if not is_organiser(user, election):
        raise Http404("election not found")
    return election


def access_batch_for_entry(user, pk) -> BallotBatch:
    batch = BallotBatch.objects.select_related("election__congress", "team").filter(pk=pk).first()
    if batch is None or not batch.team.members.filter(pk=user.pk).exists():
        raise Http404("batch not found")
    return batch


def is_team_leader(user, batch: BallotBatch) -> bool:
    return batch.team.leader_id == user.pk
