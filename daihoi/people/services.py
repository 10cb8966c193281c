"""Writes to the member registry. Each is atomic and audited."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from daihoi.audit.services import record
from daihoi.concurrency import apply_changes, check_version, lock_row, save_fields, version_of
from daihoi.organizations.history import today

from .history import sync_assignments
from .models import Member

AUDITED_FIELDS = [
    "code",
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "birth_year_only",
    "ethnicity",
    "religion",
    "hometown",
    "citizen_id",
    "admitted_on",
    "full_member_on",
    "status",
    "general_education",
    "education",
    "political_theory",
    "organization_id",
    "active",
]

# What fill_derived_names may rewrite besides the fields the user changed.
DERIVED_NAME_FIELDS = ["family_name", "middle_name", "given_name", "full_name", "search_name"]


def snapshot(member: Member) -> dict:
    return {f: getattr(member, f) for f in AUDITED_FIELDS}


@transaction.atomic
def create_member(actor, **data) -> Member:
    member = Member(**data)
    if member.organization_id and not member.organization.active:
        raise ValidationError(
            {"organization": _("%(org)s đã kết thúc hoạt động.") % {"org": member.organization}}
        )
    member.fill_derived_names()
    member.full_clean()
    member.save()
    sync_assignments(today(), member_ids=[member.pk])  # history from the day of admission
    record(actor, "member.create", member, summary=member.full_name, after=snapshot(member))
    return member


def member_version(member: Member) -> str:
    """The version an editor saw (API ETag, the edit form's hidden field)."""
    return version_of(snapshot(member))


def _blank_text(changes: dict) -> dict:
    """A null sent for a text field means "clear it": text columns hold "", never NULL."""
    text = {
        f.name
        for f in Member._meta.get_fields()
        if isinstance(f, models.CharField | models.TextField) and not f.null
    }
    return {k: ("" if v is None and k in text else v) for k, v in changes.items()}


@transaction.atomic
def update_member(
    actor, member: Member, *, expected_version: str | None = None, **changes
) -> Member:
    """Change the given fields of the member as it is now (locked), and only those.

    ``expected_version``: the ``member_version`` the editor read; if the member has
    changed since, ``StaleEdit`` and nothing is written.
    """
    if "organization" in changes or "organization_id" in changes:
        raise ValueError("moving a member is a transfer (people.transfers), not an edit")
    locked = lock_row(member)
    check_version(locked, AUDITED_FIELDS, expected_version)
    before = snapshot(locked)
    changed = apply_changes(locked, _blank_text(changes))
    if not changed:
        return locked
    locked.fill_derived_names()
    locked.full_clean()
    save_fields(locked, [*changed, *DERIVED_NAME_FIELDS])
    if before["active"] != locked.active:  # leaving (or coming back) closes (opens) history
        sync_assignments(today(), member_ids=[locked.pk])
    record(
        actor,
        "member.update",
        locked,
        summary=locked.full_name,
        before=before,
        after=snapshot(locked),
    )
    return locked
