from django.apps import AppConfig


class GradingConfig(AppConfig):
    name = "daihoi.grading"
    verbose_name = "Kiểm điểm, xếp loại chất lượng"
