"""Attendance: the organisers' two-thirds line (practice) and the base for elections (rule)."""

import pytest

from daihoi.rules.quorum import Attendance, Line, base, status, threshold


@pytest.mark.parametrize(
    ("summoned", "needed"),
    [(300, 201), (350, 234), (3, 3), (4, 3), (1, 1), (0, 1)],
)
def test_the_line_is_more_than_two_thirds(summoned, needed):
    # 2/3 of 300 is exactly 200: more than that is 201. 2/3 of 350 is 233.3: 234.
    assert threshold(summoned) == needed


def test_the_line_is_reached_at_the_threshold_not_before():
    assert status(Attendance(300, 200)).reached is False
    assert status(Attendance(300, 201)).reached is True
    assert status(Attendance(300, 200)).missing == 1


def test_the_line_can_be_switched_off_and_then_says_nothing():
    s = status(Attendance(300, 10), Line(enabled=False))
    assert s.threshold is None and s.reached is None and s.missing == 0


def test_the_base_takes_out_absent_committee_members_and_absentees_without_an_alternate():
    att = Attendance(350, 340, committee_absent=2, absent_without_alternate=3)
    assert base(att) == 345
    assert status(att).majority == 173  # more than half of 345


def test_an_empty_roster_has_no_base():
    assert base(Attendance(0, 0)) == 0
    assert status(Attendance(0, 0)).majority == 0


def test_a_line_must_be_a_fraction_below_one():
    with pytest.raises(ValueError):
        Line(numerator=3, denominator=3)


def test_present_cannot_exceed_summoned():
    with pytest.raises(ValueError):
        status(Attendance(10, 11))
