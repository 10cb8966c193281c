from django.apps import AppConfig


class DelegatesConfig(AppConfig):
    name = "daihoi.delegates"
    verbose_name = "Đại biểu"
