"""Read-only links for the hall's projector (màn hình hội trường).

The projector PC should not hold an organiser's session: a link carries a random token,
only its SHA-256 is stored, it shows one election's progress and, once published, its
result, and an organiser revokes it with one click. Imported by models.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScreenLink(models.Model):
    election = models.ForeignKey(
        "elections.Election", on_delete=models.CASCADE, related_name="screen_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("ghi chú"), max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đường dẫn màn hình hội trường")

    def __str__(self) -> str:
        return f"{self.election} — {self.label or self.pk}"
