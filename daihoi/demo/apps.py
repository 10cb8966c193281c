from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo province generator (`daihoi demo`): synthetic, seeded, no real person's data."""

    name = "daihoi.demo"
    verbose_name = "Dữ liệu mẫu"
