"""Import organisations and members from the Excel template (excel_template.py) or CSV.

Three phases. Read every row of the files. Validate every row: its fields
(validation.py), then the rows against each other and against the database
(duplicate codes, parents that exist and fit, the importer's scope). Write in one
transaction, or write nothing: if any row of any file is wrong the caller gets
every error, each naming its file, sheet, row, column and rule. When the caller
asks for `only_valid`, the good rows are written and the bad ones come back as a
workbook to correct and import again.

Rows are matched by code, so importing a file twice updates instead of
duplicating. At national scale (5.6 million members, several files or sheets,
since a sheet holds 1,048,576 rows) nothing per member stays in memory: member
rows stream from the files, are checked sheet by sheet, in worker processes when
there are several (import_members_stream.py), and staged in a temporary table,
where the checks across rows and against the whole registry run as SQL, and the
write is a few set-based statements (import_stage.py). All of it runs in one
transaction, rolled back when any row fails (unless `only_valid`).

The organisation rows (at most a few hundred thousand) are checked in memory
(import_checks.py) and written level by level (import_writes.py).
"""

import hashlib
import io
from contextlib import nullcontext
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from daihoi.audit.services import record
from daihoi.documents.xlsx_read import Problem, XlsxError
from daihoi.organizations.history import sync_versions, today
from daihoi.organizations.models import Organization

from . import import_initial as initial
from . import import_stage as stage
from .excel_reading import Source
from .excel_template import ORGANIZATION_SHEET
from .exporting import RejectedRow, rejected_workbook
from .import_checks import _validate
from .import_members_stream import MemberStream, default_workers
from .import_plan import MESSAGES, ImportResult, Progress, RowError, _Counter, _Plan, _Row
from .import_sheets import Input
from .import_writes import write_organizations
from .registry_checks import registry_errors

COUNTS = ["organizations_created", "organizations_updated", "members_created", "members_updated"]
SUMMARY = _(
    "Nhập Excel: %(organizations_created)d tổ chức mới, %(organizations_updated)d cập nhật; "
    "%(members_created)d đảng viên mới, %(members_updated)d cập nhật"
)
SYNC_BY_ID = 5000  # organisations touched beyond this: re-sync the scope's versions instead


class _Rollback(Exception):
    """Leaves the import's transaction with nothing written."""


def _cell_error(problem: Problem, file: str = "") -> RowError:
    """A refusal of the safe reader (range, size, unreadable cell) as the import reports it."""
    return RowError(
        problem.sheet, problem.row, problem.column, "", problem.code, problem.message, file
    )


def _file_error(code: str, sheet: str = "", field_name: str = "", file: str = "", **params):
    row = 1 if sheet else 0
    return RowError(sheet, row, "", field_name, code, MESSAGES[code] % params, file)


def import_workbook(source, *, filename: str = "", **options) -> ImportResult:
    """Import the registry file at `source` (a path or a binary file object): an .xlsx in
    the template's layout, or a members CSV (`filename` or the path ending in .csv).
    The options are import_files'."""
    return import_files([source], filenames=[filename], **options)


def import_files(
    sources: list,
    *,
    actor,
    scope: Organization | None = None,
    only_valid: bool = False,
    progress: Progress | None = None,
    mapping: dict | None = None,
    filenames: list[str] | None = None,
    workers: int | None = None,
) -> ImportResult:
    """Import several registry files (paths or binary file objects) as one: all of them
    written in one transaction, or none. Errors name the file when there are several.

    `scope` limits what may be touched to that organisation's subtree. `mapping`
    ({sheet: {field: header}}, mappings.py) names the files' headers for fields.
    `progress(phase, done, total)` hears of each phase: "read", "validate", "write".
    `workers` processes read member sheets at once (default DAIHOI_IMPORT_WORKERS, or
    one per core); 1 reads them in this process.
    """
    progress = progress or (lambda phase, done, total: None)
    names = list(filenames or [])
    names += [""] * (len(sources) - len(names))
    inputs = [_input(s, n, len(sources) > 1) for s, n in zip(sources, names, strict=True)]
    workers = default_workers() if workers is None else workers
    try:
        return _import(inputs, actor, scope, only_valid, progress, mapping, workers)
    except XlsxError as refused:
        where = getattr(refused, "file", "")
        return ImportResult(errors=[_cell_error(problem, where) for problem in refused.problems])


def _input(source, filename: str, several: bool) -> Input:
    if isinstance(source, str | Path):
        path = Path(source)
        item = Input(path, filename or str(path))
    else:
        item = Input(source.read(), filename)
    item.label = Path(item.filename).name or "?" if several else ""
    return item


def _open(item: Input, mapping) -> Source:
    try:
        return item.open(mapping)
    except XlsxError as refused:
        refused.file = item.label
        raise


