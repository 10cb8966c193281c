"""Writes on users that the application makes itself (Django admin does the rest)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit.services import record

from .models import User

_NOT_IN_A_NAME = re.compile(r"[\d_@#$%^&*()+=\[\]{};:\"\\|<>/?!]")


def clean_full_name(raw: str) -> str:
    """A full name as people sign it: at least family and given name, letters only."""
    name = " ".join(str(raw).split())
    if len(name.split()) < 2:
        raise ValidationError(_("Cần ghi đủ họ và tên (ít nhất họ và tên), ví dụ: Nguyễn Văn An."))
    if _NOT_IN_A_NAME.search(name):
        raise ValidationError(_("Họ và tên chỉ gồm chữ cái: “%(name)s”.") % {"name": name})
    return name


@transaction.atomic
def set_full_name(actor, user: User, full_name: str) -> User:
    """Record a user's full name (for signatures on documents); audited."""
    user = User.objects.select_for_update().get(pk=user.pk)
    before = user.full_name
    user.full_name = clean_full_name(full_name)
    user.save(update_fields=["full_name"])
    record(
        actor,
        "user.full_name",
        user,
        summary=f"{user.username}: {user.full_name}",
        before={"full_name": before},
        after={"full_name": user.full_name},
    )
    return user
