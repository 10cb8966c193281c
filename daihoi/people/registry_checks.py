"""The checks of an import across all its member rows and against the whole registry.

They run on the staged rows (import_stage.py), one query each: a member code, a
citizen ID number (CCCD) or a party card number given on two rows of the file,
or already held by another member of the registry (not only of the file); and
members already registered who sit outside the importer's scope or in another
organisation (a transfer is its own procedure, transfers.py).
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from .excel_reading import SheetRows
from .import_plan import MESSAGES, RowError
from .import_stage import duplicates_in_file, existing_conflicts, held_elsewhere

ROWS_NAMED = 10  # a message lists this many of the other rows, then how many more

# column → (field label key, message code in the file, message code in the registry)
UNIQUE_COLUMNS = {
    "code": ("duplicate_code", None),
    "citizen_id": ("duplicate_citizen_id", "citizen_id_taken"),
    "party_card_number": ("duplicate_party_card", "party_card_taken"),
}


def registry_errors(sheets: list[SheetRows], scope) -> dict[tuple[int, int], list[RowError]]:
    """(sheet_no, row) → the errors of that staged row."""
    failed: dict[tuple[int, int], list[RowError]] = defaultdict(list)

    def fail(sheet_no: int, number: int, field: str, error_code: str, /, **params) -> None:
        sheet = sheets[sheet_no]
        letter = sheet.letter(field)
        column = f"{letter} ({sheet.headers[sheet.positions[field]]})" if letter else ""
        message = MESSAGES[error_code] % params
        failed[(sheet_no, number)].append(
            RowError(sheet.title, number, column, field, error_code, message, sheet.file)
        )

    for column, (in_file, in_registry) in UNIQUE_COLUMNS.items():
        if column != "code" and not any(column in s.positions for s in sheets):
            continue
        by_value = defaultdict(list)
        for value, code, sheet_no, number in duplicates_in_file(column):
            by_value[value].append((code, sheet_no, number))
        for value, rows in by_value.items():
            for code, sheet_no, number in rows:
                others = [(s, n) for c, s, n in rows if column == "code" or c != code]
                fail(
                    sheet_no,
                    number,
                    column,
                    in_file,
                    value=value,
                    code=value,
                    rows=_rows_text(sheets, others, sheet_no),
                )
        if in_registry:
            for sheet_no, number, value, other in held_elsewhere(column):
                fail(sheet_no, number, column, in_registry, value=value, other=other)
    for sheet_no, number, code, organization, inside in existing_conflicts(
        scope.path if scope else None
    ):
        if not inside:
            fail(sheet_no, number, "code", "member_outside_scope", code=code)
        else:
            fail(sheet_no, number, "organization_code", "member_transfer", org=organization)
    return failed


def _rows_text(sheets: list[SheetRows], rows: list[tuple[int, int]], here: int) -> str:
    named = [
        str(number) if sheet_no == here else f"{sheets[sheet_no].title} {number}"
        for sheet_no, number in rows[:ROWS_NAMED]
    ]
    more = len(rows) - ROWS_NAMED
    if more > 0:
        named.append(_("và %(n)d dòng khác") % {"n": more})
    return ", ".join(named)
