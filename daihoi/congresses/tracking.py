"""Tracking every congress of a term: its status, postponements, and the results reported upward.

The machine (its functions are pure: no database, no Django), one name per edge:

    planned ──prepare──▶ prepared ──open──▶ in_session ──hold──▶ held
       ▲                    │  └───────────────hold────────────────▲
       │                    │
     resume             postpone
       │                    ▼
       └────────────── postponed ◀──postpone── planned
                         │   ▲
                         └───┘ postpone again (a new date)

`held` is final. A postponement needs a reason, and its new date (when given)
must come after the planned one. Results (committee and delegates elected,
the date they were reported to the higher committee) are recorded only for a
held congress. Tests are named after the edges (tests/congresses/test_tracking*).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from daihoi.audit.services import record

from .bottom_up import LateException, exception_problem, pending_subordinates, refusal_message
from .models import Congress

PLANNED, PREPARED, IN_SESSION, HELD, POSTPONED = (
    "planned",
    "prepared",
    "in_session",
    "held",
    "postponed",
)

EDGES: dict[str, tuple[frozenset[str], str]] = {
    "prepare": (frozenset({PLANNED}), PREPARED),
    "postpone": (frozenset({PLANNED, PREPARED, POSTPONED}), POSTPONED),
    "resume": (frozenset({POSTPONED}), PLANNED),
    "open": (frozenset({PREPARED}), IN_SESSION),
    "hold": (frozenset({PREPARED, IN_SESSION}), HELD),
}


@dataclass
class TrackingError(Exception):
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def next_status(current: str, action: str) -> str:
    if action not in EDGES:
        raise TrackingError("tracking.unknown_action", f"Không có thao tác “{action}”.")
    sources, target = EDGES[action]
    if current not in sources:
        raise TrackingError(
            "tracking.not_allowed",
            f"Không thể “{action}” một đại hội đang ở trạng thái “{current}”.",
        )
    return target


def allowed_actions(current: str) -> list[str]:
    return [action for action, (sources, _) in EDGES.items() if current in sources]


def check_postponement(reason: str, new_date: dt.date | None, planned_on: dt.date | None) -> None:
    if not reason.strip():
        raise TrackingError("tracking.reason_required", "Hoãn đại hội phải ghi rõ lý do.")
    if new_date and planned_on and new_date <= planned_on:
        raise TrackingError(
            "tracking.new_date_not_later", "Ngày tổ chức mới phải sau ngày dự kiến trước đó."
        )


def check_results(status: str, committee_elected: int | None, delegates_elected: int | None):
    if status != HELD:
        raise TrackingError(
            "tracking.results_before_held", "Chỉ báo cáo kết quả khi đại hội đã tổ chức."
        )
    if any(n is not None and n < 0 for n in (committee_elected, delegates_elected)):
        raise TrackingError("tracking.negative", "Số lượng không được âm.")


# --- Services: atomic, audited --------------------------------------------------------------

TRACKED_FIELDS = [
    "status",
    "pilot",
    "planned_on",
    "starts_on",
    "ends_on",
    "postponed_reason",
    "postponed_to",
    "documents_received_on",
    "results_reported_on",
    "committee_elected",
    "delegates_elected",
]

Check = Callable[[Congress], dict | None]


@transaction.atomic
def _change(actor, congress: Congress, action: str, fields: dict, check: Check | None = None):
    """Lock the row; ``check`` may refuse (TrackingError) or add fields; save and audit."""
    locked = Congress.objects.select_for_update().get(pk=congress.pk)
    fields = {**fields, **((check(locked) if check else None) or {})}
    extra = {k: fields.pop(k) for k in list(fields) if k not in TRACKED_FIELDS}
    before = {f: getattr(locked, f) for f in TRACKED_FIELDS}
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save(update_fields=list(fields))
    changed = {f: getattr(locked, f) for f in TRACKED_FIELDS if getattr(locked, f) != before[f]}
    record(
        actor, f"congress.{action}", locked, summary=locked.name, before=before,
        after={**changed, **extra},
    )  # fmt: skip
    return locked


def _move(actor, congress: Congress, action: str, fields: dict, check: Check | None = None):
    def guard(locked: Congress) -> dict:
        status = next_status(locked.status, action)
        return {**((check(locked) if check else None) or {}), "status": status}

    return _change(actor, congress, action, fields, guard)


def schedule_congress(actor, congress: Congress, planned_on: dt.date, pilot: bool | None = None):
    """Set the planned date (and the pilot flag) of a congress not yet held."""

    def check(locked: Congress) -> None:
        if locked.status == HELD:
            raise TrackingError("tracking.already_held", "Đại hội đã tổ chức.")

    fields = {"planned_on": planned_on} | ({} if pilot is None else {"pilot": pilot})
    return _change(actor, congress, "schedule", fields, check)


def prepare_congress(actor, congress: Congress) -> Congress:
    return _move(actor, congress, "prepare", {})


def postpone_congress(actor, congress: Congress, reason: str, postponed_to: dt.date | None):
    def check(locked: Congress) -> None:
        check_postponement(reason, postponed_to, locked.postponed_to or locked.planned_on)

    fields = {"postponed_reason": reason.strip(), "postponed_to": postponed_to}
    return _move(actor, congress, "postpone", fields, check)


def resume_congress(actor, congress: Congress) -> Congress:
    """Back to planned, on the date the postponement gave (its reason stays in the audit log)."""

    def check(locked: Congress) -> dict:
        return {"planned_on": locked.postponed_to or locked.planned_on}

    return _move(actor, congress, "resume", {"postponed_reason": "", "postponed_to": None}, check)


def open_congress(actor, congress: Congress, on: dt.date) -> Congress:
    return _move(actor, congress, "open", {"starts_on": on})


def hold_congress(
    actor, congress: Congress, held_on: dt.date, exception: LateException | None = None
) -> Congress:
    """Held: a congress that was opened closes on ``held_on``; otherwise it was held that day.

    Bottom-up (congresses.bottom_up): refused while subordinate congresses of the term
    are not held, unless ``exception`` carries the higher committee's decision; the
    decision and the list of late units go into the audit entry of this change.
    """

    def check(locked: Congress) -> dict:
        pending = pending_subordinates(locked)
        if pending and exception_problem(exception):
            raise TrackingError("tracking.subordinates_not_held", refusal_message(pending))
        late = {}
        if pending:
            late = {"late_exception": {**exception.as_record(), "pending": [c.pk for c in pending]}}
        if locked.status == IN_SESSION:
            return {"ends_on": held_on, **late}
        return {"starts_on": held_on, "ends_on": held_on, **late}

    return _move(actor, congress, "hold", {}, check)


def record_documents(actor, congress: Congress, received_on: dt.date) -> Congress:
    """The date the higher committee received the congress's file (documents, minutes)."""
    return _change(actor, congress, "documents", {"documents_received_on": received_on})


def report_results(
    actor,
    congress: Congress,
    *,
    committee_elected: int | None,
    delegates_elected: int | None,
    reported_on: dt.date,
) -> Congress:
    def check(locked: Congress) -> None:
        check_results(locked.status, committee_elected, delegates_elected)

    fields = {
        "committee_elected": committee_elected,
        "delegates_elected": delegates_elected,
        "results_reported_on": reported_on,
    }
    return _change(actor, congress, "results", fields, check)
