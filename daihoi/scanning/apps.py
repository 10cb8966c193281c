from django.apps import AppConfig


class ScanningConfig(AppConfig):
    name = "daihoi.scanning"
    verbose_name = "Quét phiếu bầu"
