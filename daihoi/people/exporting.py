"""Workbooks with data: the export of organisations and members, and the rejected rows.

The export writes the import template (excel_template.py) with labels a person
reads ("Chính thức", "Đại học", "HMông"), which the import reads back to the same
codes, so an exported file imports unchanged.

Rows stream from the database in chunks straight into the template's sheet XML:
openpyxl builds the template (styles, dropdowns, the HuongDan sheet), and the
data rows, plain cells, are written here as text. Building a cell object per
value made a province's export take half a minute; this takes a few seconds.
"""

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.utils import translation
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from daihoi.documents.xlsx import text_cell
from daihoi.documents.xlsx_read import Workbook as XlsxReader
from daihoi.organizations.models import Kind, Level, Organization

from .ethnicities import ETHNICITIES
from .excel_template import (
    COLUMNS,
    DATE_FORMAT,
    ERROR_HEADER,
    MEMBER_SHEET,
    ORGANIZATION_SHEET,
    header_cells,
    template_workbook,
)
from .field_parsers import NO, YES
from .models import Education, Gender, Member, MemberStatus, PoliticalTheory

CHUNK = 2000
ORGANIZATION_VALUES = [
    *("code", "name", "level", "kind", "parent__code", "active", "founded_on", "national_code")
]
MEMBER_VALUES = [
    *("code", "family_name", "middle_name", "given_name", "gender", "birth_date", "ethnicity"),
    *("religion", "hometown", "citizen_id", "admitted_on", "full_member_on", "status"),
    *("general_education", "education", "political_theory", "organization__code"),
    "party_card_number",
    "birth_year_only",
]


def export_workbook(root: Organization | None = None, mapping: dict | None = None) -> bytes:
    """The subtree under `root` (every organisation when None) and its current members,
    in the template's format; `mapping` ({sheet: {field: header}}, mappings.py) renames
    the headers it names, so the file reads into the system the mapping describes."""
    organizations = Organization.objects.all()
    # Members who left (no longer "còn sinh hoạt") are not exported: the template has no
    # column to say so, and imported elsewhere they would come back as current members.
    members = Member.objects.filter(active=True)
    if root is not None:
        organizations = organizations.filter(path__startswith=root.path)
        members = members.filter(organization__path__startswith=root.path)
    return fill_template(
        {
            ORGANIZATION_SHEET: (_organization_rows(organizations), organizations.count()),
            MEMBER_SHEET: (_member_rows(members), members.count()),
        },
        headers=mapping,
    )


def _labels(choices) -> dict[str, str]:
    with translation.override("vi"):
        return {value: str(label) for value, label in choices}


def _organization_rows(organizations: QuerySet[Organization]):
    levels, kinds = _labels(Level.choices), _labels(Kind.choices)
    # By path: every parent before its children, as a reader expects.
    rows = organizations.order_by("path").values_list(*ORGANIZATION_VALUES)
    for code, name, level, kind, parent, active, founded, national in rows.iterator(CHUNK):
        yield (
            code,
            name,
            levels[level],
            kinds[kind],
            parent,
            YES if active else NO,
            founded,
            national,
        )


def _member_rows(members: QuerySet[Member]):
    lookups = {
        MEMBER_VALUES.index(name): labels
        for name, labels in (
            ("gender", _labels(Gender.choices)),
            ("ethnicity", dict(ETHNICITIES)),
            ("status", _labels(MemberStatus.choices)),
            ("education", _labels(Education.choices)),
            ("political_theory", _labels(PoliticalTheory.choices)),
        )
    }
    birth = MEMBER_VALUES.index("birth_date")
    rows = members.order_by("organization__path", "code").values_list(*MEMBER_VALUES)
    for *values, year_only in rows.iterator(chunk_size=CHUNK):
        for position, labels in lookups.items():
            values[position] = labels.get(values[position], values[position])
        if year_only:
            values[birth] = values[birth].year  # a year alone reads back as "only the year"
        yield values


# ---- the template, filled --------------------------------------------------------------

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Characters XML 1.0 cannot carry; a stray one pasted into a name must not break the file.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
COLUMN_STYLE = re.compile(rb'<col [^>]*?style="(\d+)"[^>]*?min="(\d+)"')


