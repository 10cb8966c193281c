from django.apps import AppConfig


class CongressesConfig(AppConfig):
    name = "daihoi.congresses"
    verbose_name = "Đại hội"

    def ready(self):
        # The registry (a wing below) asks this wing through hooks (daihoi/hooks.py):
        # transfers move the base of open members' congresses; a restructuring's preview
        # lists the congresses and delegates it concerns.
        from daihoi.organizations.restructure import concerns
        from daihoi.people import transfer_hooks

        from . import member_base, restructure_concerns

        transfer_hooks.official_transfer.answer_with(member_base.on_official_transfer)
        transfer_hooks.attachment.answer_with(member_base.on_attachment)
        concerns.congresses_concerned.answer_with(restructure_concerns.congresses_concerned)
        concerns.delegates_concerned.answer_with(restructure_concerns.delegates_concerned)
