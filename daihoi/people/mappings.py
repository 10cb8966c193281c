"""Saved column mappings: a registry file's own headers for our fields, kept by name.

The central commission's member database, a province's older software or a
ministry's list each name their columns their own way. A mapping says, per sheet,
which header holds which field; the import then reads those columns and the
export writes those headers, so a registry moves in and out without retyping.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit.services import record

from .excel_template import COLUMNS
from .field_parsers import choice_key
from .models import ColumnMapping


def check_columns(columns: dict) -> dict:
    """The mapping cleaned: known sheets and fields, headers given and distinct per sheet."""
    if not isinstance(columns, dict) or not columns:
        raise ValidationError(_("Ánh xạ cột phải có ít nhất một sheet"), code="mapping_empty")
    clean = {}
    for sheet, fields in columns.items():
        if sheet not in COLUMNS:
            allowed = ", ".join(COLUMNS)
            message = _("Sheet “%(sheet)s” không có trong mẫu (%(allowed)s)")
            raise ValidationError(message % {"sheet": sheet, "allowed": allowed}, code="sheet")
        known = {c.field for c in COLUMNS[sheet]}
        seen: dict[str, str] = {}
        clean[sheet] = {}
        for field, header in (fields or {}).items():
            header = " ".join(str(header or "").split())
            if field not in known:
                message = _("Trường “%(field)s” không có ở sheet %(sheet)s (có: %(known)s)")
                params = {"field": field, "sheet": sheet, "known": ", ".join(sorted(known))}
                raise ValidationError(message % params, code="field")
            if not header:
                message = _("Trường “%(field)s” chưa có tên cột")
                raise ValidationError(message % {"field": field}, code="header")
            key = choice_key(header)
            if key in seen:
                message = _("Tên cột “%(header)s” dùng cho cả %(a)s và %(b)s")
                params = {"header": header, "a": seen[key], "b": field}
                raise ValidationError(message % params, code="header_twice")
            seen[key] = field
            clean[sheet][field] = header
    return clean


@transaction.atomic
def save_column_mapping(actor, name: str, columns: dict, description: str = "") -> ColumnMapping:
    """Create or replace the mapping called `name`; audited with what it was before."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Ánh xạ cột cần có tên"), code="name")
    clean = check_columns(columns)
    mapping = ColumnMapping.objects.select_for_update().filter(name=name).first()
    before = mapping and {"columns": mapping.columns, "description": mapping.description}
    if mapping is None:
        mapping = ColumnMapping(name=name, created_by=actor)
    mapping.columns, mapping.description = clean, description
    mapping.save()
    after = {"columns": clean, "description": description}
    summary = _("Lưu ánh xạ cột “%(name)s”") % {"name": name}
    record(actor, "people.mapping.save", mapping, summary=summary, before=before, after=after)
    return mapping


@transaction.atomic
def delete_column_mapping(actor, mapping: ColumnMapping) -> None:
    before = {"name": mapping.name, "columns": mapping.columns}
    summary = _("Xoá ánh xạ cột “%(name)s”") % {"name": mapping.name}
    record(actor, "people.mapping.delete", mapping, summary=summary, before=before)
    mapping.delete()
