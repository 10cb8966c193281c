"""On PostgreSQL the ballot save's statements are prepared once per connection (issue 17):
the server plans the locking read, the counts and the insert at the first save, not at
every save, and the saves that follow reuse them with the same results."""

import pytest
from django.db import connection

from daihoi.elections import ballot_save, entry

pytestmark = pytest.mark.django_db


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_it_prepares_the_three_statements_once_and_reuses_them(election, counting):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    started = entry.start_entry(counting.op1, batch)
    saves = [
        ballot_save.save_ballot_at(counting.op1, started.pk, {"struck": [k]}) for k in (1, 2, 3)
    ]
    ours = [s for s in prepared_statements() if "elections_enteredballot" in s]
    assert len(ours) == 2  # the counts and the insert; the locking read names the entry
    assert any("FOR UPDATE OF e" in s for s in prepared_statements())
    assert [(s.ballot.seq, s.total, s.valid_total) for s in saves] == [
        (1, 1, 1),
        (2, 2, 2),
        (3, 3, 3),
    ]
