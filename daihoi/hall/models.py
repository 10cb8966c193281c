"""The server's record of the packages it issued, and the hall's record of the one it loaded."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HallPackage(models.Model):
    """A package issued for a congress (server side). `file` is the package as issued: its
    rows are the server's state at export, compared with the server's state at return."""

    package_id = models.UUIDField(unique=True)
    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="hall_packages"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    state_digest = models.CharField(max_length=64)
    file = models.BinaryField()
    returned_at = models.DateTimeField(null=True, blank=True)
    return_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("gói hội trường")
        verbose_name_plural = _("gói hội trường")

    def __str__(self) -> str:
        return f"{self.package_id} ({self.congress})"


class HallImport(models.Model):
    """A package loaded on the hall's machine: the key to sign the return, the map of the
    server's primary keys to this database's, and where the hall's audit entries start."""

    package_id = models.UUIDField(unique=True)
    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="hall_imports"
    )
    key = models.CharField(max_length=32)
    ids = models.JSONField(help_text="{model label: {server pk: local pk}}")
    imported_at = models.DateTimeField()
    chain_start_seq = models.PositiveBigIntegerField()
    chain_start_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.package_id} → {self.congress}"
