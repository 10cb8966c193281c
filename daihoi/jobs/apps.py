from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "daihoi.jobs"
    verbose_name = "Công việc chạy nền"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .cachetable import create_cache_tables

        post_migrate.connect(create_cache_tables, sender=self)
