from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "daihoi.elections"
    verbose_name = "Bầu cử, kiểm phiếu"

    def ready(self):
        # `daihoi audit verify` recomputes the boxes' ballot digests (issue 15.7).
        from daihoi.audit.verify import register_check

        from .ballot_digest import verify_ballots

        register_check(verify_ballots)
