"""The rows and cells of one sheet, streamed (used by xlsx_read.Workbook.rows).

Each <row> element is read when it closes, its cells turned into Python values
(text, int, float, bool, datetime) and the element cleared, so memory holds one
row at a time. A cell beyond the workbook's bounds stops the file; a cell that
cannot be read becomes None and a problem on the workbook.
"""

import datetime as dt
from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _

from .xlsx_read import (
    EPOCH_1900,
    EPOCH_1904,
    EXCEL_MAX_DATE_SERIAL,
    _local,
    _refuse,
    _split_ref,
    column_letter,
)


def read_rows(book, title: str):
    limits, strings, date_styles = book.limits, book.strings(), book.date_styles()
    epoch = EPOCH_1904 if book.mac_dates else EPOCH_1900
    cell_reader = _Cells(book, title, strings, date_styles, epoch)
    number, row_tag = 0, None
    with book._open(book.sheets[title]) as stream:
        for event, elem in ET.iterparse(stream, events=("start", "end")):
            if row_tag is None:  # the root element: its namespace names every tag
                ns = elem.tag[: -len(_local(elem.tag))]
                row_tag, cell_reader.ns = f"{ns}row", ns
                cell_reader.tags(ns)
            if event != "end" or elem.tag != row_tag:
                continue
            declared = elem.get("r")
            number = int(declared) if declared and declared.isdigit() else number + 1
            if number > limits.rows:
                _beyond_rows(title, number, limits.rows)
            values = cell_reader.row(elem, number)
            elem.clear()
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

    def tags(self, ns: str) -> None:
        self.v_tag, self.f_tag, self.t_tag, self.is_tag = f"{ns}v", f"{ns}f", f"{ns}t", f"{ns}is"

    def row(self, elem, number: int) -> tuple:
        values: dict[int, object] = {}
        position = -1
        for cell in elem:
            ref = cell.get("r")
            position = _split_ref(ref)[0] if ref else position + 1
            if position >= self.max_columns:
                self._beyond_columns(number, position, ref)
            value = self.value(cell, number, position)
            if value is not None:
                values[position] = value
        if not values:
            return ()
        width = max(values) + 1
        return tuple(values.get(i) for i in range(width))

    def _beyond_columns(self, number: int, position: int, ref: str | None):
        last = column_letter(self.max_columns - 1)
        cell = ref or f"{column_letter(min(position, 16383))}{number}"
        message = _(
            "Ô %(cell)s nằm ngoài vùng được đọc (đến cột %(last)s): xoá các cột thừa rồi lưu lại"
        ) % {"cell": cell, "last": last}
        _refuse("range_columns", message, sheet=self.title, row=number)

    def value(self, cell, number: int, position: int):
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(self.is_tag)
            return "" if inline is None else "".join(t.text or "" for t in inline.iter(self.t_tag))
        v = cell.findtext(self.v_tag)
        if v == "" and kind == "str":  # a formula whose text result is empty
            return ""
        if not v:  # no <v>, or an empty one as openpyxl writes for a formula
            if cell.find(self.f_tag) is not None:
                return self._fail(
                    "formula_without_value",
                    _(
                        "Công thức chưa có giá trị tính sẵn: mở tệp bằng Excel, tính lại và lưu, "
                        "hoặc dán giá trị thay công thức"
                    ),
                    number,
                    position,
                )
            return None
        if kind == "s":
            return self._shared(v, number, position)
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
