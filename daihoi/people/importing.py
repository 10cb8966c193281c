"""Import organisations and members from the Excel template (excel_template.py).

Three phases. Read every row of the file. Validate every row: its fields
(validation.py), then the rows against each other and against the database
(duplicate codes, parents that exist and fit, the importer's scope). Write in one
transaction, or write nothing: if any row is wrong the caller gets every error,
each naming its sheet, row, column and rule. When the caller asks for
`only_valid`, the good rows are written and the bad ones come back as a workbook
to correct and import again.

Rows are matched by code, so importing a file twice updates instead of
duplicating. At national scale (5.6 million members) nothing per member stays in
memory: member rows stream from the file (excel_reading.py), are checked in
batches (import_members_stream.py) and staged in a temporary table, where the
checks across rows and against the whole registry run as SQL, and the write is
a few set-based statements (import_stage.py). All of it runs in one transaction,
rolled back when any row fails (unless `only_valid`).

The organisation rows (at most a few hundred thousand) are checked in memory
(import_checks.py) and written level by level (import_writes.py).
"""

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from daihoi.audit.services import record
from daihoi.documents.xlsx_read import Problem, XlsxError
from daihoi.organizations.history import sync_versions, today
from daihoi.organizations.models import Organization

from . import import_stage as stage
from .excel_reading import Source
from .excel_template import ORGANIZATION_SHEET
from .exporting import RejectedRow, rejected_workbook
from .import_checks import _validate
from .import_members_stream import MemberStream
from .import_plan import MESSAGES, ImportResult, Progress, RowError, _Counter, _Plan, _Row
from .import_writes import write_organizations
from .registry_checks import registry_errors

COUNTS = ["organizations_created", "organizations_updated", "members_created", "members_updated"]
SUMMARY = _(
    "Nhập Excel: %(organizations_created)d tổ chức mới, %(organizations_updated)d cập nhật; "
    "%(members_created)d đảng viên mới, %(members_updated)d cập nhật"
)


class _Rollback(Exception):
    """Leaves the import's transaction with nothing written."""


def _cell_error(problem: Problem) -> RowError:
    """A refusal of the safe reader (range, size, unreadable cell) as the import reports it."""
    return RowError(problem.sheet, problem.row, problem.column, "", problem.code, problem.message)


def _file_error(code: str, sheet: str = "", field_name: str = "", **params) -> RowError:
    return RowError(sheet, 1 if sheet else 0, "", field_name, code, MESSAGES[code] % params)


def import_workbook(
    source,
    *,
    actor,
    scope: Organization | None = None,
    only_valid: bool = False,
    progress: Progress | None = None,
    mapping: dict | None = None,
    filename: str = "",
) -> ImportResult:
    """Import the registry file at `source` (a path or a binary file object): an .xlsx in
    the template's layout, or a members CSV (`filename` or the path ending in .csv).

    `scope` limits what may be touched to that organisation's subtree. `mapping`
    ({sheet: {field: header}}, mappings.py) names the file's headers for fields.
    `progress(phase, done, total)` hears of each phase: "read", "validate", "write".
    """
    progress = progress or (lambda phase, done, total: None)
    if isinstance(source, str | Path):
        filename, data = filename or str(source), Path(source).read_bytes()
    else:
        data = source.read()
    try:
        return _import(data, filename, actor, scope, only_valid, progress, mapping)
    except XlsxError as refused:
        return ImportResult(errors=[_cell_error(problem) for problem in refused.problems])


def _import(data, filename, actor, scope, only_valid, progress, mapping) -> ImportResult:
    source = Source(data, filename, mapping)
    problems = _shape_problems(source)
    if problems:
        return ImportResult(errors=problems)
    organizations = [s for s in source.sheets if s.name == ORGANIZATION_SHEET][:1]
    org_rows = [_Row(s, n, cells) for s in organizations for n, cells in source.rows(s)]
    _Counter(progress, "read", len(org_rows)).step(len(org_rows))
    plan = _Plan(org_rows, [], scope)
    checking = _Counter(progress, "validate", len(org_rows))
    _validate(plan, checking)  # the member rows are read and checked as they stream
    result = ImportResult(errors=[e for row in org_rows for e in row.errors])
    bad_orgs = [row for row in org_rows if row.errors]
    reopen = lambda: Source(data, filename, mapping)  # noqa: E731
    stream = MemberStream(source, plan, keep_rejected=only_valid, reopen=reopen)
    try:
        with transaction.atomic():
            write_organizations(plan, result)
            stage.create_stage()
            checking.total += sum(s.declared_rows for s in stream.sheets)
            stream.run(checking)
            source.check()
            _check_registry(stream, scope, only_valid)
            result.errors += stream.errors
            rows, bad = len(org_rows) + stream.staged + stream.bad, len(bad_orgs) + stream.bad
            if rows == 0:
                result.errors.append(_file_error("empty"))
            if rows == 0 or (bad and not only_valid) or bad == rows:
                raise _Rollback
            _write(stream, result, scope, data, actor, bad, progress)
    except _Rollback:
        result.written = False
    if only_valid and (bad_orgs or stream.rejected):
        result.rejected_xlsx = _rejected(bad_orgs + stream.rejected)
    result.errors.sort(key=lambda e: (e.sheet != ORGANIZATION_SHEET, e.sheet, e.row))
    return result


def _check_registry(stream: MemberStream, scope, only_valid: bool) -> None:
    """The checks across rows and against the registry, on the staged rows."""
    stage.index_stage()
    failed = registry_errors(stream.sheets, scope)
    if not failed:
        return
    for errors in failed.values():
        stream.bad += 1
        stream.staged -= 1
        stream.errors.extend(errors)
    if only_valid:
        stage.discard(set(failed))
        stream.rejected += stream.source_rows(failed)


def _write(stream, result, scope, data, actor, rejected: int, progress) -> None:
    counter = _Counter(progress, "write", stream.staged)
    provided = stream.provided
    result.members_created, result.members_updated = stage.write_members(provided, today())
    stage.drop_stage()
    sync_versions(today(), under=scope.path if scope else "")
    counter.step(stream.staged)
    counter.finish()
    after = {name: getattr(result, name) for name in COUNTS}
    after.update(rows_rejected=rejected, scope=scope and scope.code)
    after["sha256"] = hashlib.sha256(data).hexdigest()
    record(actor, "import.members", object_type="import", summary=SUMMARY % after, after=after)
    result.written = True


def _shape_problems(source: Source) -> list[RowError]:
    """Errors about the file's shape: they refuse the whole file."""
    problems = [
        _file_error("missing_column", sheet.title, column.field, header=column.header)
        for sheet in source.sheets
        for column in sheet.missing
    ]
    problems += [
        _file_error("duplicate_column", sheet.title, header=header)
        for sheet in source.sheets
        for header in sheet.duplicated
    ]
    if not source.sheets:
        problems.append(_file_error("empty"))
    return problems


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
        sheets.setdefault(row.sheet.title, (row.sheet.headers, []))[1].append(rejected)
    return rejected_workbook(sheets)
