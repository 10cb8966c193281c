"""Issue 15.7: a scanned entry's ballots are in the box's digest like typed ones."""

from daihoi.audit.verify import verify_chain
from daihoi.elections import entry
from daihoi.elections.models import BatchEntry, BatchStatus, EnteredBallot
from daihoi.scanning import services
from tests.scanning.conftest import files, struck_page


def test_an_edited_scanned_ballot_is_named_by_box_and_number(batch, counting, fake_reader):
    order = [[5], [4], [], [1, 2]]
    typed = entry.start_entry(counting.op2, batch)
    for struck in order:
        entry.save_ballot(counting.op2, typed, {"struck": struck})
    entry.finalise_entry(counting.op2, typed)
    fake_reader.extend([struck_page(s) for s in order])
    scan = services.process_scan(
        services.create_scan(counting.op1, batch, files(len(order))), files(len(order))
    )
    services.finalise_scan(counting.op1, scan, len(order))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED and verify_chain().ok
    scanned = BatchEntry.objects.get(batch=batch, source="scan")
    EnteredBallot.objects.filter(entry=scanned, seq=3).update(content={"struck": [2]})
    (problem,) = verify_chain().problems
    assert (problem.code, problem.box, problem.ballot) == ("ballot_edited", batch.number, 3)
    assert f"lần nhập {scanned.slot}, phiếu số 3" in problem.message
