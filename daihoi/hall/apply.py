"""Write carried rows into this database: create the new, update the changed.

Used on the hall (loading a package: every row new) and on the server (merging a
return: the server's rows updated, the hall's new rows created). References are
resolved through `Refs`; a row that names something unknown is refused with the
model, the row and the field.
"""

from django.core.exceptions import ValidationError
from django.db import connection

from . import rows
from .fileformat import HallFileError


class Refs:
    """Row references (``s12``, ``h5``) of each model → primary keys in this database."""

    def __init__(self, known: dict[str, dict[str, int]]):
        labels = (*rows.LABELS, *rows.REFERENCES)
        self.known = {label: dict(known.get(label, {})) for label in labels}

    def get(self, label: str, ref: str, where: str) -> int:
        pk = self.known.get(label, {}).get(ref)
        if pk is None:
            raise HallFileError("unknown_ref", f"{where}: không có dòng {label} {ref}.")
        return pk

    def add(self, label: str, ref: str, pk: int) -> None:
        self.known[label][ref] = pk


def _bad(code: str, where: str, problem: str) -> HallFileError:
    return HallFileError(code, f"{where}: {problem}")


def _value(f, raw, refs: Refs, users: dict[str, int], where: str):
    if not f.is_relation:
        try:
            return f.to_python(raw)
        except (ValidationError, TypeError, ValueError):
            problem = f"giá trị {raw!r} của trường {f.name} không hợp lệ."
            raise _bad("bad_value", where, problem) from None
    if raw is None:
        return None
    target = f.related_model._meta.label
    if target == rows.USER:
        if raw not in users:
            raise _bad("unknown_user", where, f"người dùng “{raw}” không có ở đây.")
        return users[raw]
    if not isinstance(raw, str):
        raise _bad("bad_value", where, f"trường {f.name} phải là mã dòng.")
    return refs.get(target, raw, where)


def values_of(label: str, item, refs: Refs, users: dict[str, int], late: bool):
    """(field attname → value, m2m name → user pks) of one row; `late` fields only when asked."""
    where = f"{label} {item.get('id') if isinstance(item, dict) else '?'}"
    if not isinstance(item, dict) or not isinstance(item.get("f"), dict):
        raise _bad("bad_row", where, "dòng phải có 'id' và 'f'.")
    given = item["f"]
    values = {}
    for f in rows.carried_fields(label):
        if ((label, f.name) in rows.LATE) != late:
            continue
        if f.name not in given:
            raise _bad("bad_row", where, f"thiếu trường {f.name}.")
        values[f.attname] = _value(f, given[f.name], refs, users, where)
    m2m = {}
    for f in [] if late else rows.m2m_fields(label):
        names = given.get(f.name)
        if not isinstance(names, list) or any(n not in users for n in names):
            raise _bad("unknown_user", where, f"danh sách {f.name} có người dùng không có ở đây.")
        m2m[f.name] = sorted(users[n] for n in names)
    return values, m2m


def _auto_times(model) -> list:
    return [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]


def create(label: str, item, refs: Refs, users, defaults: dict) -> int:
    model = rows.model(label)
    values, m2m = values_of(label, item, refs, users, late=False)
    obj = model.objects.create(**defaults, **values)
    stamps = {f.attname: values[f.attname] for f in _auto_times(model) if f.attname in values}
    if stamps:  # auto_now_add overwrote the time the row was made elsewhere
        model.objects.filter(pk=obj.pk).update(**stamps)
    for name, pks in m2m.items():
        getattr(obj, name).set(pks)
    refs.add(label, item["id"], obj.pk)
    return obj.pk


def _bulk_ok(label: str) -> bool:
    """Rows made in one INSERT: no self-links, no times Django would overwrite, no m2m,
    and a database that returns the new keys (PostgreSQL, SQLite >= 3.35)."""
    model = rows.model(label)
    self_link = any(f.is_relation and f.related_model is model for f in rows.carried_fields(label))
    returns = connection.features.can_return_rows_from_bulk_insert
    return returns and not (self_link or _auto_times(model) or rows.m2m_fields(label))


def create_all(label: str, items: list, refs: Refs, users, defaults: dict) -> None:
    """Create every row of `items` (ballots by the thousand: one INSERT per 500 rows)."""
    if not _bulk_ok(label):
        for item in items:
            create(label, item, refs, users, defaults)
        return
    model = rows.model(label)
    made = [
        model(**defaults, **values_of(label, item, refs, users, late=False)[0]) for item in items
    ]
    model.objects.bulk_create(made, batch_size=500)
    for item, obj in zip(items, made, strict=True):
        refs.add(label, item["id"], obj.pk)


def update(label: str, pk: int, item, refs: Refs, users) -> list[str]:
    """Bring an existing row to the carried values; the names of the fields changed."""
    model = rows.model(label)
    obj = model.objects.select_for_update().filter(pk=pk).first()
    if obj is None:
        raise HallFileError("unknown_ref", f"{label} {item['id']}: dòng không còn ở đây.")
    values, m2m = values_of(label, item, refs, users, late=False)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        model.objects.filter(pk=pk).update(**{name: values[name] for name in changed})
    for name, pks in m2m.items():
        if sorted(getattr(obj, name).values_list("pk", flat=True)) != pks:
            getattr(obj, name).set(pks)
            changed.append(name)
    return changed


def set_late(label: str, item, refs: Refs, users) -> None:
    values, _ = values_of(label, item, refs, users, late=True)
    if values:
        pk = refs.get(label, item["id"], label)
        rows.model(label).objects.filter(pk=pk).update(**values)


def check_shape(data: dict) -> dict[str, list]:
    """The `rows` object: a list per known model, each row with a string id."""
    given = data.get("rows")
    if not isinstance(given, dict) or set(given) - set(rows.LABELS):
        raise HallFileError("bad_rows", "Phần 'rows' thiếu hoặc có bảng không biết.")
    out = {}
    for label in rows.LABELS:
        items = given.get(label, [])
        if not isinstance(items, list):
            raise HallFileError("bad_rows", f"Bảng {label} phải là một danh sách.")
        for i, item in enumerate(items, 1):
            ok = isinstance(item, dict) and isinstance(item.get("id"), str)
            if not ok or item["id"][:1] not in ("s", "h") or not item["id"][1:].isdigit():
                raise HallFileError("bad_row", f"{label}, dòng {i}: mã dòng không hợp lệ.")
        out[label] = items
    return out
