"""Writes the JSON API needs beyond `entry`. Atomic, and audited through the services they wrap."""

from django.db import transaction

from . import entry
from . import entry_machine as machine
from .models import BallotBatch, BatchEntry


@transaction.atomic
def finalise_counted_entry(actor, entry_obj: BatchEntry, paper_count: int) -> BallotBatch:
    """Finalise an entry only if the ballots counted on paper equal the ballots typed.

    The entry page asks for the same count. Here it is checked under the entry's row
    lock, in the finalising transaction, so a save arriving from another tab cannot
    slip in between the check and the finalising (audited by `entry.finalise_entry`).
    """
    locked = BatchEntry.objects.select_for_update().get(pk=entry_obj.pk)
    state = machine.EntryState(locked.status)
    machine.check_editable(machine.LiveEntry(locked.slot, locked.operator_id, state), actor.pk)
    typed = locked.ballots.count()
    if paper_count != typed:
        raise machine.EntryError(
            "count_mismatch",
            f"Đã nhập {typed} phiếu: số phiếu đếm trên giấy ({paper_count}) phải bằng số đó.",
        )
    return entry.finalise_entry(actor, locked)
