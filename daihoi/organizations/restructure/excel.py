"""A restructuring plan from Excel: which old units form which new ones, on which decision.

The contract (also in the template's "HuongDan" sheet and the README):
sheet "SapXep", headers on row 1 (matched without regard to case or marks),
one row per old unit (per new unit for a split). Rows of one operation share
its key: "Hợp nhất" and "Sáp nhập" rows with the same new/receiving code form
one operation, "Chia tách" rows with the same old code form one. Operations
run in the order they first appear, so a unit created by one row can be moved
by a later row. Every row is checked first (errors name row and column); then
all operations run in one transaction: if any fails, nothing is written.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.documents.xlsx_read import Limits, Workbook, XlsxError
from daihoi.textnorm import fold

from ..models import Kind, Operation, Organization
from .operations import Part
from .plan import Decision

SHEET = "SapXep"
OPERATION_NAMES = {
    "hop nhat": Operation.MERGE,
    "sap nhap": Operation.ABSORB,
    "chia tach": Operation.SPLIT,
    "chuyen truc thuoc": Operation.MOVE,
    "doi ten": Operation.RENAME,
    "giai the": Operation.DISSOLVE,
}
# column key → header
COLUMNS = {
    "operation": "Thao tác",
    "source": "Mã tổ chức cũ",
    "target": "Mã tổ chức mới/tiếp nhận",
    "name": "Tên tổ chức mới",
    "kind": "Loại hình",
    "parent": "Mã tổ chức cấp trên",
    "children": "Tổ chức trực thuộc chuyển sang",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "effective_on": "Ngày hiệu lực",
    "issued_by": "Cơ quan quyết định",
}
REQUIRED = ("operation", "source", "decision_number", "decision_date")
# a service's error field → the column to blame
FIELD_COLUMN = {
    "sources": "source",
    "source": "source",
    "code": "target",
    "target": "target",
    "receiver": "target",
    "name": "name",
    "kind": "kind",
    "parent": "parent",
    "new_parent": "parent",
    "parts": "children",
    "decision_number": "decision_number",
    "decision_date": "decision_date",
    "effective_on": "effective_on",
}
KINDS = {fold(str(label)): value for value, label in Kind.choices} | {
    fold(value): value for value in Kind.values
}


@dataclass
class Row:
    number: int
    values: dict
    operation: str = ""
    errors: list[str] = field(default_factory=list)

    def fail(self, column: str, message: str) -> None:
        self.errors.append(
            _("Dòng %(n)d, cột “%(col)s”: %(msg)s")
            % {"n": self.number, "col": COLUMNS[column], "msg": message}
        )

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return "" if value is None else " ".join(str(value).split())


@dataclass
class PlanResult:
    errors: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    written: bool = False


def read_rows(data: bytes) -> tuple[list[Row], list[str]]:
    """The plan's rows, read by the shared safe reader (bounded, cells named when unreadable)."""
    try:
        book = Workbook(data, Limits(columns=64, rows=100_000))
        title = book.find(SHEET, lambda name: fold(name).replace(" ", ""))
        if title is None:
            return [], [_("Không có sheet “%(s)s”") % {"s": SHEET}]
        rows = book.rows(title)
        first = next(rows, None)
        if first is None:
            return [], [_("Sheet “%(s)s” trống") % {"s": SHEET}]
        by_header = {fold(h): key for key, h in COLUMNS.items()}
        positions = {}
        for index, header in enumerate(first[1]):
            key = by_header.get(fold(str(header or "")))
            if key:
                positions[key] = index
        missing = [COLUMNS[k] for k in REQUIRED if k not in positions]
        if missing:
            return [], [_("Thiếu cột “%(h)s”") % {"h": h} for h in missing]
        out = []
        for number, cells in rows:
            values = {k: cells[i] if i < len(cells) else None for k, i in positions.items()}
            if any(v not in (None, "") for v in values.values()):
                out.append(Row(number, values))
        book.check()
    except XlsxError as refused:
        return [], [str(problem) for problem in refused.problems]
    if not out:
        return [], [_("Không có dòng phương án nào")]
    return out, []


def _date(row: Row, key: str, required: bool) -> dt.date | None:
    value = row.values.get(key)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = row.text(key)
    if not text:
        if required:
            row.fail(key, _("bắt buộc"))
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        row.fail(key, _("“%(v)s” không phải ngày dd/mm/yyyy") % {"v": text})
        return None


NEEDS = {
    Operation.MERGE: ("target", "name"),
    Operation.ABSORB: ("target",),
    Operation.SPLIT: ("target", "name"),
    Operation.MOVE: ("parent",),
    Operation.RENAME: ("name",),
    Operation.DISSOLVE: (),
}


def check_row(row: Row) -> None:
    """The row's own fields: operation, required cells, dates, kind."""
    operation = OPERATION_NAMES.get(fold(row.text("operation")))
    if operation is None:
        row.fail(
            "operation",
            _("“%(v)s” không phải một thao tác (%(ops)s)")
            % {
                "v": row.text("operation"),
                "ops": ", ".join(str(o.label) for o in Operation if o != Operation.CREATE),
            },
        )
        return
    row.operation = operation
    for key in ("source", "decision_number", *NEEDS[operation]):
        if not row.text(key):
            row.fail(key, _("bắt buộc với thao tác %(op)s") % {"op": Operation(operation).label})
    if row.text("kind") and fold(row.text("kind")) not in KINDS:
        row.fail(
            "kind", _("“%(v)s” không phải loại hình trong danh sách") % {"v": row.text("kind")}
        )
    row.values["decision_date"] = _date(row, "decision_date", True)
    row.values["effective_on"] = _date(row, "effective_on", False)


