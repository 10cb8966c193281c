"""Restructuring the tree by decision: hợp nhất, sáp nhập, chia tách, chuyển trực thuộc,
đổi tên, giải thể.

Each operation has a `preview_*` (a pure read: what would change) and a service
of the same name that applies it: one atomic transaction, audited with its
decision number and dates, nothing deleted. Both build the same checked Plan
(operations.py); the service locks the organisations it reads first, so two
people restructuring the same units cannot interleave.
"""

from django.db import transaction

from ..models import Organization, Restructuring
from .apply import apply_plan
from .operations import (
    Part,
    plan_absorb,
    plan_dissolve,
    plan_merge_into_new,
    plan_move,
    plan_rename,
    plan_split,
)
from .plan import Decision, Plan
from .preview import Preview, preview

__all__ = [
    "Decision",
    "Part",
    "Plan",
    "Preview",
    "absorb",
    "apply_plan",
    "dissolve",
    "merge_into_new",
    "move_subtree",
    "preview",
    "preview_absorb",
    "preview_dissolve",
    "preview_merge_into_new",
    "preview_move_subtree",
    "preview_rename",
    "preview_split",
    "rename",
    "split",
]


def _locked(*orgs: Organization | None) -> list[Organization | None]:
    """Fresh rows, locked until the transaction ends (a no-op lock on SQLite)."""
    ids = [o.pk for o in orgs if o is not None]
    fresh = Organization.objects.select_for_update().in_bulk(ids)
    return [fresh[o.pk] if o is not None else None for o in orgs]


def preview_merge_into_new(sources, **kwargs) -> Preview:
    return preview(plan_merge_into_new(list(sources), **kwargs))


@transaction.atomic
def merge_into_new(actor, sources, *, parent=None, **kwargs) -> Restructuring:
    *sources, parent = _locked(*sources, parent)
    return apply_plan(actor, plan_merge_into_new(sources, parent=parent, **kwargs))


def preview_absorb(sources, **kwargs) -> Preview:
    return preview(plan_absorb(list(sources), **kwargs))


@transaction.atomic
def absorb(actor, sources, *, into, decision) -> Restructuring:
    *sources, into = _locked(*sources, into)
    return apply_plan(actor, plan_absorb(sources, into=into, decision=decision))


def preview_split(source, **kwargs) -> Preview:
    return preview(plan_split(source, **kwargs))


@transaction.atomic
def split(actor, source, *, parent=None, **kwargs) -> Restructuring:
    source, parent = _locked(source, parent)
    return apply_plan(actor, plan_split(source, parent=parent, **kwargs))


def preview_move_subtree(org, **kwargs) -> Preview:
    return preview(plan_move(org, **kwargs))


@transaction.atomic
def move_subtree(actor, org, *, new_parent, decision) -> Restructuring:
    org, new_parent = _locked(org, new_parent)
    return apply_plan(actor, plan_move(org, new_parent=new_parent, decision=decision))


def preview_rename(org, **kwargs) -> Preview:
    return preview(plan_rename(org, **kwargs))


@transaction.atomic
def rename(actor, org, **kwargs) -> Restructuring:
    (org,) = _locked(org)
    return apply_plan(actor, plan_rename(org, **kwargs))


def preview_dissolve(org, **kwargs) -> Preview:
    return preview(plan_dissolve(org, **kwargs))


@transaction.atomic
def dissolve(actor, org, *, decision, receiver=None) -> Restructuring:
    org, receiver = _locked(org, receiver)
    return apply_plan(actor, plan_dissolve(org, decision=decision, receiver=receiver))
