"""Least privilege for personnel work: who may see complaints, personnel dossiers,
family ties and vetting (`User.handles_personnel`), and the board naming others."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import URLPattern
from django.utils.translation import gettext as _

from daihoi.audit.services import record
from daihoi.organizations.selectors import can_see

from .models import Role, User


def refuse_personnel() -> PermissionDenied:
    return PermissionDenied(
        _(
            "Đơn thư, hồ sơ nhân sự, quan hệ gia đình và thẩm tra chỉ dành cho Ban Tổ chức "
            "và người được Ban Tổ chức giao. Nếu bạn cần xem, hãy đề nghị Ban Tổ chức."
        )
    )


def require_personnel(user) -> None:
    if not (user.is_authenticated and user.handles_personnel):
        raise refuse_personnel()


def personnel_only(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.user.is_authenticated:  # anonymous visitors go on to the login redirect
            require_personnel(request.user)
        return view(request, *args, **kwargs)

    return guarded


def personnel_only_patterns(patterns: list) -> list:
    """Every page of an app (its urls.py) behind `personnel_only`."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = personnel_only(pattern.callback)
    return patterns


def can_name_personnel(actor) -> bool:
    """The board itself names: administrators and staff, not those named by it."""
    return actor.is_active and (
        actor.is_superuser or actor.role in (Role.ADMINISTRATOR, Role.STAFF)
    )


@transaction.atomic
def set_personnel_access(actor, user: User, allowed: bool) -> User:
    if not can_name_personnel(actor):
        raise refuse_personnel()
    user = (
        User.objects.select_for_update(of=("self",)).select_related("organization").get(pk=user.pk)
    )
    if user.organization is None or not can_see(actor, user.organization) or user == actor:
        raise PermissionDenied(_("Người dùng này không thuộc phạm vi của bạn."))
    if user.personnel_access != allowed:
        before = {"personnel_access": user.personnel_access}
        user.personnel_access = allowed
        user.save(update_fields=["personnel_access"])
        record(
            actor,
            "user.personnel_access",
            user,
            summary=f"{user.username}: {'giao' if allowed else 'thôi giao'} việc nhân sự",
            before=before,
            after={"personnel_access": allowed},
        )
    return user
