"""The member sheets of an import, streamed: each row checked on its own, then staged.

A row's fields are checked by validation.py; its organisation is looked up in the
file's organisation rows or in the registry (fetched once per batch for the codes
not seen yet: set lookups, no query per row). Rows that pass go to the stage
(import_stage.py) in batches; rows that fail keep their errors, and their cells
when the caller wants the rejected rows back.
"""

from functools import lru_cache

from daihoi.textnorm import fold

from .excel_reading import SheetRows, Source
from .excel_template import MEMBER_SHEET
from .import_checks import MEMBER_LEVELS, _fetch_organizations
from .import_plan import _Counter, _Plan, _Row
from .import_stage import MEMBER_COLUMNS, stage_rows
from .validation import validate_member

BATCH = 5000
_fold = lru_cache(maxsize=1 << 16)(fold)  # full names repeat across a registry
MAX_ROWS_KEPT = 100_000  # rejected rows kept for the workbook of rejects; errors beyond are counted


class MemberStream:
    def __init__(self, source: Source, plan: _Plan, keep_rejected: bool, reopen=None):
        self.source, self.plan, self.keep_rejected = source, plan, keep_rejected
        self.reopen = reopen  # a fresh Source of the same file, to fetch rejected rows' cells
        self.sheets: list[SheetRows] = [s for s in source.sheets if s.name == MEMBER_SHEET]
        self.errors, self.rejected = [], []
        self.staged = self.bad = 0
        self.provided: set[str] = set()
        self.looked_up: set[str] = set()

    def run(self, counter: _Counter) -> None:
        for sheet_no, sheet in enumerate(self.sheets):
            self.provided |= sheet.positions.keys() | {"birth_year_only", "full_name"}
            batch: list[tuple[int, tuple]] = []
            for number, cells in self.source.rows(sheet):
                batch.append((number, cells))
                counter.step()
                if len(batch) >= BATCH:
                    self._batch(sheet_no, sheet, batch)
                    batch = []
            self._batch(sheet_no, sheet, batch)
        counter.finish()

    def _batch(self, sheet_no: int, sheet: SheetRows, batch: list[tuple[int, tuple]]) -> None:
        positions = list(sheet.positions.items())
        checked = []
        for number, cells in batch:
            width = len(cells)
            raw = {f: cells[p] if p < width else None for f, p in positions}
            clean, errors = validate_member(raw)
            checked.append((number, cells, clean, errors))
        self._fetch_organizations({c.get("organization_code") for _n, _c, c, _e in checked})
        staged = []
        for number, cells, clean, errors in checked:
            row = _Row(sheet, number, cells, clean)
            for error in errors:
                row.add(error.field, error.code, error.message)
            organization_id = None if row.errors else self._organization(row)
            if row.errors:
                self.reject(row)
                continue
            staged.append(_stage_tuple(sheet_no, number, clean, organization_id))
        stage_rows(staged)
        self.staged += len(staged)

    def reject(self, row: _Row) -> None:
        self.bad += 1
        self.errors.extend(row.errors)
        if self.keep_rejected and len(self.rejected) < MAX_ROWS_KEPT:
            self.rejected.append(row)

    def source_rows(self, failed: dict[tuple[int, int], list]) -> list[_Row]:
        """The rows failed by the checks across rows, with their cells read again."""
        wanted: dict[int, set[int]] = {}
        for sheet_no, number in failed:
            wanted.setdefault(sheet_no, set()).add(number)
        source, rows = self.reopen(), []
        members = [s for s in source.sheets if s.name == MEMBER_SHEET]
        for sheet_no, sheet in enumerate(members):
            numbers = wanted.get(sheet_no)
            for number, cells in source.rows(sheet) if numbers else ():
                if number in numbers and len(self.rejected) + len(rows) < MAX_ROWS_KEPT:
                    row = _Row(self.sheets[sheet_no], number, cells)
                    row.errors = failed[(sheet_no, number)]
                    rows.append(row)
        return rows

    def _fetch_organizations(self, codes: set) -> None:
        new = codes - self.looked_up - self.plan.orgs_in_file.keys() - self.plan.db_orgs.keys()
        new.discard(None)
        if new:
            self.plan.db_orgs.update(_fetch_organizations(new))
            self.looked_up |= new

    def _organization(self, row: _Row) -> int | None:
        """The id of the row's organisation, after the checks on it (exists, in scope,
        not rejected, a level members sit in); None with an error on the row otherwise."""
        code, plan = row.clean["organization_code"], self.plan
        in_file = plan.orgs_in_file.get(code)
        if in_file is not None and in_file.errors:
            row.fail("organization_code", "reference_rejected", code=code, n=in_file.number)
            return None
        existing = plan.db_orgs.get(code)
        if existing is None:
            row.fail("organization_code", "reference_missing", code=code)
            return None
        if in_file is None and not plan.in_scope(row, "organization_code", code, existing.path):
            return None
        if existing.level not in MEMBER_LEVELS:
            row.fail("organization_code", "organization_level", code=code)
            return None
        return existing.id


def _stage_tuple(sheet_no: int, number: int, clean: dict, organization_id: int) -> tuple:
    names = (clean["family_name"], clean["middle_name"], clean["given_name"])
    full_name = " ".join(p for p in names if p)
    values = {**clean, "full_name": full_name, "search_name": _fold(full_name)}
    values["organization_id"] = organization_id
    return (sheet_no, number, *(values.get(c, "") for c in MEMBER_COLUMNS))
