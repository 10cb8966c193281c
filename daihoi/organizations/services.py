"""Writes to the organisation tree. Each is atomic and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit.services import record
from daihoi.concurrency import apply_changes, lock_row, save_fields

from .history import sync_versions, today
from .models import ALLOWED_PARENT_LEVELS, Level, Organization, path_segment

AUDITED_FIELDS = [
    "code",
    "name",
    "level",
    "kind",
    "parent_id",
    "active",
    "founded_on",
    "dissolved_on",
]


def snapshot(org: Organization) -> dict:
    return {f: getattr(org, f) for f in AUDITED_FIELDS}


def check_parent(level: str, parent: Organization | None) -> None:
    allowed = ALLOWED_PARENT_LEVELS[Level(level)]
    if parent is None and allowed:
        raise ValidationError(
            {"parent": _("Cấp %(level)s phải có tổ chức cấp trên.") % {"level": Level(level).label}}
        )
    if parent is not None and parent.level not in allowed:
        raise ValidationError(
            {
                "parent": _("%(child)s không thể trực thuộc %(parent)s.")
                % {"child": Level(level).label, "parent": Level(parent.level).label}
            }
        )


@transaction.atomic
def create_organization(
    actor,
    *,
    code: str,
    name: str,
    level: str,
    kind: str,
    parent: Organization | None = None,
    **extra,
) -> Organization:
    check_parent(level, parent)
    org = Organization(
        code=code.strip(), name=name.strip(), level=level, kind=kind, parent=parent, **extra
    )
    org.path = "pending"
    org.full_clean(exclude=["path"])
    org.save()
    set_path(org)
    sync_versions(today(), ids=[org.pk])  # its first version, from its founding date
    record(actor, "organization.create", org, summary=org.name, after=snapshot(org))
    return org


def set_path(org: Organization) -> None:
    """Derive path and depth from the parent; called after the row has its id."""
    prefix = org.parent.path if org.parent_id else ""
    org.path = prefix + path_segment(org.pk)
    org.depth = org.path.count(".") - 1
    Organization.objects.filter(pk=org.pk).update(path=org.path, depth=org.depth)


@transaction.atomic
def update_organization(actor, org: Organization, **changes) -> Organization:
    if "parent" in changes or "parent_id" in changes:
        raise ValidationError(
            "moving an organisation is a restructuring operation (organizations.restructure)"
        )
    org = lock_row(org)  # the row as committed now: "before" is true, no stale overwrite
    before = snapshot(org)
    changed = apply_changes(org, changes)
    if not changed:
        return org
    org.full_clean()
    save_fields(org, changed)
    sync_versions(today(), ids=[org.pk])
    record(actor, "organization.update", org, summary=org.name, before=before, after=snapshot(org))
    return org
