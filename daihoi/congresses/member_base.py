"""An open members' congress follows the transfers of the members in its base.

QĐ 244-QĐ/TW 2014, Điều 32.2 (QĐ 190-QĐ/TW 2024, Điều 30.2; rules.tally.
base_for_members_congress): the base of a members' congress is the full members
of the organisation less, among others, those attached temporarily to another
organisation. A congress records that as `summoned` (its full members, the
whole subtree's for a đảng bộ) and `excluded_attached_elsewhere`. So:

- an official transfer of a full member takes one from `summoned` of the open
  members' congresses the member leaves and adds one to those the member joins
  (an organisation above both, which the member does not leave, is unchanged);
- a temporary attachment of a full member elsewhere adds one to
  `excluded_attached_elsewhere` of the open members' congresses the member is
  attached away from, and its end takes it back.

Only congresses not yet in session whose counts were entered (summoned > 0)
change: once a congress sits, its base is what the presidium announced.
Each change is audited beside the transfer, in the same transaction.

The transfers live in the registry (daihoi/people/transfers.py), a wing below;
they tell this module through daihoi/people/transfer_hooks.py, answered in
CongressesConfig.ready().
"""

from django.db.models import QuerySet

from daihoi.audit.services import record
from daihoi.organizations.models import Organization
from daihoi.people.models import MemberStatus

from .models import Congress, CongressKind, CongressStatus

OPEN = (CongressStatus.PLANNED, CongressStatus.PREPARED, CongressStatus.POSTPONED)


def chain(org: Organization) -> set[int]:
    """The organisation and everything above it: whose members' congress counts its members."""
    return set(org.ancestor_ids) | {org.pk}


def open_members_congresses(org_ids: set[int]) -> QuerySet[Congress]:
    return (
        Congress.objects.select_for_update()
        .filter(
            organization_id__in=sorted(org_ids),
            kind=CongressKind.MEMBERS,
            status__in=OPEN,
            summoned__gt=0,
        )
        .order_by("pk")
    )


def _adjust(actor, org_ids: set[int], field: str, delta: int, reason: str) -> list[Congress]:
    changed = []
    for congress in open_members_congresses(org_ids):
        before = getattr(congress, field)
        after = max(0, before + delta)
        if after == before:
            continue
        setattr(congress, field, after)
        congress.save(update_fields=[field])
        record(
            actor,
            "congress.base",
            congress,
            summary=reason,
            before={field: before},
            after={field: after},
        )
        changed.append(congress)
    return changed


def on_official_transfer(
    actor, status: str, origin: Organization, destination: Organization, reason: str
) -> list[Congress]:
    if status != MemberStatus.FULL:
        return []  # probationary members are never in the base
    leaving, joining = chain(origin) - chain(destination), chain(destination) - chain(origin)
    return _adjust(actor, leaving, "summoned", -1, reason) + _adjust(
        actor, joining, "summoned", +1, reason
    )


def on_attachment(
    actor, status_before: str, origin: Organization, host: Organization, delta: int, reason: str
) -> list[Congress]:
    """delta +1 when the attachment starts, -1 when it ends."""
    if status_before != MemberStatus.FULL:
        return []
    away_from = chain(origin) - chain(host)
    return _adjust(actor, away_from, "excluded_attached_elsewhere", delta, reason)
