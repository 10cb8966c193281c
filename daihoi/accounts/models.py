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
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMINISTRATOR
