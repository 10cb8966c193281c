from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "daihoi.reports"
    verbose_name = "Báo cáo, thống kê"
