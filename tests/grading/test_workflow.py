"""The unit's steps as a pure state machine: one test per edge of the diagram in workflow.py."""

import pytest

from daihoi.grading.workflow import Step, StepError, allowed, editable, steps_filled_by, transition


@pytest.mark.parametrize(
    ("status", "action", "higher", "target"),
    [
        ("not_started", "self_review", False, Step.SELF_REVIEWED),
        ("returned", "self_review", False, Step.SELF_REVIEWED),
        ("self_reviewed", "comment", False, Step.COMMENTED),
        ("not_started", "propose", False, Step.PROPOSED),
        ("commented", "propose", False, Step.PROPOSED),
        ("proposed", "propose", False, Step.PROPOSED),
        ("returned", "propose", False, Step.PROPOSED),
        ("proposed", "decide", True, Step.DECIDED),
        ("decided", "publish", False, Step.PUBLISHED),
        ("proposed", "return", True, Step.RETURNED),
        ("decided", "return", True, Step.RETURNED),
        ("published", "return", True, Step.RETURNED),
    ],
)
def test_each_edge(status, action, higher, target):
    assert transition(status, action, higher_level=higher, reason="lý do đủ dài") is target


@pytest.mark.parametrize(
    ("status", "action", "higher", "code"),
    [
        ("not_started", "comment", False, "wrong_step"),
        ("commented", "decide", True, "wrong_step"),
        ("decided", "propose", False, "wrong_step"),
        ("published", "publish", False, "wrong_step"),
        ("proposed", "decide", False, "needs_higher_level"),
        ("proposed", "return", False, "needs_higher_level"),
        ("proposed", "fly", True, "unknown_action"),
    ],
)
def test_each_refusal_has_its_code(status, action, higher, code):
    with pytest.raises(StepError) as error:
        transition(status, action, higher_level=higher, reason="x")
    assert error.value.code == code and error.value.message


def test_review_again_needs_a_reason():
    with pytest.raises(StepError) as error:
        transition("decided", "return", higher_level=True, reason="  ")
    assert error.value.code == "reason_required"


def test_what_a_user_may_do_now():
    assert [a.name for a in allowed("proposed", higher_level=False)] == []
    assert [a.name for a in allowed("proposed", higher_level=True)] == ["decide", "return"]
    assert [a.name for a in allowed("not_started", higher_level=False)] == ["self_review"]


def test_grades_change_only_while_the_review_is_open_and_a_proposal_dates_earlier_steps():
    assert editable("returned") and editable("proposed") and not editable("decided")
    assert steps_filled_by(Step.PROPOSED) == [Step.SELF_REVIEWED, Step.COMMENTED]
