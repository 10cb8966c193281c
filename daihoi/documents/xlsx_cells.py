"""The rows and cells of one sheet, streamed (used by xlsx_read.Workbook.rows).

The sheet's XML is fed to expat in 64 KB pieces; handlers keep only the cell being
read and the row being built, and each row is handed on when it closes, its cells
turned into Python values (text, int, float, bool, datetime). No element objects
are built, so memory holds one row. A document type declaration or an entity is
refused. A cell beyond the workbook's bounds stops the file; a cell that cannot
be read becomes None and a problem on the workbook.
"""

import datetime as dt
from functools import lru_cache
from xml.parsers import expat

from django.utils.translation import gettext as _

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


CHUNK = 64 * 1024


def read_rows(book, title: str):
    strings, date_styles = book.strings(), book.date_styles()
    epoch = EPOCH_1904 if book.mac_dates else EPOCH_1900
    handler = _SheetHandler(_Cells(book, title, strings, date_styles, epoch), book.limits.rows)
    parser = handler.parser()
    with book._open(book.sheets[title]) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            yield from handler.take()
        parser.Parse(b"", True)
        yield from handler.take()


class _SheetHandler:
    """expat's callbacks for a sheet: rows, cells, and the text of <v>, <f> and inline <t>."""

    def __init__(self, cells: "_Cells", max_rows: int):
        self.cells, self.max_rows = cells, max_rows
        self.done: list[tuple[int, tuple]] = []
        self.number = 0
        self.values: list = []
        self.position = -1
        self.text: list[str] | None = None  # collecting character data when not None
        self.in_phonetic = False
        self.kind = self.style = self.v = self.formula = None
        self.inline: list[str] | None = None

    def parser(self):
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.buffer_size = CHUNK
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self.refuse_dtd
        parser.EntityDeclHandler = self.refuse_dtd
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        return parser

    def refuse_dtd(self, *args) -> None:
        _refuse(
            "xml_entities",
            _("Sheet “%(sheet)s” khai báo DTD/thực thể XML: không đọc")
            % {"sheet": self.cells.title},
            sheet=self.cells.title,
        )

    def take(self) -> list[tuple[int, tuple]]:
        done, self.done = self.done, []
        return done

    def start(self, name: str, attrs: dict) -> None:
        local = name[name.find(":") + 1 :]
        if local == "c":
            ref = attrs.get("r")
            self.position = _column(ref) if ref else self.position + 1
            if self.position >= self.cells.max_columns:
                self.cells._beyond_columns(self.number, self.position, ref)
            self.kind, self.style = attrs.get("t"), attrs.get("s")
            self.v = self.formula = None
            self.inline: list[str] | None = None
        elif local == "v" or local == "f":
            self.text = []
        elif local == "row":
            declared = attrs.get("r")
            self.number = int(declared) if declared and declared.isdigit() else self.number + 1
            if self.number > self.max_rows:
                _beyond_rows(self.cells.title, self.number, self.max_rows)
            self.values, self.position = [], -1
        elif local == "is":
            self.inline = []
        elif local == "t" and self.inline is not None and not self.in_phonetic:
            self.text = []
        elif local == "rPh":
            self.in_phonetic = True

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        local = name[name.find(":") + 1 :]
        if local == "c":
            self.cell()
        elif local == "v":
            self.v, self.text = "".join(self.text or ()), None
        elif local == "f":
            self.formula, self.text = "".join(self.text or ()), None
        elif local == "t" and self.text is not None and self.inline is not None:
            self.inline.append("".join(self.text))
            self.text = None
        elif local == "rPh":
            self.in_phonetic = False
        elif local == "row":
            self.done.append((self.number, tuple(self.values)))

    def cell(self) -> None:
        cells, position, kind, v = self.cells, self.position, self.kind, self.v
        if kind == "s" and v and v.isdigit() and int(v) < len(cells.strings):
            value = cells.strings[int(v)]  # the common case, kept short: a shared string
        elif kind == "inlineStr":
            value = "".join(self.inline or ())
        else:
            value = cells.decode(kind or "n", v, self.style, self.formula, self.number, position)
            if value is None:
                return
        values, width = self.values, len(self.values)
        if position == width:
            values.append(value)
        elif position > width:
            values.extend([None] * (position - width))
            values.append(value)
        else:
            values[position] = value


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

    def _beyond_columns(self, number: int, position: int, ref: str | None):
        last = column_letter(self.max_columns - 1)
        cell = ref or f"{column_letter(min(position, 16383))}{number}"
        message = _(
            "Ô %(cell)s nằm ngoài vùng được đọc (đến cột %(last)s): xoá các cột thừa rồi lưu lại"
        ) % {"cell": cell, "last": last}
        _refuse("range_columns", message, sheet=self.title, row=number)

    def decode(self, kind: str, v, style, formula, number: int, position: int):
        """The value of a cell from its type, <v> text, style and formula (None if none)."""
        if v == "" and kind == "str":  # a formula whose text result is empty
            return ""
        if not v:  # no <v>, or an empty one as openpyxl writes for a formula
            return self._empty(formula, number, position)
        if kind == "s":
            return self._shared(v, number, position)
        if kind == "n":
            return self._number(v, int(style) if style and style.isdigit() else 0, number, position)
        if kind == "str":
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

    def _empty(self, formula, number: int, position: int):
        if formula is None:
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
