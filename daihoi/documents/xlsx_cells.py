"""The rows and cells of one sheet, streamed (used by xlsx_read.Workbook.rows).

Each <row> element is read when it closes, its cells turned into Python values
(text, int, float, bool, datetime) and the element cleared, so memory holds one
row at a time. A cell beyond the workbook's bounds stops the file; a cell that
cannot be read becomes None and a problem on the workbook.
"""

import datetime as dt
from functools import lru_cache

from django.utils.translation import gettext as _
from lxml import etree

from .xlsx_read import (
    EPOCH_1900,
    EPOCH_1904,
    EXCEL_MAX_COLUMNS,
    EXCEL_MAX_DATE_SERIAL,
    _refuse,
    column_letter,
)


@lru_cache(maxsize=1024)
def _letters_index(letters: str) -> int:
    if len(letters) > 3:  # past XFD, the last column Excel has
        return EXCEL_MAX_COLUMNS + 1
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _column(ref: str) -> int:
    """0-based column of a reference such as "AB12"."""
    return _letters_index(ref.rstrip("0123456789").upper())


SHEET_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",  # transitional, as Excel saves
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # strict
)
ROW_TAGS = tuple(f"{{{ns}}}row" for ns in SHEET_NAMESPACES)


def read_rows(book, title: str):
    limits, strings, date_styles = book.limits, book.strings(), book.date_styles()
    epoch = EPOCH_1904 if book.mac_dates else EPOCH_1900
    cells = _Cells(book, title, strings, date_styles, epoch)
    number = 0
    with book._open(book.sheets[title]) as stream:
        # Only <row> ends are reported; no DTD, no entities, no network, text nodes
        # bounded (huge_tree off). Each row is dropped once read, with what precedes it.
        rows = etree.iterparse(
            stream,
            events=("end",),
            tag=ROW_TAGS,
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
        )
        for _event, elem in rows:
            if cells.ns is None:
                cells.tags(elem.tag[: -len("row")])
            declared = elem.get("r")
            number = int(declared) if declared and declared.isdigit() else number + 1
            if number > limits.rows:
                _beyond_rows(title, number, limits.rows)
            values = cells.row(elem, number)
            elem.clear()
            parent = elem.getparent()
            while elem.getprevious() is not None:
                del parent[0]
            yield number, values


def _beyond_rows(title: str, number: int, limit: int):
    _refuse(
        "range_rows",
        _("Dòng %(n)d vượt quá giới hạn %(limit)d dòng của một sheet nhập")
        % {"n": number, "limit": limit},
        sheet=title,
        row=number,
    )


class _Cells:
    def __init__(self, book, title, strings, date_styles, epoch):
        self.book, self.title, self.strings = book, title, strings
        self.date_styles, self.epoch, self.max_columns = date_styles, epoch, book.limits.columns
        self.ns = None

    def tags(self, ns: str) -> None:
        self.v_tag, self.f_tag, self.t_tag, self.is_tag = f"{ns}v", f"{ns}f", f"{ns}t", f"{ns}is"

    def row(self, elem, number: int) -> tuple:
        values: list = []
        position, strings, v_tag = -1, self.strings, self.v_tag
        count = len(strings)
        for cell in elem:
            ref = cell.get("r")
            position = _column(ref) if ref else position + 1
            if position >= self.max_columns:
                self._beyond_columns(number, position, ref)
            value = None
            if cell.get("t") == "s":  # the common case, kept inline: a shared string
                v = cell.findtext(v_tag)
                if v and v.isdigit() and int(v) < count:
                    value = strings[int(v)]
            if value is None:
                value = self.value(cell, number, position)
                if value is None:
                    continue
            width = len(values)
            if position == width:
                values.append(value)
            elif position > width:
                values.extend([None] * (position - width))
                values.append(value)
            else:
                values[position] = value
        return tuple(values)

    def _beyond_columns(self, number: int, position: int, ref: str | None):
        last = column_letter(self.max_columns - 1)
        cell = ref or f"{column_letter(min(position, 16383))}{number}"
        message = _(
            "Ô %(cell)s nằm ngoài vùng được đọc (đến cột %(last)s): xoá các cột thừa rồi lưu lại"
        ) % {"cell": cell, "last": last}
        _refuse("range_columns", message, sheet=self.title, row=number)

    def value(self, cell, number: int, position: int):
        kind = cell.get("t")
        if kind == "s":
            v = cell.findtext(self.v_tag)
            return self._shared(v, number, position) if v else self._empty(cell, number, position)
        if kind == "inlineStr":
            inline = cell.find(self.is_tag)
            return "" if inline is None else "".join(t.text or "" for t in inline.iter(self.t_tag))
        kind = kind or "n"
        v = cell.findtext(self.v_tag)
        if v == "" and kind == "str":  # a formula whose text result is empty
            return ""
        if not v:  # no <v>, or an empty one as openpyxl writes for a formula
            return self._empty(cell, number, position)
        if kind == "n":
            return self._number(v, int(cell.get("s") or 0), number, position)
        if kind in ("str", "inlineStr"):
            return v
        if kind == "b":
            return v.strip() in ("1", "true")
        if kind == "e":
            return self._fail(
                "cell_error",
                _("Ô có giá trị lỗi %(error)s của Excel: sửa công thức hoặc dữ liệu")
                % {"error": v},
                number,
                position,
            )
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(v)
            except ValueError:
                return self._fail(
                    "bad_date", _("Ngày “%(v)s” không đọc được") % {"v": v[:40]}, number, position
                )
        return self._fail(
            "cell_type",
            _("Kiểu ô “%(t)s” không có trong chuẩn .xlsx") % {"t": kind[:20]},
            number,
            position,
        )

    def _empty(self, cell, number: int, position: int):
        if cell.find(self.f_tag) is None:
            return None
        message = _(
            "Công thức chưa có giá trị tính sẵn: mở tệp bằng Excel, tính lại và lưu, "
            "hoặc dán giá trị thay công thức"
        )
        return self._fail("formula_without_value", message, number, position)

    def _shared(self, v: str, number: int, position: int):
        try:
            index = int(v)
            if index < 0:
                raise IndexError
            return self.strings[index]
        except (ValueError, IndexError):
            message = _(
                "Ô trỏ tới chuỗi dùng chung số %(i)s nhưng tệp chỉ có %(n)d chuỗi: tệp hỏng, "
                "mở bằng Excel và lưu lại"
            ) % {"i": v[:20], "n": len(self.strings)}
            return self._fail("shared_string_index", message, number, position)

    def _number(self, v: str, style: int, number: int, position: int):
        try:
            value = int(v) if v.isdigit() else float(v)
        except ValueError:
            return self._fail(
                "bad_number", _("Số “%(v)s” không đọc được") % {"v": v[:40]}, number, position
            )
        if value != value or value in (float("inf"), float("-inf")):
            return self._fail(
                "bad_number", _("Số “%(v)s” không đọc được") % {"v": v[:40]}, number, position
            )
        if style in self.date_styles:
            if not 0 <= value <= EXCEL_MAX_DATE_SERIAL:
                message = _(
                    "Ô định dạng ngày có số %(v)s, ngoài lịch của Excel (từ 0 đến %(max)d, "
                    "tức 31/12/9999)"
                ) % {"v": v[:40], "max": EXCEL_MAX_DATE_SERIAL}
                return self._fail("date_out_of_range", message, number, position)
            moment = self.epoch + dt.timedelta(days=value)
            return moment
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value

    def _fail(self, code: str, message: str, number: int, position: int) -> None:
        self.book.problem(code, message, self.title, number, position)
        return None
