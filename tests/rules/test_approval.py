"""The approval state machine (rules.approval): one test per edge of its diagram, and one
per named refusal."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules import approval as a
from daihoi.rules.approval import Decision, State

ON = dt.date(2025, 7, 1)
DECISION = Decision("123-QĐ/HU", dt.date(2025, 7, 10))


def refused(code, fn, *args, **kw):
    with pytest.raises(a.Refused) as err:
        fn(*args, **kw)
    assert err.value.code == code


def test_edge_not_requested_to_requested():
    assert a.request(State.NOT_REQUESTED, missing_items=[]) == State.REQUESTED


def test_edge_requested_to_approved():
    assert a.approve(State.REQUESTED, DECISION, requested_on=ON) == State.APPROVED


def test_edge_requested_to_refused():
    assert a.refuse(State.REQUESTED, DECISION, "Thiếu biên bản", requested_on=ON) == State.REFUSED


def test_edge_refused_to_requested():
    assert a.request(State.REFUSED, missing_items=[]) == State.REQUESTED


@pytest.mark.parametrize("state", [s for s in State if s != State.ANNULLED])
def test_edge_any_to_annulled(state):
    assert a.annul(state, DECISION, "Vi phạm thủ tục bầu cử") == State.ANNULLED


def test_edge_annulled_to_not_requested():
    assert a.reopen(State.ANNULLED, new_result_published=True) == State.NOT_REQUESTED


def test_reopen_needs_the_new_elections_result():
    refused("no_new_election", a.reopen, State.ANNULLED, new_result_published=False)
    refused("not_annulled", a.reopen, State.APPROVED, new_result_published=True)


def test_request_with_an_incomplete_file_is_refused():
    refused("file_incomplete", a.request, State.NOT_REQUESTED, missing_items=["Nghị quyết"])


@pytest.mark.parametrize(
    "state, code",
    [
        (State.REQUESTED, "already_requested"),
        (State.APPROVED, "already_approved"),
        (State.ANNULLED, "annulled"),
    ],
)
def test_request_from_a_wrong_state_is_refused(state, code):
    refused(code, a.request, state, missing_items=[])


@pytest.mark.parametrize("state", [State.NOT_REQUESTED, State.APPROVED, State.REFUSED])
def test_approve_or_refuse_without_a_pending_request_is_refused(state):
    refused("not_requested", a.approve, state, DECISION, requested_on=ON)
    refused("not_requested", a.refuse, state, DECISION, "x", requested_on=ON)


def test_a_decision_needs_its_number_and_date():
    refused("decision_missing", a.approve, State.REQUESTED, None, requested_on=ON)
    refused("decision_missing", a.approve, State.REQUESTED, Decision(" ", ON), requested_on=ON)


def test_approval_may_leave_out_an_elected_person_with_a_reason():
    kw = dict(requested_on=ON, elected=("An", "Bình"))
    assert a.approve(State.REQUESTED, DECISION, not_recognised=("An",), reason="Kỷ luật", **kw)
    refused("reason_missing", a.approve, State.REQUESTED, DECISION, not_recognised=("An",), **kw)
    refused(
        "not_elected",
        a.approve,
        State.REQUESTED,
        DECISION,
        not_recognised=("Cường",),
        reason="x",
        **kw,
    )


def test_a_decision_cannot_predate_the_request():
    early = Decision("1-QĐ/HU", ON - dt.timedelta(1))
    refused("decided_before_request", a.approve, State.REQUESTED, early, requested_on=ON)


def test_refusal_and_annulment_need_a_reason():
    refused("reason_missing", a.refuse, State.REQUESTED, DECISION, " ", requested_on=ON)
    refused("reason_missing", a.annul, State.APPROVED, DECISION, "")


def test_annulled_is_final():
    refused("already_annulled", a.annul, State.ANNULLED, DECISION, "x")


ACTIONS = st.sampled_from(["request", "approve", "refuse", "annul", "reopen"])


@given(st.lists(ACTIONS, max_size=12))
def test_any_sequence_only_moves_along_the_diagram(actions):
    edges = {
        ("not_requested", "requested"),
        ("refused", "requested"),
        ("requested", "approved"),
        ("requested", "refused"),
        ("annulled", "not_requested"),
    } | {(s.value, "annulled") for s in State if s != State.ANNULLED}
    state = State.NOT_REQUESTED
    for action in actions:
        try:
            if action == "request":
                new = a.request(state, missing_items=[])
            elif action == "approve":
                new = a.approve(state, DECISION, requested_on=ON)
            elif action == "refuse":
                new = a.refuse(state, DECISION, "lý do", requested_on=ON)
            elif action == "reopen":
                new = a.reopen(state, new_result_published=True)
            else:
                new = a.annul(state, DECISION, "vi phạm")
        except a.Refused:
            continue
        assert (state.value, new.value) in edges
        state = new


@pytest.mark.parametrize(
    "sealed, ends",
    [
        (dt.date(2025, 6, 15), dt.date(2025, 12, 15)),
        (dt.date(2025, 8, 31), dt.date(2026, 2, 28)),
        (dt.date(2027, 8, 31), dt.date(2028, 2, 29)),
        (dt.date(2025, 12, 31), dt.date(2026, 6, 30)),
    ],
)
def test_ballots_are_kept_six_months(sealed, ends):
    assert a.keeping_ends(sealed) == ends
