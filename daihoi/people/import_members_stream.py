"""The member sheets of an import, every file's, read and staged: one after another, or
in worker processes at once.

Each sheet is read and its rows checked on their own by import_sheets.py. With
one sheet (or one worker) that happens here, batch by batch into the stage. With
several sheets, a pool of forked workers reads them at once, each spooling its
good rows to a file the parent loads into the stage as soon as the sheet is done:
the database is written by this process only, in the import's one transaction,
so all-or-nothing holds; the workers only parse and check, which is where the
time goes. Then each organisation code the staged rows name is checked once
(exists, in scope, not rejected, a level members sit in) and the rows naming a
bad one get its error; the writes join the others to their organisation's id.
"""

import multiprocessing
import os
import shutil
import signal
import tempfile
from collections import defaultdict
from pathlib import Path

from daihoi.documents.xlsx_read import Problem, XlsxError

from . import import_stage as stage
from .excel_reading import Source
from .excel_template import MEMBER_SHEET
from .import_checks import MEMBER_LEVELS, _fetch_organizations
from .import_plan import RowError, _Counter, _Plan, _Row
from .import_sheets import (
    MAX_ROWS_KEPT,
    Input,
    SheetResult,
    SheetTask,
    read_sheet,
    spool_sheet,
    unspool,
)

_JOB = None  # (inputs, mapping, tasks, folder): what forked workers read, set before the fork


def default_workers() -> int:
    """DAIHOI_IMPORT_WORKERS, or one per core (a value that is not a number: one per core)."""
    given = os.environ.get("DAIHOI_IMPORT_WORKERS", "")
    return max(int(given), 1) if given.strip().isdigit() else os.cpu_count() or 1


