"""Nomination steps: more than half of the base passes, and the list is carried on."""

import pytest

from daihoi.rules.nomination import (
    carried_list,
    check_step,
    decide_step,
    default_steps,
    votes_needed,
)


@pytest.mark.parametrize(("base", "needed"), [(11, 6), (10, 6), (1, 1), (2, 2), (45, 23)])
def test_more_than_half_of_the_base(base, needed):
    assert votes_needed(base) == needed


def test_it_decides_a_step_and_carries_the_passed_on():
    result = decide_step({"a": 6, "b": 5, "c": 10}, base=11)
    assert [r.key for r in result.rows] == ["c", "a", "b"]
    assert result.passed == ["c", "a"]
    assert result.rows[1].percent == 54.55
    assert carried_list(result, ["a", "b", "c"]) == ["a", "c"]
    assert carried_list(None, ["a", "b"]) == ["a", "b"]


def test_it_refuses_impossible_figures():
    findings = check_step({"a": 12}, base=11, present=12, names={"a": "An"})
    assert [f.code for f in findings] == ["step_present_over_base"]
    findings = check_step({"a": 12}, base=20, present=11, names={"a": "An"})
    assert [(f.code, f.subject) for f in findings] == [("step_votes_over_present", "An")]
    with pytest.raises(ValueError):
        decide_step({}, base=0)


def test_default_steps_differ_for_first_time_and_re_election():
    assert len(default_steps("first_time")) == 5
    assert len(default_steps("re_election")) == 3
