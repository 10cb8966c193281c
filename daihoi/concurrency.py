"""Two clerks editing one record never silently overwrite each other.

Every edit service does three things inside its transaction:

1. ``lock_row``: read the row again under ``SELECT … FOR UPDATE``, so a second edit
   of the same row waits for the first to commit and then sees its values; the audit
   "before" is taken from this locked copy, never from what a page read earlier;
2. ``check_version``: when the caller says which version it edited (the API's
   ``If-Match``, a form's hidden ``version``), refuse with ``StaleEdit`` if the row
   has changed since — nothing is written, the user reviews;
3. ``apply_changes``: set only the fields the user changed and save only those
   (``update_fields``), so an edit of one field cannot put back an old value of another.

A version is a short hash of the edited fields' values (no version column, so no
migration per table): equal values, equal version. On SQLite ``FOR UPDATE`` is a
no-op, but SQLite lets one writer in at a time anyway.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.db import models, transaction
from django.utils.translation import gettext as _


class StaleEdit(Exception):
    """The row changed after the user read it; ``current`` holds its values now."""

    code = "stale"

    def __init__(self, current: dict, version: str):
        self.current = current
        self.version = version
        self.message = _(
            "Bản ghi này đã được người khác sửa trong lúc bạn đang sửa. "
            "Chưa lưu gì: hãy xem lại giá trị hiện tại rồi lưu lại."
        )
        super().__init__(self.message)


def version_of(values: dict) -> str:
    """A short stable hash of ``values`` (dates, decimals and ids as their text)."""
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def field_values(instance: models.Model, fields: Iterable[str]) -> dict:
    return {name: getattr(instance, name) for name in fields}


def lock_row(instance: models.Model) -> models.Model:
    """The row as committed now, locked until the transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_row needs a transaction (an @transaction.atomic service)")
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def check_version(locked: models.Model, fields: Iterable[str], expected: str | None) -> None:
    """``StaleEdit`` when ``expected`` is given and the locked row is no longer that version."""
    if not expected:
        return
    current = field_values(locked, fields)
    version = version_of(current)
    if version != expected:
        raise StaleEdit(current, version)


def apply_changes(locked: models.Model, changes: dict) -> list[str]:
    """Set the fields whose value differs from the locked row; their names, for update_fields."""
    changed = []
    for name, value in changes.items():
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    return changed


def save_fields(instance: models.Model, names: Iterable[str]) -> None:
    """Save only ``names`` (a foreign key given as ``org`` is saved as ``org_id``)."""
    concrete = {f.name: f.attname for f in instance._meta.concrete_fields}
    columns = sorted({concrete.get(n, n) for n in names})
    if columns:
        instance.save(update_fields=columns)


class VersionedFormMixin:
    """A form that edits one row carries the row's version in a hidden field.

    The view passes ``form.edited_version()`` to the service and, on ``StaleEdit``, calls
    ``form.report_stale(error)``: the form shows the message and the values now stored
    where they differ from the user's, and takes the new version, so saving again
    (after review) keeps the user's values deliberately.
    """

    def add_version_field(self, version: str) -> None:
        from django import forms

        self.fields["version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=version
        )

    def edited_version(self) -> str | None:
        return (self.cleaned_data.get("version") or "").strip() or None

    def report_stale(self, stale: StaleEdit) -> None:
        differing = [
            f"{self.fields[name].label}: {_shown(value)}"
            for name, value in stale.current.items()
            if name in self.fields and self.cleaned_data.get(name) != value
        ]
        message = stale.message
        if differing:
            message += " " + _("Hiện đang lưu — %(values)s.") % {"values": "; ".join(differing)}
        self.add_error(None, message)
        data = self.data.copy()
        data["version"] = stale.version
        self.data = data


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)