def _import(inputs, actor, scope, only_valid, progress, mapping, workers) -> ImportResult:
    sources = [_open(item, mapping) for item in inputs]
    pairs = list(zip(inputs, sources, strict=True))
    problems = [p for item, source in pairs for p in _shape_problems(source, item)]
    if problems:
        return ImportResult(errors=problems)
    org_rows = [
        _Row(sheet, n, cells)
        for src in sources
        for sheet in [s for s in src.sheets if s.name == ORGANIZATION_SHEET][:1]
        for n, cells in src.rows(sheet)
    ]
    _Counter(progress, "read", len(org_rows)).step(len(org_rows))
    plan = _Plan(org_rows, [], scope)
    checking = _Counter(progress, "validate", len(org_rows))
    _validate(plan, checking)  # the member rows are read and checked as they stream
    result = ImportResult(errors=[e for row in org_rows for e in row.errors])
    bad_orgs = [row for row in org_rows if row.errors]
    stream = MemberStream(
        inputs, sources, plan, keep_rejected=only_valid, mapping=mapping, workers=workers
    )
    try:
        with transaction.atomic():
            initial.one_import_at_a_time()
            touched = write_organizations(plan, result)
            stage.create_stage()
            checking.total += sum(s.declared_rows for s in stream.sheets)
            stream.run(checking)
            for item, source in pairs:
                _check_cells(item, source)
            _check_registry(stream, scope, only_valid)
            result.errors += stream.errors
            rows, bad = len(org_rows) + stream.staged + stream.bad, len(bad_orgs) + stream.bad
            if rows == 0:
                result.errors.append(_file_error("empty"))
            if rows == 0 or (bad and not only_valid) or bad == rows:
                raise _Rollback
            _write(stream, result, scope, inputs, actor, bad, progress, touched)
    except _Rollback:
        result.written = False
    if only_valid and (bad_orgs or stream.rejected):
        result.rejected_xlsx = _rejected(bad_orgs + stream.rejected)
    result.errors.sort(key=lambda e: (e.sheet != ORGANIZATION_SHEET, e.file, e.sheet, e.row))
    return result


def _check_cells(item: Input, source: Source) -> None:
    try:
        source.check()
    except XlsxError as refused:
        refused.file = item.label
        raise


def _check_registry(stream: MemberStream, scope, only_valid: bool) -> None:
    """The checks across rows and against the registry, on the staged rows."""
    stream.existing = stage.index_stage()
    stream.fail(registry_errors(stream.sheets, scope), only_valid, removed=False)


def _write(stream, result, scope, inputs, actor, rejected: int, progress, touched) -> None:
    counter = _Counter(progress, "write", stream.staged)
    # Into an empty registry (the first national load) the member tables are locked and
    # their indexes and constraints built once after the rows instead of row by row.
    first_load = stream.staged > 0 and initial.lock_if_empty()
    with initial.indexes_set_aside() if first_load else nullcontext():
        written = stage.write_members(stream.provided, today(), existing=stream.existing > 0)
    result.members_created, result.members_updated = written
    stage.drop_stage()
    # The organisations' history, for those this import created or changed only: a file
    # of members alone leaves the tree, and its history, as it was.
    if len(touched) > SYNC_BY_ID:
        sync_versions(today(), under=scope.path if scope else "")
    elif touched:
        sync_versions(today(), ids=touched)
    counter.step(stream.staged)
    counter.finish()
    after = {name: getattr(result, name) for name in COUNTS}
    after.update(rows_rejected=rejected, scope=scope and scope.code)
    digests = [_sha256(item.data) for item in inputs]
    after["sha256"] = digests[0] if len(digests) == 1 else digests
    record(actor, "import.members", object_type="import", summary=SUMMARY % after, after=after)
    result.written = True


def _sha256(data: bytes | Path) -> str:
    with data.open("rb") if isinstance(data, Path) else io.BytesIO(data) as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _shape_problems(source: Source, item: Input) -> list[RowError]:
    """Errors about a file's shape: they refuse the whole import."""
    file = item.label
    problems = [
        _file_error("missing_column", sheet.title, column.field, file, header=column.header)
        for sheet in source.sheets
        for column in sheet.missing
    ]
    problems += [
        _file_error("duplicate_column", sheet.title, "", file, header=header)
        for sheet in source.sheets
        for header in sheet.duplicated
    ]
    if not source.sheets:
        problems.append(_file_error("empty", file=file))
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
        sheets.setdefault(_rejected_title(row.sheet), (row.sheet.headers, []))[1].append(rejected)
    return rejected_workbook(sheets)


def _rejected_title(sheet) -> str:
    """The sheet's title, after its file's name when the import read several (Excel allows
    31 characters, none of []:*?/\\)."""
    if not sheet.file:
        return sheet.title
    title = f"{Path(sheet.file).stem} {sheet.title}"
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[-31:]