def fill_template(
    sheets: dict[str, tuple[Iterable[Sequence], int | None]], headers: dict | None = None
) -> bytes:
    """The template workbook with rows streamed into its data sheets.

    `sheets` maps a sheet name to (rows in the sheet's column order, how many, or
    None if unknown). The count goes into the sheet's declared size, which lets the
    import report progress as a percentage. Text goes to a shared-strings table, as
    Excel itself saves it: repeated labels are stored once and the file reads faster.
    """
    blank = template_workbook()
    template = zipfile.ZipFile(io.BytesIO(blank))
    if SHARED_STRINGS in template.namelist():  # openpyxl's write-only mode writes inline text
        raise RuntimeError("the template already has shared strings")
    targets = {path: name for name, path in XlsxReader(blank).sheets.items() if name in sheets}
    strings: dict[str, int] = {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for item in template.infolist():
            xml, name = template.read(item), targets.get(item.filename)
            if name is None:
                if item.filename in PART_REGISTRATION:
                    xml = xml.replace(*PART_REGISTRATION[item.filename])
                book.writestr(item, xml)
                continue
            xml = _rename_headers(xml, name, (headers or {}).get(name, {}))
            with book.open(item.filename, "w") as dest:
                _write_sheet(dest, xml, *sheets[name], len(COLUMNS[name]), strings)
        book.writestr(SHARED_STRINGS, _shared_strings_xml(strings))
    return out.getvalue()


def _rename_headers(xml: bytes, sheet: str, renamed: dict[str, str]) -> bytes:
    """The template sheet with the header of each field in `renamed` replaced."""
    for position, column in enumerate(COLUMNS[sheet]):
        if column.field in renamed:
            letter = get_column_letter(position + 1).encode()
            cell = re.compile(rb'(<c r="' + letter + rb'1"[^>]*><is>)<t>.*?</t>(</is>)')
            text = _text_xml(renamed[column.field]).encode()
            xml = cell.sub(lambda m, text=text: m.group(1) + text + m.group(2), xml, count=1)
    return xml


SHARED_STRINGS = "xl/sharedStrings.xml"
# The shared-strings part must be declared in the package and linked from the workbook.
PART_REGISTRATION = {
    "[Content_Types].xml": (
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    "xl/_rels/workbook.xml.rels": (
        b"</Relationships>",
        b'<Relationship Id="rIdSharedStrings" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    ),
}


def _text_xml(value: str) -> str:
    text = escape(ILLEGAL_XML.sub("", value))
    return f'<t xml:space="preserve">{text}</t>' if text != text.strip() else f"<t>{text}</t>"


def _shared_strings_xml(strings: dict[str, int]) -> bytes:
    # dicts keep insertion order, which is the order the indexes were given in
    items = "".join(f"<si>{_text_xml(text)}</si>" for text in strings)
    return (
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    ).encode()


def _write_sheet(dest, xml: bytes, rows, count: int | None, width: int, strings: dict) -> None:
    head, tail = xml.split(b"</sheetData>")
    if count is not None:
        dimension = f'<dimension ref="A1:{get_column_letter(width)}{count + 1}"/>'.encode()
        head = head.replace(b"<sheetViews>", dimension + b"<sheetViews>", 1)
    # Each cell takes its column's style: "@" keeps codes as text, the date columns
    # show dd/mm/yyyy. A year alone in a date column stays a plain number.
    styles = {int(col) - 1: f' s="{style.decode()}"' for style, col in COLUMN_STYLE.findall(head)}
    letters = [get_column_letter(i + 1) for i in range(width)]
    dest.write(head)
    chunk = []
    for number, row in enumerate(rows, start=2):
        chunk.append(_row_xml(number, row, letters, styles, strings))
        if len(chunk) == 500:
            dest.write("".join(chunk).encode())
            chunk = []
    dest.write("".join(chunk).encode())
    dest.write(b"</sheetData>" + tail)


def _row_xml(number: int, row: Sequence, letters: list[str], styles: dict, strings: dict) -> str:
    cells = [f'<row r="{number}">']
    for i, value in enumerate(row):
        if value is None or value == "":
            continue
        ref = f"{letters[i]}{number}"
        if isinstance(value, str):
            index = strings.setdefault(value, len(strings))
            cells.append(f'<c r="{ref}"{styles.get(i, "")} t="s"><v>{index}</v></c>')
        elif isinstance(value, bool):
            cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            cells.append(f'<c r="{ref}"{styles.get(i, "")}><v>{(day - EXCEL_EPOCH).days}</v></c>')
        else:
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
    cells.append("</row>")
    return "".join(cells)


# ---- rows the import refused ----------------------------------------------------------

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
ERROR_FONT = Font(color="9C0006")


@dataclass
class RejectedRow:
    """A refused row: its original cells, the wrong ones with their message, and why."""

    values: Sequence
    bad_cells: dict[int, str] = field(default_factory=dict)  # 0-based position → message
    reasons: list[str] = field(default_factory=list)


def rejected_workbook(sheets: dict[str, tuple[Sequence[str], list[RejectedRow]]]) -> bytes:
    """The refused rows under their original headers, wrong cells in red, reasons last.

    The import ignores the extra column, so the file can be corrected and imported again.
    """
    wb = Workbook(write_only=True)
    for sheet, (headers, rows) in sheets.items():
        ws = wb.create_sheet(sheet)
        ws.freeze_panes = "A2"
        ws.column_dimensions[get_column_letter(len(headers) + 1)].width = 80
        ws.append(header_cells(ws, [*headers, ERROR_HEADER]))
        for row in rows:
            ws.append(_rejected_cells(ws, row, len(headers)))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rejected_cells(ws, row: RejectedRow, width: int) -> list:
    cells = []
    for position, value in enumerate([*row.values, *[None] * width][:width]):
        cell = text_cell(ws, value)  # the refused file's own text, maybe "=…": kept as text
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        if position in row.bad_cells:
            cell.fill = ERROR_FILL
            cell.comment = Comment(row.bad_cells[position], "daihoi")
        cells.append(cell)
    reason = text_cell(ws, "\n".join(row.reasons))
    reason.font, reason.alignment = ERROR_FONT, Alignment(wrap_text=True, vertical="top")
    return [*cells, reason]
