"""The counting hall's hot path: one typed ballot saved at the end of an entry.

A save is one locking read, one index-range aggregate and one insert, in one
transaction:

- the read locks the **entry row only** (``FOR UPDATE OF`` the entry on
  PostgreSQL; SQLite's IMMEDIATE transaction serialises writers anyway), so
  the boxes of one election never queue behind each other;
- the same read brings what the save needs from the entry, the election and
  the team: the operator and state, the seats, the number of live names on the
  list and (for the API) whether the caller is in the batch's team; one
  aggregate over the entry's ballots (an index range) then gives the last
  sequence number and the counts so far;
- the insert is the ballot; the answer's counts are the read's plus this one.

Durability is the database's: the ballot is acknowledged only after COMMIT
(PostgreSQL with synchronous_commit, SQLite in WAL mode), so a server killed
with -9 after answering keeps it. No audit entry per ballot: the entry's
start and finalisation are audited, and the ballots are compared in full.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from . import entry_machine as machine
from .judging import judge, normalise
from .models import BatchEntry, Candidate, CountingTeam, EnteredBallot


class EntryNotFound(LookupError):
    """No such entry, or (when membership is required) not the caller's team's."""


@dataclass(frozen=True)
class SavedBallot:
    ballot: EnteredBallot
    total: int  # ballots in the entry, this one included
    valid_total: int

    @property
    def invalid_total(self) -> int:
        return self.total - self.valid_total


def _count(queryset, group_by: str):
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def locked_entry_facts(actor, entry_id: int) -> dict | None:
    """The entry row, locked, with what a save needs; None when it does not exist.

    Two statements, because on PostgreSQL a statement that waited for the lock still
    reads other tables as of its start: the ballots are read after the lock is held.
    """
    live = Candidate.objects.filter(election=OuterRef("batch__election_id"), withdrawn=False)
    member = CountingTeam.members.through.objects.filter(
        countingteam_id=OuterRef("batch__team_id"), user_id=actor.pk
    )
    facts = (
        BatchEntry.objects.select_for_update(of=("self",))
        .filter(pk=entry_id)
        .annotate(
            seats=F("batch__election__seats"),
            names=_count(live, "election"),
            member=Exists(member),
        )
        .values("slot", "operator_id", "status", "seats", "names", "member")
        .first()
    )
    if facts is not None:
        facts.update(
            EnteredBallot.objects.filter(entry_id=entry_id).aggregate(
                last_seq=Coalesce(Max("seq"), 0),
                total=Count("pk"),
                valid_total=Count("pk", filter=Q(valid=True)),
            )
        )
    return facts


@transaction.atomic
def save_ballot_at(
    actor, entry_id: int, content: dict, *, require_member: bool = True
) -> SavedBallot:
    """Judge and store one typed ballot at the end of entry ``entry_id``.

    Raises EntryNotFound (no such entry, or the caller is outside its team),
    EntryError (not the caller's entry, or no longer in progress) or
    BallotInputError (a typing error); nothing is written then.
    """
    facts = locked_entry_facts(actor, entry_id)
    if facts is None or (require_member and not facts["member"]):
        raise EntryNotFound(entry_id)
    machine.check_editable(
        machine.LiveEntry(facts["slot"], facts["operator_id"], machine.EntryState(facts["status"])),
        actor.pk,
    )
    verdict = judge(content, facts["names"], facts["seats"])
    ballot = EnteredBallot.objects.create(
        entry_id=entry_id,
        seq=facts["last_seq"] + 1,
        content=normalise(content),
        valid=verdict.valid,
        reason=verdict.reason or "",
    )
    return SavedBallot(
        ballot, facts["total"] + 1, facts["valid_total"] + (1 if verdict.valid else 0)
    )
