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

The phases by module: the shared rows and plan (import_plan.py), the checks
(import_checks.py), the writes (import_writes.py).
"""

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from daihoi.audit.services import record
from daihoi.documents.xlsx_read import Problem, XlsxError
from daihoi.organizations.models import Organization

from .excel_reading import SheetRows, read_workbook
from .excel_template import MEMBER_SHEET, ORGANIZATION_SHEET
from .exporting import RejectedRow, rejected_workbook
from .import_checks import _validate
from .import_plan import MESSAGES, ImportResult, Progress, RowError, _Counter, _Plan, _Row
from .import_writes import _write

COUNTS = ["organizations_created", "organizations_updated", "members_created", "members_updated"]
SUMMARY = _(
    "Nhập Excel: %(organizations_created)d tổ chức mới, %(organizations_updated)d cập nhật; "
    "%(members_created)d đảng viên mới, %(members_updated)d cập nhật"
)


def _cell_error(problem: Problem) -> RowError:
    """A refusal of the safe reader (range, size, unreadable cell) as the import reports it."""
    column = problem.column
    return RowError(problem.sheet, problem.row, column, "", problem.code, problem.message)


def _file_error(code: str, sheet: str = "", field_name: str = "", **params) -> RowError:
    return RowError(sheet, 1 if sheet else 0, "", field_name, code, MESSAGES[code] % params)


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
    except XlsxError as refused:
        return {}, [_cell_error(problem) for problem in refused.problems]
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
