"""Merging a return row by row: the server's rows the hall changed, made or removed.
The hall is simulated in the same database (the package loaded as a second copy)."""

from daihoi.audit.verify import verify_chain
from daihoi.elections import entry
from daihoi.elections.models import BatchEntry, EnteredBallot, UndoneBallot
from daihoi.hall import keys
from daihoi.hall.export import export_package
from daihoi.hall.giveback import build_return
from daihoi.hall.load import import_package
from daihoi.hall.merge import import_return


def test_it_removes_what_the_hall_took_back_and_keeps_the_record(
    congress, counting, election, users
):
    """Typing began on the server; at the hall the operator undoes the last ballot (the
    typed row goes, an undone row comes) and finishes: the server ends with the same."""
    box = entry.create_batch(None, election, team=counting.team, number=1)
    started = entry.start_entry(counting.op1, box)
    for struck in ([1], [2], [3]):
        entry.save_ballot(counting.op1, started, {"struck": struck})
    _package, content, key = export_package(users.east, congress)
    copy = import_package(content, keys.parse(keys.show(key))).congress
    on_hall = BatchEntry.objects.get(batch__election__congress=copy)
    entry.undo_last_ballot(counting.op1, on_hall)
    entry.save_ballot(counting.op1, on_hall, {"struck": [4]})
    entry.finalise_entry(counting.op1, on_hall)

    merged = import_return(users.east, build_return(copy))
    typed = EnteredBallot.objects.filter(entry=started).order_by("seq")
    assert [b.content for b in typed] == [{"struck": [1]}, {"struck": [2]}, {"struck": [4]}]
    assert [u.content for u in UndoneBallot.objects.filter(entry=started)] == [{"struck": [3]}]
    assert merged.removed == 1 and merged.added >= 2
    started.refresh_from_db()
    assert started.status == "finalised"
    assert verify_chain().ok
