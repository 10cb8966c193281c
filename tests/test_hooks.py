"""The questions a lower wing asks a higher one (daihoi/hooks.py) are answered at start-up."""

import pytest

from daihoi.delegates import elected_source
from daihoi.hooks import Hook, Unanswered
from daihoi.organizations.restructure import concerns
from daihoi.people import transfer_hooks
from daihoi.preparation import vote_hooks

DECLARED = [
    transfer_hooks.official_transfer,
    transfer_hooks.attachment,
    concerns.congresses_concerned,
    concerns.delegates_concerned,
    elected_source.elected_rounds,
    vote_hooks.record_open_vote,
]


@pytest.mark.parametrize("hook", DECLARED, ids=lambda hook: hook.name)
def test_it_answers_every_declared_question(hook):
    assert hook.answer is not None


def test_an_unanswered_question_fails_loudly():
    with pytest.raises(Unanswered, match="nobody.asks"):
        Hook("nobody.asks")(1)


def test_it_refuses_a_second_answer_to_the_same_question():
    hook = Hook("one.answer")

    def first():
        return 1

    def second():
        return 2

    hook.answer_with(first)
    hook.answer_with(first)  # the same answer again (ready() run twice) is harmless
    with pytest.raises(ValueError, match="already answered"):
        hook.answer_with(second)
    assert hook() == 1
