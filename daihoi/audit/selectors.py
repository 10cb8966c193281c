"""Reads of the audit log, scoped to what a user may see.

Administrators and the organisation board (cán bộ tổ chức) see the entries about
their organisation's subtree; a superuser, or an administrator at the top of the
tree, sees everything, including entries tied to no organisation (the demo, the CLI).
"""

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from daihoi.accounts.models import Role
from daihoi.organizations.models import Organization

from .models import AuditEntry


def may_view_audit(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.organization_id is not None and user.role in (Role.ADMINISTRATOR, Role.STAFF)


def sees_everything(user) -> bool:
    """Superusers, and administrators of a top organisation (no parent)."""
    if user.is_superuser:
        return True
    return (
        user.role == Role.ADMINISTRATOR
        and user.organization_id is not None
        and user.organization.parent_id is None
    )


def may_check_chain(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR)


def visible_entries(user) -> QuerySet[AuditEntry]:
    if not may_view_audit(user):
        raise Http404("audit log not available")
    entries = AuditEntry.objects.all()
    if sees_everything(user):
        return entries
    inside = Organization.objects.filter(path__startswith=user.organization.path)
    return entries.filter(organization_id__in=inside.values("pk"))


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_entries(entries: QuerySet[AuditEntry], data: dict) -> QuerySet[AuditEntry]:
    """Apply the page's filters (cleaned form data; empty values are ignored)."""
    if data.get("user"):
        entries = entries.filter(
            Q(actor_name__icontains=data["user"])
            | Q(actor__last_name__icontains=data["user"])
            | Q(actor__first_name__icontains=data["user"])
        )
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("object_type"):
        entries = entries.filter(object_type=data["object_type"])
    if data.get("object_id"):
        entries = entries.filter(object_id=data["object_id"])
    if data.get("text"):
        entries = entries.filter(summary__icontains=data["text"])
    if data.get("date_from"):
        entries = entries.filter(at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        entries = entries.filter(at__lt=_day_start(data["date_to"] + dt.timedelta(days=1)))
    return entries.order_by("-seq")


def choices(entries: QuerySet[AuditEntry], field: str) -> list[str]:
    return list(entries.order_by(field).values_list(field, flat=True).distinct())
