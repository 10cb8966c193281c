from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị")
    STAFF = "staff", _("Cán bộ tổ chức")
    COUNTING = "counting", _("Thành viên ban kiểm phiếu")
    VIEWER = "viewer", _("Chỉ xem")


class User(AbstractUser):
    """Every user belongs to one organisation and sees and changes only its subtree.

    A user with no organisation sees nothing (except a superuser, who sees all).
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("tổ chức"),
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    # Named by the organisation board (accounts.permissions.set_personnel_access): e.g. a
    # member of the personnel sub-committee who is not on the board's staff.
    personnel_access = models.BooleanField(_("được giao việc nhân sự"), default=False)

    full_name = models.CharField(
        _("họ và tên"),
        max_length=150,
        blank=True,
        help_text=_("Đầy đủ, như khi ký văn bản: Nguyễn Thị Minh Khai."),
    )

    @property
    def signing_name(self) -> str:
        """The name printed under a signature: the full name, else family and given names
        from Django's fields (Vietnamese order); empty when the user has given neither."""
        return self.full_name or f"{self.last_name} {self.first_name}".strip()

    @property
    def can_edit(self) -> bool:
        return self.is_superuser or self.role in (Role.ADMINISTRATOR, Role.STAFF)

    @property
    def handles_personnel(self) -> bool:
        """Complaints, personnel dossiers, family ties and vetting: the organisation board
        (administrator, staff) and those it names; never viewers or counting teams as such."""
        if not self.is_active:
            return False
        return (
            self.is_superuser
            or self.role in (Role.ADMINISTRATOR, Role.STAFF)
            or self.personnel_access
        )

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMINISTRATOR


class ApiToken(models.Model):
    """A user's key for scripts calling the API (`Authorization: Bearer …`).

    Only the SHA-256 of the token is stored: the token is 256 random bits, shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=80)
    prefix = models.CharField(max_length=12)  # shown in the list, so its owner can tell which
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
