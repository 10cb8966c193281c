"""The paperless delegate portal: sign-in (password or one-time link), seats, announcements."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PortalAccount(models.Model):
    """A delegate's portal password (hashed as Django hashes users' passwords)."""

    delegate = models.OneToOneField(
        "delegates.Delegate", on_delete=models.CASCADE, related_name="portal_account"
    )
    password = models.CharField(max_length=128, blank=True)
    password_set_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.delegate)


class PortalLink(models.Model):
    """A one-time sign-in link; only the SHA-256 of its token is kept."""

    delegate = models.ForeignKey(
        "delegates.Delegate", on_delete=models.CASCADE, related_name="portal_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.delegate} ({self.created_at:%d/%m/%Y})"


class Seat(models.Model):
    congress = models.ForeignKey("congresses.Congress", on_delete=models.CASCADE, related_name="+")
    delegate = models.OneToOneField(
        "delegates.Delegate", on_delete=models.CASCADE, related_name="seat"
    )
    block = models.CharField(_("khu"), max_length=20)
    row = models.PositiveSmallIntegerField(_("hàng"))
    number = models.PositiveSmallIntegerField(_("ghế số"))

    class Meta:
        ordering = ["congress", "block", "row", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "block", "row", "number"], name="prep_seat_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Khu {self.block}, hàng {self.row}, ghế {self.number}"


class Announcement(models.Model):
    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.CASCADE, related_name="announcements"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    text = models.TextField(_("nội dung"))
    pinned = models.BooleanField(_("ghim lên đầu"), default=False)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-pinned", "-published_at"]

    def __str__(self) -> str:
        return self.title