class MemberStream:
    def __init__(self, inputs: list[Input], sources: list[Source], plan: _Plan, **options):
        self.inputs, self.sources, self.plan = inputs, sources, plan
        self.keep_rejected = options.get("keep_rejected", False)
        self.mapping, self.workers = options.get("mapping"), options.get("workers") or 1
        self.sheets, self.tasks = [], []
        for file_no, source in enumerate(sources):
            for sheet in source.sheets:
                if sheet.name == MEMBER_SHEET:
                    task = SheetTask(len(self.sheets), file_no, sheet.title, self.keep_rejected)
                    self.sheets.append(sheet)
                    self.tasks.append(task)
        self.errors, self.rejected, self.problems = [], [], []
        self.staged = self.bad = 0
        self.existing = 0  # staged rows of members already registered (import_stage.index_stage)
        self.provided = {f for s in self.sheets for f in s.positions} | {
            "birth_year_only",
            "full_name",
        }

    def run(self, counter: _Counter) -> None:
        """Read, check and stage every member row, then resolve their organisations."""
        if self.workers > 1 and len(self.tasks) > 1:
            self._in_workers(counter)
        else:
            for task in self.tasks:
                sink, source = _counted(counter), self.sources[task.file_no]
                try:
                    self._take(read_sheet(task, source, sink))
                except XlsxError as refused:
                    refused.file = self.inputs[task.file_no].label
                    raise
        counter.finish()
        if self.problems:
            raise XlsxError(self.problems)
        self.fail(self._organization_failures(), only_valid=self.keep_rejected, removed=True)

    def _in_workers(self, counter: _Counter) -> None:
        global _JOB
        folder = Path(tempfile.mkdtemp(prefix="daihoi-import-"))
        _JOB = (self.inputs, self.mapping, self.tasks, folder)
        # fork: the workers inherit the files' bytes and never touch the database.
        context = multiprocessing.get_context("fork")
        try:
            with worker_pool(context, min(self.workers, len(self.tasks))) as pool:
                for result in pool.imap_unordered(_work, range(len(self.tasks))):
                    if isinstance(result, tuple):  # the file was refused
                        refused = XlsxError(result[1])
                        refused.file = self.inputs[result[0]].label
                        raise refused
                    unspool(result, _counted(counter))
                    self._take(result)
                pool.close()  # every sheet is in: let the workers leave on their own
                pool.join()
        finally:
            _JOB = None
            shutil.rmtree(folder, ignore_errors=True)

    def _take(self, result: SheetResult) -> None:
        self.staged += result.staged
        self.bad += result.bad
        self.errors += result.errors
        room = MAX_ROWS_KEPT - len(self.rejected)
        self.rejected += result.rejected[: max(room, 0)]
        self.problems += result.problems

    def fail(self, failed: dict[tuple[int, int], list], only_valid: bool, removed: bool) -> None:
        """Rows found wrong on the stage: counted bad, their errors kept, and with
        `only_valid` taken out of the stage (unless `removed` already) and their cells
        read again for the workbook of rejects."""
        if not failed:
            return
        for errors in failed.values():
            self.bad += 1
            self.staged -= 1
            self.errors.extend(errors)
        if only_valid:
            if not removed:
                stage.discard(set(failed))
            self.rejected += self.source_rows(failed)

    def source_rows(self, failed: dict[tuple[int, int], list]) -> list[_Row]:
        """The rows failed by the checks on the stage, with their cells read again."""
        wanted: dict[int, set[int]] = defaultdict(set)
        for sheet_no, number in failed:
            wanted[sheet_no].add(number)
        rows = []
        for file_no, item in enumerate(self.inputs):
            tasks = [t for t in self.tasks if t.file_no == file_no and t.sheet_no in wanted]
            source = item.open(self.mapping) if tasks else None
            for task in tasks:
                sheet = next(s for s in source.sheets if s.title == task.title)
                numbers = wanted[task.sheet_no]
                for number, cells in source.rows(sheet):
                    if number in numbers and len(self.rejected) + len(rows) < MAX_ROWS_KEPT:
                        row = _Row(self.sheets[task.sheet_no], number, cells)
                        row.errors = failed[(task.sheet_no, number)]
                        rows.append(row)
        return rows

    def _organization_failures(self) -> dict[tuple[int, int], list[RowError]]:
        """Check each organisation code the stage names once; the rows naming a bad one
        fail (and leave the stage); the writes join the others to their organisation."""
        codes = stage.staged_codes()
        plan = self.plan
        unknown = set(codes) - plan.db_orgs.keys() - plan.orgs_in_file.keys()
        plan.db_orgs.update(_fetch_organizations(unknown))
        problems = {code: p for code in codes if (p := self._code_problem(code))}
        failed = defaultdict(list)
        if problems:
            for sheet_no, number, code in stage.rows_naming(sorted(problems)):
                error_code, params = problems[code]
                failed[(sheet_no, number)].append(self._error(sheet_no, number, error_code, params))
            stage.discard_naming(sorted(problems))
        return failed

    def _code_problem(self, code: str) -> tuple[str, dict] | None:
        """Why members cannot be imported into organisation `code`, or None."""
        plan = self.plan
        in_file = plan.orgs_in_file.get(code)
        if in_file is not None and in_file.errors:
            return "reference_rejected", {"code": code, "n": in_file.number}
        existing = plan.db_orgs.get(code)
        if existing is None:
            return "reference_missing", {"code": code}
        scope = plan.scope
        if in_file is None and scope is not None and not existing.path.startswith(scope.path):
            return "outside_scope", {"code": code, "scope": scope.name}
        if existing.level not in MEMBER_LEVELS:
            return "organization_level", {"code": code}
        return None

    def _error(self, sheet_no: int, number: int, error_code: str, params: dict) -> RowError:
        row = _Row(self.sheets[sheet_no], number, ())
        row.fail("organization_code", error_code, **params)
        return row.errors[0]


def _counted(counter: _Counter):
    def sink(batch: list[tuple]) -> None:
        stage.stage_rows(batch)
        counter.step(len(batch))

    return sink


def worker_pool(context, size: int):
    return context.Pool(size, _worker_start)


def _worker_start() -> None:
    """A forked worker dies on SIGTERM and SIGINT whatever its parent does with them.

    The job worker (`daihoi worker`) that runs an import catches both to finish its job
    first; a pool worker inheriting that handler would ignore the pool's terminate and
    leave the import waiting for it forever.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _work(index: int) -> SheetResult | tuple[int, list[Problem]]:
    """In a worker: one sheet, spooled; a refused file comes back as (file_no, problems)."""
    inputs, mapping, tasks, folder = _JOB
    task = tasks[index]
    try:
        source = inputs[task.file_no].open(mapping)
        result = spool_sheet(task, source, folder)
        result.problems = source.problems
        return result
    except XlsxError as refused:
        return task.file_no, refused.problems
