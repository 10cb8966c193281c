"""Writes to the member registry. Each is atomic and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit.services import record
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


@transaction.atomic
def update_member(actor, member: Member, **changes) -> Member:
    if "organization" in changes or "organization_id" in changes:
        raise ValueError("moving a member is a transfer (people.transfers), not an edit")
    before = snapshot(member)
    for field, value in changes.items():
        setattr(member, field, value)
    member.fill_derived_names()
    member.full_clean()
    member.save()
    if before["active"] != member.active:  # leaving (or coming back) closes (opens) history
        sync_assignments(today(), member_ids=[member.pk])
    record(
        actor,
        "member.update",
        member,
        summary=member.full_name,
        before=before,
        after=snapshot(member),
    )
    return member
