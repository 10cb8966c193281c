from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "daihoi.people"
    verbose_name = "Đảng viên, cán bộ"
