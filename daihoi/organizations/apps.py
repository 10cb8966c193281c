from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "daihoi.organizations"
    verbose_name = "Tổ chức đảng"

    def ready(self) -> None:
        # Registers daihoi_fold() on every new SQLite connection (accent-insensitive search).
        from daihoi import dbfold  # noqa: F401
