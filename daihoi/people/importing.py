"""Import organisations and members from the Excel template (excel_template.py).

Three phases. Read every row of the file. Validate every row: its fields
(validation.py), then the rows against each other and against the database
(duplicate codes, parents that exist and fit, the importer's scope). Write in one
transaction, or write nothing: if any row is wrong the caller gets every error,
each naming its sheet, row, column and rule. When the caller asks for
`only_valid`, the good rows are written and the bad ones come back as a workbook
to correct and import again.

Rows are matched by code, so importing a file twice updates instead of
duplicating. Writes are bulk (bulk_create / bulk_update in batches): one save()
per row turns a province's 60,000 members into minutes of round trips.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from daihoi.audit.services import record
from daihoi.organizations.history import sync_versions, today
from daihoi.organizations.models import (
    ALLOWED_PARENT_LEVELS,
    LEVEL_ORDER,
    Level,
    Organization,
    path_segment,
)

from .excel_template import MEMBER_SHEET, ORGANIZATION_SHEET, SheetRows, read_workbook
from .exporting import RejectedRow, rejected_workbook
from .history import sync_assignments
from .models import Member
from .validation import validate_member, validate_organization

Progress = Callable[[str, int, int], None]
BATCH = 2000
PROGRESS_EVERY = 1000
# Members belong to a chi bộ: a cell, or a grassroots organisation (chi bộ cơ sở).
MEMBER_LEVELS = {Level.GRASSROOTS, Level.CELL}
ORGANIZATION_UPDATE_FIELDS = ["name", "kind", "active", "founded_on"]
NAME_FIELDS = ["family_name", "middle_name", "given_name", "full_name", "search_name"]
COUNTS = ["organizations_created", "organizations_updated", "members_created", "members_updated"]
SUMMARY = _(
    "Nhập Excel: %(organizations_created)d tổ chức mới, %(organizations_updated)d cập nhật; "
    "%(members_created)d đảng viên mới, %(members_updated)d cập nhật"
)

# The checks beyond one row's fields (those are in validation.py), by error code.
MESSAGES = {
    "not_xlsx": _("Tệp không phải bảng tính Excel .xlsx"),
    "empty": _("Không có dòng dữ liệu nào trong sheet ToChuc hay DangVien"),
    "missing_column": _("Thiếu cột “%(header)s”"),
    "duplicate_column": _("Cột “%(header)s” có hai lần"),
    "duplicate_code": _("Mã %(code)s có ở nhiều dòng (%(rows)s)"),
    "outside_scope": _("Tổ chức %(code)s nằm ngoài phạm vi được nhập (%(scope)s)"),
    "level_changed": _("Không đổi cấp của tổ chức đã có qua nhập Excel"),
    "organization_moved": _(
        "Tổ chức đang trực thuộc %(parent)s; đổi cấp trên là sắp xếp lại tổ chức, "
        "không làm qua nhập Excel"
    ),
    "parent_level": _("%(child)s không thể trực thuộc %(parent)s"),
    "reference_missing": _("Không có tổ chức mã %(code)s trong tệp hay trong hệ thống"),
    "reference_rejected": _(
        "Tổ chức %(code)s (sheet ToChuc, dòng %(n)d) có lỗi nên dòng này không nhập được"
    ),
    "organization_level": _(
        "Đảng viên sinh hoạt ở chi bộ: tổ chức %(code)s phải là cấp Cơ sở hoặc Chi bộ trực thuộc"
    ),
    "member_outside_scope": _(
        "Đảng viên %(code)s đang sinh hoạt ngoài phạm vi được nhập; không được ghi đè"
    ),
    "member_transfer": _(
        "Đảng viên đang sinh hoạt ở %(org)s; chuyển sinh hoạt đảng làm bằng chức năng riêng, "
        "không qua nhập Excel"
    ),
}


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # the Excel row number (1 is the header)
    column: str  # letter and header, "F (Ngày sinh)"; "" when not about one cell
    field: str
    code: str
    message: str

    def __str__(self) -> str:
        if not self.column:
            return f"{self.sheet}, dòng {self.row}: {self.message}" if self.sheet else self.message
        letter, _sep, header = self.column.partition(" ")
        return f"{self.sheet}!{letter}{self.row} {header}: {self.message}"


def _file_error(code: str, sheet: str = "", field_name: str = "", **params) -> RowError:
    return RowError(sheet, 1 if sheet else 0, "", field_name, code, MESSAGES[code] % params)


@dataclass
class ImportResult:
    """What an import did. `*_updated` counts rows whose code was already in the database."""

    organizations_created: int = 0
    organizations_updated: int = 0
    members_created: int = 0
    members_updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    rejected_xlsx: bytes | None = None
    written: bool = False


class _Counter:
    """Reports one phase's progress at the start, every PROGRESS_EVERY rows, and at the end."""

    def __init__(self, progress: Progress, phase: str, total: int):
        self.progress, self.phase, self.total = progress, phase, total
        self.done = self.reported = 0
        progress(phase, 0, total)

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.done - self.reported >= PROGRESS_EVERY:
            self.finish()

    def finish(self) -> None:
        self.reported = self.done
        self.progress(self.phase, self.done, max(self.total, self.done))


