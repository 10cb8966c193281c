from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "daihoi.accounts"
    verbose_name = "Người dùng"
