"""The JSON shapes of the elections API (request bodies and answers), apart from its views.

Their class names are the OpenAPI schema's component names: renaming one changes the
published contract (README, "Elections API").
"""

import datetime as dt
from typing import Literal

from django.db.models import Count, Q
from ninja import Field, Schema


class ErrorOut(Schema):
    code: str
    message: str


class BallotLineOut(Schema):
    position: int
    name: str


class ElectionOut(Schema):
    id: int
    title: str
    kind: str
    seats: int
    alternates: int
    round: int
    status: str
    entries_required: int
    list_locked: bool
    form: Literal["struck", "marks"] | None
    candidates: list[BallotLineOut]


class CandidateOut(Schema):
    position: int
    full_name: str
    family_name: str
    middle_name: str
    given_name: str
    nominated_by: str


class BatchProgressOut(Schema):
    number: int
    status: str
    team: str = Field(alias="team__name")


class ProgressOut(Schema):
    batches: list[BatchProgressOut]
    reconciled: int
    total: int
    ballots_counted: int
    complete: bool


class ElectionInfoOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    seats: int
    alternates: int
    round: int
    rules: str
    rules_label: str
    congress: str
    organization: str
    convening_committee: str


class CandidateResultOut(Schema):
    position: int
    name: str
    votes: int
    percent_of_base: float
    percent_of_valid: float
    elected: bool
    alternate: bool


class ResultOut(Schema):
    election: ElectionInfoOut
    summoned: int
    present: int
    base: int
    base_explanation: list[tuple[str, int]]
    issued: int | None
    collected: int
    valid: int
    invalid: int
    invalid_by_reason: dict[str, int]
    invalid_reason_labels: dict[str, str]
    candidates: list[CandidateResultOut]
    elected: list[str]
    alternates_elected: list[str]
    tied_for_last_seat: list[str]
    seats_unfilled: int
    rule_citation: str
    published: bool
    published_at: dt.datetime | None = None
    audit_head: str | None = None


class ExportOut(Schema):
    rules: str
    congress: str
    seats: int
    base: int
    candidates: list[str]
    ballots: list[dict]


class BallotIn(Schema):
    """One ballot in the `daihoi count` form: exactly one key. `struck`: the positions
    struck through (list with surplus); `marks`: position → agree/disagree/both/none
    (list without surplus); `invalid`: not_issued, written_in or signed_or_marked.
    A body not of this shape (unknown key, wrong type: `true` or `"1"` is not a position)
    gets 422 `{"code": "invalid_input", "message", "detail"}`; a body not sent as
    application/json gets 415."""

    # A stray key is refused, never silently dropped; strict: `true` or "1" is not position 1.
    model_config = {"extra": "forbid", "strict": True}
    struck: list[int] | None = None
    marks: dict[str, str] | None = None
    invalid: str | None = None


class CountsOut(Schema):
    total: int
    valid: int
    invalid: int


class EntryOut(Schema):
    entry_id: int = Field(alias="pk")
    batch_id: int
    slot: int
    status: str
    counts: CountsOut

    @staticmethod
    def resolve_counts(obj) -> dict:
        return entry_counts(obj)


class BallotUndoneOut(Schema):
    seq: int
    counts: CountsOut


class BallotSavedOut(BallotUndoneOut):
    valid: bool
    reason: str


class FinaliseIn(Schema):
    model_config = {"strict": True}  # "12" or true is not a count of ballots
    count: int


class FinalisedOut(Schema):
    entry_id: int
    slot: int
    batch_id: int
    batch_status: str  # entering, different or reconciled


class ReadingOut(Schema):
    slot: int
    content: dict | None


class DifferenceOut(Schema):
    seq: int
    readings: list[ReadingOut]


class LiveEntryOut(Schema):
    entry_id: int = Field(alias="pk")
    slot: int
    operator: str = Field(alias="operator.username")
    status: str
    ballots: int = Field(alias="n")  # annotated: Count("ballots")


class DifferencesOut(Schema):
    batch_id: int
    number: int
    status: str
    leader: bool
    entries: list[LiveEntryOut]
    differences: list[DifferenceOut]


def entry_counts(entry_obj) -> dict:
    """Ballots typed in an entry: total, valid, invalid (one aggregate query)."""
    counts = entry_obj.ballots.aggregate(total=Count("id"), valid=Count("id", filter=Q(valid=True)))
    return {**counts, "invalid": counts["total"] - counts["valid"]}
