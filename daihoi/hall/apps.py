from django.apps import AppConfig


class HallConfig(AppConfig):
    name = "daihoi.hall"
    verbose_name = "Hội trường không có mạng"
