"""Where a whole candidate list comes from, read into rows the clerk checks before saving:
pasted lines, an Excel sheet, or the personnel plan's nominated people.

Nothing here writes. Each row carries what the registry says about the name typed
(`Match`): one member whose name it is (exact), several people it could be (the
clerk chooses), or nobody (the typed name is used as it is, as the single addition
allows). `list_bulk.add_candidates` then saves the rows the clerk confirmed.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from daihoi.documents.xlsx_read import Limits, Workbook, XlsxError
from daihoi.people.models import Member
from daihoi.people.selectors import members_in, search, visible_members
from daihoi.textnorm import fold, nfc

from .list_bulk import MAX_ROWS
from .models import Nomination

EXACT, SEVERAL, NONE = "exact", "several", "none"
CHOICES_SHOWN = 8  # a line that could be more people than this needs a fuller name
SHEET_COLUMNS = [
    ("full_name", "Họ và tên"),
    ("code", "Mã đảng viên"),
    ("nominated_by", "Giới thiệu"),
    ("poll_agree", "Số đồng ý"),
]
# What a sheet's "Giới thiệu" cell may say, read without marks or case (the words of the
# choices themselves are written out: lazy labels would follow the reader's language).
NOMINATION_WORDS = {
    **{value: value for value in Nomination.values},
    "cap uy": Nomination.CONVENING,
    "cap uy trieu tap": Nomination.CONVENING,
    "cap uy trieu tap gioi thieu": Nomination.CONVENING,
    "dai hoi": Nomination.CONGRESS,
    "dai hoi gioi thieu": Nomination.CONGRESS,
    "ung cu": Nomination.SELF,
    "tu ung cu": Nomination.SELF,
}
_NUMBERING = re.compile(r"^\s*\d{1,3}\s*[.)\-–:]?\s+")  # "12. Nguyễn Văn An" copied from a list


@dataclass
class Row:
    """One line for the preview: the name as given, the registry's answer, the clerk's choice."""

    row: int
    text: str
    status: str = NONE
    members: list = field(default_factory=list)
    chosen: int | None = None  # a member id; None = the typed name without a member
    nominated_by: str = Nomination.CONVENING
    poll_agree: int | None = None
    note: str = ""
    errors: list = field(default_factory=list)


def member_scope(election, user):
    """Who a row may be: active members of the congress's organisation the user can see."""
    congress_org = election.congress.organization
    return (members_in(congress_org) & visible_members(user)).filter(active=True)


def lines_of(text: str) -> list[tuple[int, str]]:
    """(line number, name) for each non-blank pasted line; a leading list number is dropped."""
    out = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        name = nfc(_NUMBERING.sub("", line.split("\t")[0]))
        if name:
            out.append((number, name))
    return out


def match(scope, rows: list[Row]) -> list[Row]:
    """Fill each row's registry answer: exact when one member's name is the line (as written,
    or with marks and case aside when nobody else shares it), several to choose from, or none."""
    wanted = {fold(r.text) for r in rows if r.chosen is None}
    by_name: dict[str, list[Member]] = {}
    exact_qs = scope.filter(search_name__in=wanted).select_related("organization")
    for member in exact_qs.order_by("code"):
        by_name.setdefault(member.search_name, []).append(member)
    for r in rows:
        if r.chosen is not None:
            continue
        found = by_name.get(fold(r.text), [])
        if not found:
            found = list(search(scope, r.text).select_related("organization")[: CHOICES_SHOWN + 1])
        r.members = found[:CHOICES_SHOWN]
        # One member whose name is the line as written (marks and all) is the match even when
        # others share its unmarked form (Nguyễn Văn An, Nguyễn Văn Ân): the others stay offered.
        same = [m for m in found if m.full_name.casefold() == r.text.casefold()]
        if len(found) == 1 and fold(found[0].full_name) == fold(r.text):
            r.status, r.chosen = EXACT, found[0].pk
        elif len(same) == 1:
            r.status, r.chosen = EXACT, same[0].pk
        elif found:
            r.status = SEVERAL
        else:
            r.status = NONE
    return rows


def rows_from_text(scope, text: str) -> list[Row]:
    lines = lines_of(text)
    if len(lines) > MAX_ROWS:
        raise ValueError(
            _("Tối đa %(n)d tên mỗi lần (có %(m)d).") % {"n": MAX_ROWS, "m": len(lines)}
        )
    return match(scope, [Row(row=n, text=name) for n, name in lines])


def rows_from_excel(scope, data: bytes) -> tuple[list[Row], list[str]]:
    """The sheet's rows (header in row 1: Họ và tên, optional Mã đảng viên, Giới thiệu,
    Số đồng ý), or the file's errors naming row and column."""
    try:
        book = Workbook(data, Limits(columns=16, rows=MAX_ROWS + 1))
        title = next(iter(book.sheets), None)
        if title is None:
            return [], [_("Tệp không có trang tính nào.")]
        rows = book.rows(title)
        first = next(rows, None)
        header = [fold(str(h or "")) for h in (first[1] if first else ())]
        positions = {k: header.index(fold(v)) for k, v in SHEET_COLUMNS if fold(v) in header}
        if "full_name" not in positions and "code" not in positions:
            return [], [_("Dòng 1 cần cột “Họ và tên” (hoặc “Mã đảng viên”).")]
        out, errors = [], []
        for number, values in rows:
            cells = {k: values[p] if p < len(values) else None for k, p in positions.items()}
            if all(v is None or str(v).strip() == "" for v in cells.values()):
                continue
            out.append(_sheet_row(scope, number, cells, errors))
        book.check()
    except XlsxError as refused:
        return [], [str(problem) for problem in refused.problems]
    return match(scope, out), errors


def _sheet_row(scope, number: int, cells: dict, errors: list[str]) -> Row:
    row = Row(row=number, text=nfc(str(cells.get("full_name") or "")))
    code = str(cells.get("code") or "").strip()
    if code:
        member = scope.filter(code__iexact=code).first()
        if member is None:
            errors.append(_where(number, "Mã đảng viên", _("không có đảng viên mã %s.") % code))
        elif row.text and fold(row.text) != fold(member.full_name):
            message = _("mã %(code)s là %(name)s, không phải “%(text)s”.") % {
                "code": code,
                "name": member.full_name,
                "text": row.text,
            }
            errors.append(_where(number, "Mã đảng viên", message))
        else:
            row.text, row.chosen, row.status, row.members = (
                member.full_name,
                member.pk,
                EXACT,
                [member],
            )
    word = fold(str(cells.get("nominated_by") or ""))
    if word:
        row.nominated_by = NOMINATION_WORDS.get(word, "")
        if not row.nominated_by:
            errors.append(_where(number, "Giới thiệu", _("ghi “Cấp ủy”, “Đại hội” hoặc “Ứng cử”.")))
    row.poll_agree = _count(cells.get("poll_agree"), number, errors)
    return row


def _count(value, number: int, errors: list[str]) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        count = int(float(str(value).strip()))
    except ValueError:
        count = -1
    if count < 0 or str(count) != str(value).strip().removesuffix(".0"):
        errors.append(_where(number, "Số đồng ý", _("cần một số nguyên không âm.")))
        return None
    return count


def _where(row: int, column: str, message: str) -> str:
    return _("Dòng %(row)d, cột “%(column)s”: %(message)s") % {
        "row": row,
        "column": column,
        "message": message,
    }
