from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "daihoi.accounts"
    verbose_name = "Người dùng"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="daihoi-idle-session")
