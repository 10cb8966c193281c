from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "daihoi.approvals"
    verbose_name = "Chuẩn y, hồ sơ đại hội"