@dataclass
class _Row:
    sheet: SheetRows
    number: int
    cells: tuple
    clean: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def code(self) -> str | None:
        return self.clean.get("code")

    def raw(self) -> dict:
        cells, width = self.cells, len(self.cells)
        return {f: cells[p] if p < width else None for f, p in self.sheet.positions.items()}

    def add(self, field_name: str, code: str, message: str) -> None:
        letter = self.sheet.letter(field_name)
        column = f"{letter} ({self.sheet.headers[self.sheet.positions[field_name]]})"
        error = RowError(
            self.sheet.name, self.number, column if letter else "", field_name, code, message
        )
        self.errors.append(error)

    def fail(self, field_name: str, code: str, /, **params) -> None:
        self.add(field_name, code, MESSAGES[code] % params)


@dataclass
class _OrgRef:
    """An organisation already in the database, as the checks and the writes need it."""

    id: int
    level: str
    path: str
    parent_code: str | None
    values: dict = field(default_factory=dict)  # ORGANIZATION_UPDATE_FIELDS, to skip no-ops


@dataclass
class _Plan:
    organizations: list[_Row]
    members: list[_Row]
    scope: Organization | None
    orgs_in_file: dict[str, _Row] = field(default_factory=dict)
    db_orgs: dict[str, _OrgRef] = field(default_factory=dict)
    db_members: dict[str, Member] = field(default_factory=dict)

    def rows(self) -> list[_Row]:
        return self.organizations + self.members

    def in_scope(self, row: _Row, field_name: str, code: str, path: str) -> bool:
        if self.scope is None or path.startswith(self.scope.path):
            return True
        row.fail(field_name, "outside_scope", code=code, scope=self.scope.name)
        return False


