"""The approval (chuẩn y) of a congress's election results by the competent higher committee.

QĐ 190-QĐ/TW 2024, Điều 2: "kết quả bầu cử … phải được cấp ủy có thẩm quyền chuẩn y theo
quy định" (the same principle in QĐ 244-QĐ/TW 2014, Điều 2).
The 2014 text carries the same complaint window, annulment and 6-month keeping rules in its
chapter on breaches; their 2014 article numbers were not verified here, and no rule below
differs between the versions, so none takes the version as a parameter. Điều 33.1: complaints about an
election within 15 working days of the congress's closing go to the higher committee's
inspection committee; Điều 33.2: on a breach of principle or procedure the higher committee
annuls (bãi bỏ) the result and directs a new election, and may refuse to approve a person
who does not meet the standards. Điều 35: ballots sealed and kept 6 months.

Diagram (edges are the tests' names, tests/rules/test_approval.py):

    not_requested --request--> requested --approve--> approved
                                   |  ^
                            refuse |  | request (again, with the file amended)
                                   v  |
                                 refused
    any state except annulled --annul--> annulled   (Điều 33.2)
    annulled --reopen--> not_requested   (once the new election's result is published)
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

COMPLAINT_WINDOW_WORKING_DAYS = 15  # QĐ 190-QĐ/TW 2024 Điều 33.1
BALLOT_KEEPING_MONTHS = 6  # QĐ 190-QĐ/TW 2024 Điều 35


class State(StrEnum):
    NOT_REQUESTED = "not_requested"
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"
    ANNULLED = "annulled"


class Refused(Exception):
    """A transition the machine does not allow; `code` is stable, tests assert it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Decision:
    number: str
    on: dt.date


def _need_decision(decision: Decision | None, not_before: dt.date | None) -> None:
    if decision is None or not decision.number.strip() or decision.on is None:
        raise Refused("decision_missing", "Cần số và ngày của quyết định.")
    if not_before and decision.on < not_before:
        raise Refused(
            "decided_before_request",
            f"Ngày quyết định {decision.on:%d/%m/%Y} trước ngày đề nghị {not_before:%d/%m/%Y}.",
        )


def request(state: State, *, missing_items: list[str]) -> State:
    """The convening committee sends the results with the congress file for approval."""
    if state == State.ANNULLED:
        raise Refused("annulled", "Kết quả bầu cử đã bị bãi bỏ; cần bầu cử lại.")
    if state == State.REQUESTED:
        raise Refused("already_requested", "Đã đề nghị chuẩn y, đang chờ cấp trên.")
    if state == State.APPROVED:
        raise Refused("already_approved", "Kết quả đã được chuẩn y.")
    if missing_items:
        raise Refused(
            "file_incomplete", "Hồ sơ đại hội còn thiếu: " + "; ".join(missing_items) + "."
        )
    return State.REQUESTED


def approve(
    state: State,
    decision: Decision | None,
    *,
    requested_on: dt.date | None,
    not_recognised: tuple[str, ...] = (),
    elected: tuple[str, ...] = (),
    reason: str = "",
) -> State:
    """The higher committee approves (chuẩn y) with a decision number and date.

    Điều 33.2: it may decline to recognise an elected person who does not meet the
    standards (không chuẩn y công nhận); the rest of the result is approved, and the
    reason is required."""
    if state != State.REQUESTED:
        raise Refused("not_requested", "Chỉ chuẩn y khi đã có đề nghị đang chờ.")
    _need_decision(decision, requested_on)
    strangers = [n for n in not_recognised if n not in elected]
    if strangers:
        raise Refused("not_elected", f"{', '.join(strangers)}: không có trong danh sách trúng cử.")
    if not_recognised and not reason.strip():
        raise Refused("reason_missing", "Cần nêu lý do không chuẩn y công nhận cấp ủy viên.")
    return State.APPROVED


def refuse(
    state: State, decision: Decision | None, reason: str, *, requested_on: dt.date | None
) -> State:
    """The higher committee declines to approve, giving its reason; the file may be amended
    and sent again."""
    if state != State.REQUESTED:
        raise Refused("not_requested", "Chỉ từ chối khi đã có đề nghị đang chờ.")
    _need_decision(decision, requested_on)
    if not reason.strip():
        raise Refused("reason_missing", "Cần nêu lý do không chuẩn y.")
    return State.REFUSED


def annul(state: State, decision: Decision | None, reason: str) -> State:
    """QĐ 190-QĐ/TW 2024 Điều 33.2: the higher committee annuls the result (bãi bỏ)."""
    if state == State.ANNULLED:
        raise Refused("already_annulled", "Kết quả bầu cử đã bị bãi bỏ.")
    _need_decision(decision, None)
    if not reason.strip():
        raise Refused("reason_missing", "Cần nêu vi phạm làm căn cứ bãi bỏ.")
    return State.ANNULLED


def reopen(state: State, *, new_result_published: bool) -> State:
    """QĐ 190-QĐ/TW 2024 Điều 33.2 ("chỉ đạo đại hội … tiến hành bầu cử lại"): after an
    annulment the new election's published result is sent for approval afresh."""
    if state != State.ANNULLED:
        raise Refused("not_annulled", "Chỉ mở lại khi kết quả bầu cử đã bị bãi bỏ.")
    if not new_result_published:
        raise Refused("no_new_election", "Chưa công bố kết quả cuộc bầu cử lại.")
    return State.NOT_REQUESTED


def keeping_ends(sealed_on: dt.date) -> dt.date:
    """QĐ 190-QĐ/TW 2024 Điều 35: the last day of the 6 months ballots are kept."""
    month = sealed_on.month - 1 + BALLOT_KEEPING_MONTHS
    year, month = sealed_on.year + month // 12, month % 12 + 1
    for day in (sealed_on.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
