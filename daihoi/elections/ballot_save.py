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

The same read brings the caller's `is_active` and password hash, so that a browser
session's user is confirmed without a query of its own (`accounts.session_actor`).

Durability is the database's: the ballot is acknowledged only after COMMIT
(PostgreSQL with synchronous_commit, SQLite in WAL mode), so a server killed
with -9 after answering keeps it. No audit entry per ballot: the entry's
start and finalisation are audited, and the ballots are compared in full.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from daihoi.accounts.session_actor import confirmed
from daihoi.request_guards import MAX_ID

from . import entry_machine as machine
from .judging import judge, normalise
from .models import BallotBatch, BatchEntry, Candidate, CountingTeam, Election, EnteredBallot


class EntryNotFound(LookupError):
    """No such entry, or (when membership is required) not the caller's team's."""


class ActorNotConfirmed(PermissionError):
    """A session's user no longer stands (see accounts.session_actor): ask Django."""


@dataclass(frozen=True)
class SavedBallot:
    ballot: EnteredBallot
    total: int  # ballots in the entry, this one included
    valid_total: int

    @property
    def invalid_total(self) -> int:
        return self.total - self.valid_total


def _tables() -> dict[str, str]:
    return {
        "entry": BatchEntry._meta.db_table,
        "batch": BallotBatch._meta.db_table,
        "election": Election._meta.db_table,
        "candidate": Candidate._meta.db_table,
        "members": CountingTeam.members.through._meta.db_table,
        "ballot": EnteredBallot._meta.db_table,
        "user": get_user_model()._meta.db_table,
    }


# Written out rather than composed by the ORM: composing these queries (and the user's
# and the insert) cost more CPU than everything else in a save. Portable SQL (RETURNING:
# SQLite ≥ 3.35); FOR UPDATE OF where it exists.
_FACTS = """
SELECT e.slot, e.operator_id, e.status, el.seats,
       (SELECT COUNT(*) FROM {candidate} c
         WHERE c.election_id = b.election_id AND c.withdrawn = %s),
       EXISTS (SELECT 1 FROM {members} m
                WHERE m.countingteam_id = b.team_id AND m.user_id = %s),
       u.is_active, u.password
  FROM {entry} e
  JOIN {batch} b ON b.id = e.batch_id
  JOIN {election} el ON el.id = b.election_id
  LEFT JOIN {user} u ON u.id = %s
 WHERE e.id = %s
"""
_SO_FAR = """
SELECT COALESCE(MAX(seq), 0), COUNT(*), COALESCE(SUM(CASE WHEN valid THEN 1 ELSE 0 END), 0)
  FROM {ballot} WHERE entry_id = %s
"""
_INSERT = """
INSERT INTO {ballot} (entry_id, seq, content, valid, reason, entered_at)
VALUES (%s, %s, %s, %s, %s, %s) RETURNING id
"""


def _cursor():
    """A cursor for the save's three statements. On PostgreSQL it binds on the server and
    prepares each statement at a connection's first save, so the server stops parsing
    and planning them on every save (the locking read's plan alone cost more than its
    execution); Django's own cursors bind on the client, which cannot prepare. Django's wrapper stays around it
    (execute wrappers). A connection logging its queries (DEBUG, a test counting them)
    gets Django's cursor: psycopg keeps no text of a prepared statement to log."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        return connection.cursor()
    connection.ensure_connection()
    return connection._prepare_cursor(_prepared_cursor_class()(connection.connection))


@cache
def _prepared_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        # Asked for each statement: Django's cursors never prepare. (psycopg prepares
        # nothing at all under Django's prepare_threshold None: settings sets one.)
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparedCursor


@cache
def _statements(vendor: str) -> tuple[str, str, str]:
    lock = " FOR UPDATE OF e" if vendor == "postgresql" else ""
    tables = _tables()
    return _FACTS.format(**tables) + lock, _SO_FAR.format(**tables), _INSERT.format(**tables)


def locked_entry_facts(actor, entry_id: int) -> dict | None:
    """The entry row, locked, with what a save needs; None when it does not exist.

    Two statements, because on PostgreSQL a statement that waited for the lock still
    reads other tables as of its start: the ballots are read after the lock is held.
    """
    facts_sql, so_far_sql, _ = _statements(connection.vendor)
    with _cursor() as cursor:
        cursor.execute(facts_sql, [False, actor.pk, actor.pk, entry_id])
        row = cursor.fetchone()
        if row is None:
            return None
        cursor.execute(so_far_sql, [entry_id])
        last_seq, total, valid_total = cursor.fetchone()
    slot, operator_id, status, seats, names, member, active, password = row
    return {
        "slot": slot,
        "operator_id": operator_id,
        "status": status,
        "seats": seats,
        "names": names,
        "member": bool(member),
        "confirmed": confirmed(actor, active, password),
        "last_seq": last_seq,
        "total": total,
        "valid_total": int(valid_total),
    }


@transaction.atomic
def save_ballot_at(
    actor, entry_id: int, content: dict, *, require_member: bool = True
) -> SavedBallot:
    """Judge and store one typed ballot at the end of entry ``entry_id``.

    ``actor`` is a user, or a session's `SessionActor` confirmed by the same read.
    Raises ActorNotConfirmed (that session no longer stands), EntryNotFound (no such
    entry, or the caller is outside its team), EntryError (not the caller's entry, or
    no longer in progress) or BallotInputError (a typing error); nothing is written then.
    """
    if not 0 < entry_id <= MAX_ID:  # no such row, and SQLite cannot even bind it
        raise EntryNotFound(entry_id)
    facts = locked_entry_facts(actor, entry_id)
    if facts is not None and not facts["confirmed"]:
        raise ActorNotConfirmed(entry_id)
    if facts is None or (require_member and not facts["member"]):
        raise EntryNotFound(entry_id)
    machine.check_editable(
        machine.LiveEntry(facts["slot"], facts["operator_id"], machine.EntryState(facts["status"])),
        actor.pk,
    )
    verdict = judge(content, facts["names"], facts["seats"])
    ballot = _insert(
        EnteredBallot(
            entry_id=entry_id,
            seq=facts["last_seq"] + 1,
            content=normalise(content),
            valid=verdict.valid,
            reason=verdict.reason or "",
            entered_at=timezone.now(),
        )
    )
    return SavedBallot(
        ballot, facts["total"] + 1, facts["valid_total"] + (1 if verdict.valid else 0)
    )


_COLUMNS = ("entry", "seq", "content", "valid", "reason", "entered_at")


def _insert(ballot: EnteredBallot) -> EnteredBallot:
    """The ORM's insert without its query compiler: each value prepared by its field."""
    fields = [EnteredBallot._meta.get_field(name) for name in _COLUMNS]
    params = [f.get_db_prep_save(getattr(ballot, f.attname), connection) for f in fields]
    with _cursor() as cursor:
        cursor.execute(_statements(connection.vendor)[2], params)
        ballot.pk = cursor.fetchone()[0]
    ballot._state.adding, ballot._state.db = False, connection.alias
    return ballot
