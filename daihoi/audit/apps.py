from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "daihoi.audit"
    verbose_name = "Nhật ký kiểm toán"
