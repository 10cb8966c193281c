from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "daihoi.elections"
    verbose_name = "Bầu cử, kiểm phiếu"

    def ready(self):
        # `daihoi audit verify` recomputes the boxes' ballot digests (issue 15.7).
        from daihoi.audit.verify import register_check

        from .ballot_digest import verify_ballots

        register_check(verify_ballots)

        # The congress wing (below) asks this one through hooks (daihoi/hooks.py): the roster
        # imports what a lower congress elected; the programme records its show-of-hands votes.
        from daihoi.delegates import elected_source
        from daihoi.preparation import vote_hooks

        from .delegate_seats import elected_rounds
        from .lists import record_show_of_hands

        elected_source.elected_rounds.answer_with(elected_rounds)
        vote_hooks.record_open_vote.answer_with(record_show_of_hands)