def group_rows(rows: list[Row]) -> list[list[Row]]:
    """Rows of one operation together, in the order each operation first appears."""
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        if row.operation in (Operation.MERGE, Operation.ABSORB):
            key = (row.operation, row.text("target"))
        elif row.operation == Operation.SPLIT:
            key = (row.operation, row.text("source"))
        else:
            key = (row.operation, row.number)
        groups.setdefault(key, []).append(row)
    for group in groups.values():
        first = group[0]
        for row in group[1:]:
            for key in ("decision_number", "decision_date", "effective_on"):
                if row.values.get(key) != first.values.get(key) and not row.errors:
                    row.fail(key, _("khác dòng %(n)d của cùng thao tác") % {"n": first.number})
    return list(groups.values())


def decision_of(row: Row) -> Decision:
    return Decision(
        number=row.text("decision_number"),
        date=row.values["decision_date"],
        effective_on=row.values.get("effective_on"),
        issued_by=row.text("issued_by"),
    )


def kind_of(row: Row) -> str | None:
    return KINDS.get(fold(row.text("kind"))) if row.text("kind") else None


def lookup(row: Row, key: str, user, changing: bool = False) -> Organization | None:
    """The organisation a cell names, within what the user may restructure."""
    from ..selectors import can_see

    code = row.text(key)
    if not code:
        return None
    org = Organization.objects.filter(code=code).first()
    if org is None or (user is not None and not can_see(user, org)):
        raise ValidationError({key: _("không có tổ chức mã %(c)s trong phạm vi") % {"c": code}})
    if changing and user is not None and not user.is_superuser and org.pk == user.organization_id:
        raise ValidationError({key: _("việc sắp xếp %(o)s do cấp trên quyết định") % {"o": org}})
    return org


def run_group(actor, group: list[Row]):
    """Apply one operation; a ValidationError is keyed by column (see FIELD_COLUMN)."""
    from . import absorb, dissolve, merge_into_new, move_subtree, rename

    first, op = group[0], group[0].operation
    decision = decision_of(first)
    if op == Operation.MERGE:
        sources = [lookup(r, "source", actor, True) for r in group]
        parent = next((lookup(r, "parent", actor) for r in group if r.text("parent")), None)
        return merge_into_new(
            actor,
            sources,
            code=first.text("target"),
            name=first.text("name"),
            kind=kind_of(first),
            parent=parent,
            decision=decision,
        )
    if op == Operation.ABSORB:
        sources = [lookup(r, "source", actor, True) for r in group]
        return absorb(actor, sources, into=lookup(first, "target", actor), decision=decision)
    if op == Operation.SPLIT:
        return _split(actor, group, decision)
    source = lookup(first, "source", actor, True)
    if op == Operation.MOVE:
        return move_subtree(
            actor, source, new_parent=lookup(first, "parent", actor), decision=decision
        )
    if op == Operation.RENAME:
        return rename(
            actor, source, name=first.text("name"), kind=kind_of(first), decision=decision
        )
    return dissolve(actor, source, receiver=lookup(first, "target", actor), decision=decision)


def _split(actor, group: list[Row], decision: Decision):
    from daihoi.people.models import Member

    from . import split

    source = lookup(group[0], "source", actor, True)
    parts = [Part(r.text("target"), r.text("name"), kind_of(r)) for r in group]
    children = {}
    for index, row in enumerate(group):
        for code in [c.strip() for c in row.text("children").replace(";", ",").split(",")]:
            if not code:
                continue
            child = source.children.filter(code=code).first()
            if child is None:
                raise ValidationError(
                    {"parts": _("%(c)s không trực thuộc %(o)s") % {"c": code, "o": source}}
                )
            children[child.pk] = index
    direct = Member.objects.filter(organization=source, active=True).values_list("pk", flat=True)
    members = {pk: 0 for pk in direct}  # members sitting in the source go to the first part
    parent = next((lookup(r, "parent", actor) for r in group if r.text("parent")), None)
    return split(
        actor,
        source,
        parts=parts,
        children=children,
        members=members,
        decision=decision,
        parent=parent,
    )


def import_plan(data: bytes, *, actor, dry_run: bool = False) -> PlanResult:
    """Check every row, then apply every operation in one transaction (or none)."""
    rows, problems = read_rows(data)
    if problems:
        return PlanResult(errors=problems)
    for row in rows:
        check_row(row)
    groups = group_rows(rows)
    errors = [e for row in rows for e in row.errors]
    if errors:
        return PlanResult(errors=errors)
    result = PlanResult()
    with transaction.atomic():
        for group in groups:
            try:
                with transaction.atomic():
                    done = run_group(actor, group)
                result.applied.append(done.summary)
            except ValidationError as error:
                result.errors += _messages(group, error)
        if result.errors or dry_run:
            transaction.set_rollback(True)
        else:
            result.written = True
    return result


def _messages(group: list[Row], error: ValidationError) -> list[str]:
    numbers = ", ".join(str(r.number) for r in group)
    out = []
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for key, messages in items:
        column = COLUMNS.get(FIELD_COLUMN.get(key, key), "")
        for message in messages:
            where = (
                _("Dòng %(n)s, cột “%(col)s”") % {"n": numbers, "col": column}
                if column
                else _("Dòng %(n)s") % {"n": numbers}
            )
            out.append(f"{where}: {message}")
    return out
