"""Double (or triple) entry of a ballot batch, as a pure state machine.

Each batch (ballot box) is entered independently by 2 or 3 different operators.
It counts only when every entry agrees ballot by ballot, or when the team leader
has decided each difference. No Django here: the services feed it plain values,
so it can be tested and fuzzed on its own.

    open ──start──▶ entering ──finalise all──▶ reconciled        (all entries equal)
                       │   ▲                 └─▶ different ──resolve──▶ reconciled
                       │   └──── reopen (leader returns an entry to its operator)
                       └──discard (leader) ── the slot is free again

Refusals carry a stable code (tests assert the code, views map it to a message).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class BatchState(StrEnum):
    OPEN = "open"
    ENTERING = "entering"
    DIFFERENT = "different"
    RECONCILED = "reconciled"


class EntryState(StrEnum):
    IN_PROGRESS = "in_progress"
    FINALISED = "finalised"
    DISCARDED = "discarded"


class EntryError(Exception):
    """A refused transition. `code` is stable; `message` is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


MESSAGES = {
    "batch_reconciled": "Hòm phiếu này đã khớp; không nhập thêm được.",
    "same_operator": "Lần nhập sau phải do người khác thực hiện (nhập độc lập).",
    "slots_full": "Hòm phiếu đã đủ số lần nhập.",
    "entry_not_in_progress": "Lần nhập này đã hoàn tất hoặc đã hủy.",
    "not_your_entry": "Chỉ người đang nhập mới được sửa lần nhập này.",
    "empty_entry": "Chưa nhập phiếu nào.",
    "nothing_to_undo": "Không còn phiếu nào để hoàn tác.",
    "not_different": "Hòm phiếu không có khác biệt cần giải quyết.",
    "unresolved": "Còn phiếu khác nhau chưa được quyết định.",
    "not_leader": "Chỉ tổ trưởng tổ kiểm phiếu mới được quyết định.",
}


def refuse(code: str) -> EntryError:
    return EntryError(code, MESSAGES[code])


@dataclass(frozen=True)
class LiveEntry:
    slot: int
    operator_id: int
    state: EntryState


def next_slot(batch: BatchState, live: Sequence[LiveEntry], operator_id: int, required: int) -> int:
    """The slot a new entry by `operator_id` takes, or a refusal."""
    if batch == BatchState.RECONCILED:
        raise refuse("batch_reconciled")
    current = [e for e in live if e.state != EntryState.DISCARDED]
    if any(e.operator_id == operator_id for e in current):
        raise refuse("same_operator")
    taken = {e.slot for e in current}
    for slot in range(1, required + 1):
        if slot not in taken:
            return slot
    raise refuse("slots_full")


def check_editable(entry: LiveEntry, operator_id: int) -> None:
    if entry.state != EntryState.IN_PROGRESS:
        raise refuse("entry_not_in_progress")
    if entry.operator_id != operator_id:
        raise refuse("not_your_entry")


@dataclass(frozen=True)
class Difference:
    seq: int
    contents: tuple  # one content per entry, in slot order; None where an entry has no such ballot


@dataclass(frozen=True)
class Comparison:
    agreed: bool
    differences: tuple[Difference, ...] = field(default=())
    counts: tuple[int, ...] = field(default=())


def canonical(content: dict | None):
    """Content in a form where equal ballots compare equal (struck order does not matter)."""
    if content is None:
        return None
    if "struck" in content:
        return ("struck", tuple(sorted(content["struck"])))
    if "marks" in content:
        return (
            "marks",
            tuple(sorted((int(k), v) for k, v in content["marks"].items() if v != "none")),
        )
    return ("invalid", content.get("invalid"))


def compare(entries: Sequence[Sequence[dict]]) -> Comparison:
    """Compare finalised entries ballot by ballot (by order within the batch)."""
    longest = max((len(e) for e in entries), default=0)
    differences = []
    for i in range(longest):
        contents = tuple(e[i] if i < len(e) else None for e in entries)
        if len({canonical(c) for c in contents}) > 1:
            differences.append(Difference(seq=i + 1, contents=contents))
    return Comparison(not differences, tuple(differences), tuple(len(e) for e in entries))


def state_after_finalise(
    finalised_count: int, required: int, comparison: Comparison | None
) -> BatchState:
    if finalised_count < required:
        return BatchState.ENTERING
    assert comparison is not None
    return BatchState.RECONCILED if comparison.agreed else BatchState.DIFFERENT
