from django.apps import AppConfig


class PreparationConfig(AppConfig):
    name = "daihoi.preparation"
    verbose_name = "Chuẩn bị đại hội"
