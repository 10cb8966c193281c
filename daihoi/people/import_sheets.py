"""One member sheet of an import, read and checked row by row: in this process, or in a
worker process when an import reads several sheets or files at once.

Each row's fields are checked by validation.MemberRows; rows that pass become stage
tuples (import_stage.STAGED_COLUMNS) naming their organisation by code, which the
caller resolves once per code on the stage. Rows that fail keep their errors, and
their cells when the caller wants the rejected rows back. Nothing here touches the
database, so a forked worker never uses the connection it inherited.
"""

import operator
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from daihoi.textnorm import fold

from .excel_reading import SheetRows, Source
from .import_plan import RowError, _Row
from .import_stage import MEMBER_COLUMNS
from .validation import MemberRows

BATCH = 1000  # rows per stage write; progress is reported as often (import_plan.PROGRESS_EVERY)
MAX_ROWS_KEPT = 100_000  # rejected rows kept for the workbook of rejects; errors beyond are counted
_fold = lru_cache(maxsize=1 << 16)(fold)  # full names repeat across a registry


@dataclass
class Input:
    """A file of an import: its bytes or path, the name that tells CSV from .xlsx, and the
    name messages give it (empty when the import reads one file)."""

    data: bytes | Path
    filename: str
    label: str = ""

    def open(self, mapping: dict | None) -> Source:
        return Source(self.data, self.filename, mapping, self.label)


@dataclass
class SheetTask:
    sheet_no: int  # the sheet's number among all member sheets of the import
    file_no: int
    title: str
    keep_rejected: bool


@dataclass
class SheetResult:
    sheet_no: int
    rows: int = 0  # non-blank data rows read
    staged: int = 0
    errors: list[RowError] = field(default_factory=list)
    rejected: list[_Row] = field(default_factory=list)
    spool: str = ""  # a worker's file of staged batches (pickled lists), for the caller to load
    problems: list = field(default_factory=list)  # a worker's unreadable cells (xlsx_read)

    @property
    def bad(self) -> int:
        return self.rows - self.staged


def read_sheet(task: SheetTask, source: Source, sink: Callable[[list[tuple]], None]) -> SheetResult:
    """Read and check every row of the task's sheet; `sink` takes each batch of good rows."""
    sheet = next(s for s in source.sheets if s.title == task.title and s.name == "DangVien")
    checker, result, batch = MemberRows(sheet.positions), SheetResult(task.sheet_no), []
    for number, cells in source.rows(sheet):
        result.rows += 1
        clean, errors = checker.check(cells)
        if errors:
            _reject(result, sheet, number, cells, errors, task.keep_rejected)
            continue
        batch.append(stage_tuple(task.sheet_no, number, clean))
        if len(batch) >= BATCH:
            sink(batch)
            result.staged += len(batch)
            batch = []
    sink(batch)
    result.staged += len(batch)
    return result


def spool_sheet(task: SheetTask, source: Source, folder: Path) -> SheetResult:
    """In a worker: read the sheet, its good rows pickled batch by batch into a file."""
    path = folder / f"sheet-{task.sheet_no}.pickle"
    with path.open("wb") as out:
        result = read_sheet(task, source, lambda batch: batch and pickle.dump(batch, out, -1))
    result.spool = str(path)
    return result


def unspool(result: SheetResult, sink: Callable[[list[tuple]], None]) -> None:
    """Hand a worker's spooled batches to `sink`, then delete the spool."""
    path = Path(result.spool)
    with path.open("rb") as spooled:
        while True:
            try:
                batch = pickle.load(spooled)  # noqa: S301 — our own worker's file, never input
            except EOFError:
                break
            sink(batch)
    path.unlink()


def _reject(result: SheetResult, sheet: SheetRows, number, cells, errors, keep: bool) -> None:
    row = _Row(sheet, number, cells)
    for error in errors:
        row.add(error.field, error.code, error.message)
    result.errors.extend(row.errors)
    if keep and len(result.rejected) < MAX_ROWS_KEPT:
        result.rejected.append(row)


_member_values = operator.itemgetter(*MEMBER_COLUMNS)  # a row that passed has every field


def stage_tuple(sheet_no: int, number: int, clean: dict) -> tuple:
    names = (clean["family_name"], clean["middle_name"], clean["given_name"])
    full_name = " ".join(p for p in names if p)
    clean["full_name"], clean["search_name"] = full_name, _fold(full_name)
    return (sheet_no, number, *_member_values(clean), clean["organization_code"])