def import_workbook(
    source,
    *,
    actor,
    scope: Organization | None = None,
    only_valid: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the template workbook at `source` (a path or a binary file object).

    `scope` limits what may be touched to that organisation's subtree.
    `progress(phase, done, total)` hears of each phase: "read", "validate", "write".
    """
    progress = progress or (lambda phase, done, total: None)
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    sheets, problems = _read(data, progress)
    if problems:
        return ImportResult(errors=problems)
    plan = _Plan(*(_rows(sheets, name) for name in (ORGANIZATION_SHEET, MEMBER_SHEET)), scope)
    _validate(plan, _Counter(progress, "validate", len(plan.rows())))
    bad = [row for row in plan.rows() if row.errors]
    result = ImportResult(errors=[e for row in bad for e in row.errors])
    if bad and only_valid:
        result.rejected_xlsx = _rejected(bad)
    if (bad and not only_valid) or len(bad) == len(plan.rows()):
        return result
    with transaction.atomic():
        _write(plan, result, _Counter(progress, "write", len(plan.rows()) - len(bad)))
        after = {name: getattr(result, name) for name in COUNTS}
        after.update(rows_rejected=len(bad), scope=scope and scope.code)
        after["sha256"] = hashlib.sha256(data).hexdigest()
        summary = SUMMARY % after
        record(actor, "import.members", object_type="import", summary=summary, after=after)
    result.written = True
    return result


def _rows(sheets: dict[str, SheetRows], name: str) -> list[_Row]:
    sheet = sheets.get(name)
    return [_Row(sheet, number, cells) for number, cells in sheet.rows] if sheet else []


def _read(data: bytes, progress: Progress) -> tuple[dict[str, SheetRows], list[RowError]]:
    """Read the file; the errors returned are about its shape, and refuse the whole file."""
    counter = None

    def on_row(total: int) -> None:
        nonlocal counter
        counter = counter or _Counter(progress, "read", total)
        counter.step()

    try:
        sheets = read_workbook(data, on_row)
    except ValueError:
        return {}, [_file_error("not_xlsx")]
    (counter or _Counter(progress, "read", 0)).finish()
    problems = [
        _file_error("missing_column", sheet.name, column.field, header=column.header)
        for sheet in sheets.values()
        for column in sheet.missing
    ]
    problems += [
        _file_error("duplicate_column", sheet.name, header=header)
        for sheet in sheets.values()
        for header in sheet.duplicated
    ]
    if not problems and not any(sheet.rows for sheet in sheets.values()):
        problems.append(_file_error("empty"))
    return sheets, problems


# ---- validation ----------------------------------------------------------------------


def _validate(plan: _Plan, counter: _Counter) -> None:
    for rows, validate in (
        (plan.organizations, validate_organization),
        (plan.members, validate_member),
    ):
        for row in rows:
            row.clean, errors = validate(row.raw())
            for error in errors:
                row.add(error.field, error.code, error.message)
            counter.step()
        _flag_duplicates(rows)
    plan.orgs_in_file = {row.code: row for row in plan.organizations if row.code}
    keys = ("code", "parent_code", "organization_code")
    plan.db_orgs = _fetch_organizations({row.clean.get(k) for row in plan.rows() for k in keys})
    plan.db_members = _fetch_members({row.code for row in plan.members})
    # Parents before children, so that a child knows whether its parent passed. A level
    # may only sit under a higher one, so this order also rules out cycles.
    for row in sorted(plan.organizations, key=_level_rank):
        if not row.errors:
            _check_organization(row, plan)
    for row in plan.members:
        if not row.errors:
            _check_member(row, plan)
    counter.finish()


def _level_rank(row: _Row) -> int:
    level = row.clean.get("level")
    return LEVEL_ORDER.index(level) if level else len(LEVEL_ORDER)


def _flag_duplicates(rows: list[_Row]) -> None:
    by_code = defaultdict(list)
    for row in rows:
        if row.code:
            by_code[row.code].append(row)
    for code, same in by_code.items():
        for row in same if len(same) > 1 else []:
            row.fail(
                "code", "duplicate_code", code=code, rows=", ".join(str(r.number) for r in same)
            )


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _fetch_organizations(codes: set) -> dict[str, _OrgRef]:
    found = {}
    fields = ["code", "id", "level", "path", "parent__code", *ORGANIZATION_UPDATE_FIELDS]
    for chunk in _chunks(sorted(codes - {None})):
        rows = Organization.objects.filter(code__in=chunk).values_list(*fields)
        for code, pk, level, path, parent, *values in rows:
            updatable = dict(zip(ORGANIZATION_UPDATE_FIELDS, values, strict=True))
            found[code] = _OrgRef(pk, level, path, parent, updatable)
    return found


def _fetch_members(codes: set) -> dict[str, Member]:
    found = {}
    for chunk in _chunks(sorted(codes - {None})):
        for member in Member.objects.filter(code__in=chunk).select_related("organization"):
            found[member.code] = member
    return found


def _check_organization(row: _Row, plan: _Plan) -> None:
    c = row.clean
    existing = plan.db_orgs.get(c["code"])
    if existing is not None:
        if not plan.in_scope(row, "code", c["code"], existing.path):
            return
        if existing.level != c["level"]:
            row.fail("level", "level_changed")
        elif existing.parent_code != c["parent_code"]:
            row.fail("parent_code", "organization_moved", parent=existing.parent_code or "—")
        return
    if c["parent_code"] is None:  # a new province: only an import without a scope adds one
        plan.in_scope(row, "code", c["code"], "")
        return
    parent_level = _referenced_level(row, "parent_code", plan)
    if parent_level is not None and parent_level not in ALLOWED_PARENT_LEVELS[Level(c["level"])]:
        labels = {"child": Level(c["level"]).label, "parent": Level(parent_level).label}
        row.fail("parent_code", "parent_level", **labels)


def _check_member(row: _Row, plan: _Plan) -> None:
    c, org_code = row.clean, row.clean["organization_code"]
    level = _referenced_level(row, "organization_code", plan)
    if level is not None and level not in MEMBER_LEVELS:
        row.fail("organization_code", "organization_level", code=org_code)
    existing = plan.db_members.get(c["code"])
    if row.errors or existing is None:
        return
    if plan.scope is not None and not existing.organization.path.startswith(plan.scope.path):
        row.fail("code", "member_outside_scope", code=c["code"])
    elif existing.organization.code != org_code:
        row.fail("organization_code", "member_transfer", org=existing.organization.code)


def _referenced_level(row: _Row, field_name: str, plan: _Plan) -> str | None:
    """The level of the organisation the row points to (its parent, or a member's
    organisation), or None after recording why that organisation cannot be used."""
    code = row.clean[field_name]
    in_file = plan.orgs_in_file.get(code)
    if in_file is not None:
        if in_file.errors:
            row.fail(field_name, "reference_rejected", code=code, n=in_file.number)
            return None
        return in_file.clean["level"]  # a row that passed is inside the scope
    existing = plan.db_orgs.get(code)
    if existing is None:
        row.fail(field_name, "reference_missing", code=code)
        return None
    return existing.level if plan.in_scope(row, field_name, code, existing.path) else None


# ---- writing -------------------------------------------------------------------------


def _write(plan: _Plan, result: ImportResult, counter: _Counter) -> None:
    good_orgs = [row for row in plan.organizations if not row.errors]
    new_orgs = [row for row in good_orgs if row.code not in plan.db_orgs]
    _update_organizations([row for row in good_orgs if row.code in plan.db_orgs], plan)
    _create_organizations(new_orgs, plan)
    counter.step(len(good_orgs))
    result.organizations_created = len(new_orgs)
    result.organizations_updated = len(good_orgs) - len(new_orgs)
    good_members = [row for row in plan.members if not row.errors]
    result.members_created = _write_members(good_members, plan, counter)
    result.members_updated = len(good_members) - result.members_created
    # History from today for what changed; new rows get their first version or assignment.
    under = plan.scope.path if plan.scope else ""
    sync_versions(today(), under=under)
    sync_assignments(today(), under=under)
    counter.finish()


def _update_organizations(rows: list[_Row], plan: _Plan) -> None:
    # Only the columns the file has: a file without "Ngày thành lập" leaves those dates alone.
    if not rows:
        return
    fields = [f for f in ORGANIZATION_UPDATE_FIELDS if f in rows[0].sheet.positions]
    changed = []
    for row in rows:
        ref = plan.db_orgs[row.code]
        values = {f: row.clean[f] for f in fields}
        if any(ref.values[f] != value for f, value in values.items()):
            changed.append(Organization(id=ref.id, **values))
    Organization.objects.bulk_update(changed, fields, batch_size=BATCH)


def _create_organizations(rows: list[_Row], plan: _Plan) -> None:
    """Create level by level, so each parent has its id and path before its children.

    The path needs the row's own id, so rows are inserted first and their paths
    filled in by one bulk update per level: services.set_path, in bulk.
    """
    for level in LEVEL_ORDER:
        created = []
        for row in (r for r in rows if r.clean["level"] == level):
            values = {k: v for k, v in row.clean.items() if k != "parent_code"}
            parent = plan.db_orgs.get(row.clean["parent_code"])
            org = Organization(**values, parent_id=parent and parent.id, path="", depth=0)
            created.append((org, parent, row.clean["parent_code"]))
        Organization.objects.bulk_create([org for org, *_ in created], batch_size=BATCH)
        for org, parent, parent_code in created:
            org.path = (parent.path if parent else "") + path_segment(org.pk)
            org.depth = org.path.count(".") - 1
            plan.db_orgs[org.code] = _OrgRef(org.pk, level, org.path, parent_code)
        orgs = [org for org, *_ in created]
        Organization.objects.bulk_update(orgs, ["path", "depth"], batch_size=BATCH)


def _write_members(rows: list[_Row], plan: _Plan, counter: _Counter) -> int:
    """Create new members and update the changed ones; return how many were created."""
    new, changed, fields = [], [], set(NAME_FIELDS)
    # Only the columns the file has: a file without "Quê quán" leaves hometowns alone.
    provided = (rows[0].sheet.positions.keys() | {"birth_year_only"}) if rows else set()
    for row in rows:
        data = {k: v for k, v in row.clean.items() if k in provided and k != "organization_code"}
        data["organization_id"] = plan.db_orgs[row.clean["organization_code"]].id
        fields.update(data)
        existing = plan.db_members.get(row.code)
        if existing is None:
            new.append(Member(**data))
            new[-1].fill_derived_names()  # bulk_create skips save(), which would do it
        elif _apply(existing, data):
            changed.append(existing)
    for chunk in _chunks(new):
        Member.objects.bulk_create(chunk)
        counter.step(len(chunk))
    for chunk in _chunks(changed):
        Member.objects.bulk_update(chunk, sorted(fields))
        counter.step(len(chunk))
    counter.step(len(rows) - len(new) - len(changed))
    return len(new)


def _apply(member: Member, data: dict) -> bool:
    """Set the imported values on a member; True when anything changed."""
    watched = [*data, *NAME_FIELDS]
    before = [getattr(member, f) for f in watched]
    for name, value in data.items():
        setattr(member, name, value)
    member.fill_derived_names()
    return [getattr(member, f) for f in watched] != before


def _rejected(bad: list[_Row]) -> bytes:
    """The bad rows as a workbook: original cells, wrong ones in red, reasons at the end."""
    sheets: dict[str, tuple[list[str], list[RejectedRow]]] = {}
    for row in bad:
        rejected = RejectedRow(row.cells)
        for error in row.errors:
            position = row.sheet.positions.get(error.field)
            if position is not None:
                previous = rejected.bad_cells.get(position)
                rejected.bad_cells[position] = (
                    f"{previous}\n{error.message}" if previous else error.message
                )
            where = _("Dòng %(n)d, cột %(col)s") if error.column else _("Dòng %(n)d")
            rejected.reasons.append(
                f"{where % {'n': row.number, 'col': error.column}}: {error.message}"
            )
        sheets.setdefault(row.sheet.name, (row.sheet.headers, []))[1].append(rejected)
    return rejected_workbook(sheets)
