"""Check-in at the door: the count, the base elections use, alternates, retries and refusals."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.delegates import attendance, credentials, roster
from daihoi.delegates.models import CheckIn, ScanOutcome


def refreshed(congress):
    congress.refresh_from_db()
    return congress


def test_it_checks_in_by_typed_number_and_by_card_token(congress, hall, users):
    first = attendance.check_in(users.province, congress, f"{hall.chief.number:03d}")
    second = attendance.check_in(users.province, congress, roster.qr_payload(hall.east[0]))
    assert first.outcome == second.outcome == ScanOutcome.CHECKED_IN
    assert second.delegate == hall.east[0]
    c = refreshed(congress)
    assert (c.summoned, c.present) == (7, 2)  # the probationary delegate is summoned until refused
    assert AuditEntry.objects.filter(action="delegate.check_in").count() == 2


def test_a_second_scan_of_the_same_card_is_not_counted_twice(congress, hall, users):
    attendance.check_in(users.province, congress, str(hall.chief.number))
    again = attendance.check_in(users.province, congress, str(hall.chief.number))
    assert again.outcome == ScanOutcome.ALREADY
    assert refreshed(congress).present == 1


def test_a_retried_request_with_the_same_nonce_is_answered_from_the_first(congress, hall, users):
    attendance.check_in(users.province, congress, str(hall.chief.number), nonce="n-1")
    retry = attendance.check_in(users.province, congress, str(hall.chief.number), nonce="n-1")
    assert retry.outcome == ScanOutcome.CHECKED_IN
    assert CheckIn.objects.filter(nonce="n-1").count() == 1
    assert refreshed(congress).present == 1


def test_an_unknown_card_is_refused_and_the_refusal_kept(congress, hall, users):
    result = attendance.check_in(users.province, congress, "999")
    assert result.outcome == ScanOutcome.UNKNOWN and result.delegate is None
    assert CheckIn.objects.filter(outcome=ScanOutcome.UNKNOWN, raw="999").exists()


def test_the_line_is_reached_when_more_than_two_thirds_are_present(congress, hall, users):
    officials = [hall.chief, hall.deputy, *hall.east, *hall.west]  # 6 of 7 summoned
    for delegate in officials[:4]:
        status = attendance.check_in(users.province, congress, str(delegate.number)).status
    assert (status.present, status.threshold, status.reached) == (4, 5, False)
    status = attendance.check_in(users.province, congress, str(officials[4].number)).status
    assert status.reached is True


def test_absences_take_the_right_exclusion_and_an_alternate_fills_the_seat(congress, hall, users):
    attendance.mark_absent(users.province, hall.chief, "Đi công tác được Thường trực đồng ý")
    attendance.mark_absent(users.province, hall.east[0], "Ốm")
    c = refreshed(congress)
    assert (c.excluded_committee_absent, c.excluded_delegates_absent_no_alternate) == (1, 1)
    assert attendance.status(c).base == 7 - 2
    attendance.check_in(users.province, congress, str(hall.alternate.number))
    assert roster.next_alternate(hall.east[0]) == hall.alternate
    roster.seat_alternate(users.province, hall.east[0], hall.alternate)
    c = refreshed(congress)
    assert (c.summoned, c.present, c.excluded_delegates_absent_no_alternate) == (7, 1, 0)
    assert attendance.status(c).base == 6


def test_an_alternate_cannot_replace_an_ex_officio_delegate(congress, hall, users):
    attendance.mark_absent(users.province, hall.chief, "")
    with pytest.raises(roster.RosterError) as error:
        roster.seat_alternate(users.province, hall.chief, hall.alternate)
    assert error.value.code == "roster.not_replaceable"


def test_a_refused_delegate_is_not_summoned_and_cannot_check_in(congress, hall, users):
    credentials.decide(users.province, hall.probationary, accepted=False, note="Đảng viên dự bị")
    assert refreshed(congress).summoned == 6
    result = attendance.check_in(users.province, congress, str(hall.probationary.number))
    assert result.outcome == ScanOutcome.NOT_SUMMONED


def test_the_base_elections_use_is_the_one_check_in_wrote(congress, hall, users):
    from daihoi.rules.tally import base_for_delegates_congress

    attendance.mark_absent(users.province, hall.west[0], "")
    c = refreshed(congress)
    assert (
        base_for_delegates_congress(
            c.summoned,
            convening_committee_absent=c.excluded_committee_absent,
            absent_without_alternate=c.excluded_delegates_absent_no_alternate,
        )
        == attendance.status(c).base
        == 6
    )
