"""Tracking a congress's status: one test per edge of the machine in congresses/tracking.py."""

import datetime as dt

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.congresses import tracking
from daihoi.congresses.services import create_congress
from daihoi.congresses.tracking import TrackingError, allowed_actions, next_status

D = dt.date


# --- the pure machine ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "action", "target"),
    [
        ("planned", "prepare", "prepared"),
        ("planned", "postpone", "postponed"),
        ("prepared", "postpone", "postponed"),
        ("postponed", "postpone", "postponed"),
        ("postponed", "resume", "planned"),
        ("prepared", "open", "in_session"),
        ("prepared", "hold", "held"),
        ("in_session", "hold", "held"),
    ],
)
def test_each_edge_of_the_diagram(current, action, target):
    assert next_status(current, action) == target


@pytest.mark.parametrize(
    ("current", "action"),
    [
        ("held", "postpone"),
        ("held", "prepare"),
        ("planned", "hold"),
        ("planned", "open"),
        ("postponed", "hold"),
        ("in_session", "postpone"),
    ],
)
def test_edges_not_in_the_diagram_are_refused(current, action):
    with pytest.raises(TrackingError) as error:
        next_status(current, action)
    assert error.value.code == "tracking.not_allowed"


def test_held_is_final():
    assert allowed_actions("held") == []


def test_a_postponement_needs_a_reason_and_a_later_date():
    with pytest.raises(TrackingError) as error:
        tracking.check_postponement("  ", None, D(2025, 5, 1))
    assert error.value.code == "tracking.reason_required"
    with pytest.raises(TrackingError) as error:
        tracking.check_postponement("Mưa lũ", D(2025, 4, 30), D(2025, 5, 1))
    assert error.value.code == "tracking.new_date_not_later"


def test_results_only_after_the_congress_is_held():
    with pytest.raises(TrackingError) as error:
        tracking.check_results("prepared", 9, 5)
    assert error.value.code == "tracking.results_before_held"


# --- the audited services --------------------------------------------------------------------


@pytest.fixture
def congress(tree, users):
    return create_congress(
        users.province, tree.east_commune, name="Đại hội Đảng bộ xã Đông Hòa", kind="members"
    )


def test_it_postpones_with_reason_and_new_date_then_resumes_on_that_date(congress, users):
    tracking.schedule_congress(users.east, congress, D(2025, 5, 10), pilot=True)
    c = tracking.postpone_congress(users.east, congress, "Mưa lũ chia cắt", D(2025, 6, 2))
    assert (c.status, c.postponed_reason, c.postponed_to) == (
        "postponed",
        "Mưa lũ chia cắt",
        D(2025, 6, 2),
    )
    c = tracking.resume_congress(users.east, c)
    assert (c.status, c.planned_on, c.postponed_reason) == ("planned", D(2025, 6, 2), "")
    actions = list(
        AuditEntry.objects.filter(object_id=str(congress.pk)).values_list("action", flat=True)
    )
    assert actions[-3:] == ["congress.schedule", "congress.postpone", "congress.resume"]


def test_it_holds_a_prepared_congress_and_records_the_results_reported(congress, users):
    tracking.prepare_congress(users.east, congress)
    c = tracking.hold_congress(users.east, congress, D(2025, 5, 12))
    assert (c.status, c.starts_on, c.ends_on) == ("held", D(2025, 5, 12), D(2025, 5, 12))
    c = tracking.report_results(
        users.east, c, committee_elected=13, delegates_elected=8, reported_on=D(2025, 5, 14)
    )
    assert (c.committee_elected, c.delegates_elected) == (13, 8)
    entry = AuditEntry.objects.filter(action="congress.results").get()
    assert entry.after["committee_elected"] == 13


def test_an_opened_congress_closes_on_the_day_it_is_held(congress, users):
    tracking.prepare_congress(users.east, congress)
    tracking.open_congress(users.east, congress, D(2025, 5, 12))
    c = tracking.hold_congress(users.east, congress, D(2025, 5, 13))
    assert (c.starts_on, c.ends_on) == (D(2025, 5, 12), D(2025, 5, 13))


def test_a_refused_transition_changes_nothing_and_writes_no_audit(congress, users):
    before = AuditEntry.objects.count()
    with pytest.raises(TrackingError):
        tracking.hold_congress(users.east, congress, D(2025, 5, 12))
    congress.refresh_from_db()
    assert congress.status == "planned"
    assert AuditEntry.objects.count() == before


def test_results_are_refused_before_the_congress_is_held(congress, users):
    with pytest.raises(TrackingError) as error:
        tracking.report_results(
            users.east,
            congress,
            committee_elected=9,
            delegates_elected=None,
            reported_on=D(2025, 5, 1),
        )
    assert error.value.code == "tracking.results_before_held"
