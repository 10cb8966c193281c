from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "daihoi.complaints"
    verbose_name = "Đơn thư khiếu nại, tố cáo"
