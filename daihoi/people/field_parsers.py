"""Parsers of one raw value, as typed or read from Excel: codes, names, dates, choices, CCCD."""

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache

from django.utils import translation
from django.utils.translation import gettext as _

from daihoi.documents.xlsx_read import EXCEL_MAX_DATE_SERIAL
from daihoi.organizations.models import Kind, Level
from daihoi.textnorm import fold, nfc

from .ethnicities import ETHNICITIES
from .models import Education, Gender, MemberStatus, PoliticalTheory

YES, NO = "Có", "Không"
# Spellings people use beyond marks, case, spaces and hyphens (which the key ignores
# anyway: "Ê Đê", "Ê-đê" and "ede" all match Ê-đê).
ETHNICITY_ALIASES = {
    "mong": "08",  # Mông, H'Mông: the official list spells it HMông
    "khmer": "05",
    "viet": "01",
    "jrai": "10",
    "bahnar": "13",
    "sedang": "14",
    "koho": "16",
    "stieng": "22",
    "bru": "23",
    "vankieu": "23",
    "katu": "26",
    "khmu": "29",
}
# Compiled once: the unique fields (codes, CCCD, card numbers) are parsed on every row.
CODE = re.compile(r"[\w.\-/]+")
YEAR = re.compile(r"\d{4}")
SEPARATORS = re.compile(r"[\s.]")
CITIZEN_ID = re.compile(r"\d{12}")
PARTY_CARD = re.compile(r"\d{6,16}")
BOOLEAN_WORDS = {True: ("có", "x", "1", "true", "yes"), False: ("không", "0", "false", "no")}


class _Invalid(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@lru_cache(maxsize=4096)
def choice_key(text: str) -> str:
    """Letters and digits only, folded: "H'Mông", "hmong" and "H Mông" give one key."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


@cache
def choice_tables() -> dict[str, tuple[dict[str, str], str]]:
    """Per list: key → stored value, and the allowed labels to quote in a message.

    Built on first use, in Vietnamese whatever the user's language, so that a file
    means the same on every machine.
    """
    lists = {
        "gender": (Gender.choices, {"m": "male", "f": "female"}),
        "status": (MemberStatus.choices, {}),
        "education": (Education.choices, {}),
        "political_theory": (PoliticalTheory.choices, {}),
        "level": (Level.choices, {}),
        "kind": (Kind.choices, {}),
        "ethnicity": (ETHNICITIES, ETHNICITY_ALIASES),
    }
    tables = {}
    with translation.override("vi"):
        for name, (choices, aliases) in lists.items():
            table = {choice_key(value): value for value, _label in choices}
            table.update({choice_key(str(label)): value for value, label in choices})
            table.update(aliases)
            tables[name] = (table, "; ".join(str(label) for _value, label in choices))
        tables["ethnicity"] = (tables["ethnicity"][0], _("tên dân tộc hoặc mã 01–54"))
    words = {choice_key(w): v for v, ws in BOOLEAN_WORDS.items() for w in ws}
    tables["boolean"] = (words, f"{YES}; {NO}")
    return tables


# ---- one value ---------------------------------------------------------------------
# Each parser takes the raw value and the field's label, returns the clean value or
# raises _Invalid.


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value) -> str:
    if isinstance(value, str):
        if value.isascii() and value.isalnum():
            # Codes and ID numbers: already normal, nothing to tidy, and each member's own,
            # so the cache below would only miss and evict (a tenth of an import's reading).
            return value
        return _nfc(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel hands back 123.0 for a code typed into a number cell
    return nfc(str(value))


# Most cells repeat across a registry (labels, given names, places): normalise each once.
_nfc = lru_cache(maxsize=1 << 16)(nfc)


def _choice(list_name: str) -> Callable:
    def parse(value, label: str) -> str:
        if isinstance(value, bool) and list_name == "boolean":
            return value
        table, allowed = choice_tables()[list_name]
        key = choice_key(_as_text(value))
        if list_name == "ethnicity" and key.isdigit():
            key = key.zfill(2)  # 8, typed or in a number cell, is code 08
        if key not in table:
            message = _("%(label)s “%(value)s” không có trong danh mục (%(allowed)s)")
            raise _Invalid(
                "invalid_choice", message % {"label": label, "value": value, "allowed": allowed}
            )
        return table[key]

    return parse


def _code(value, label: str) -> str:
    text = _as_text(value)
    if len(text) > 32 or not CODE.fullmatch(text):
        message = _(
            "%(label)s chỉ gồm chữ, số và các dấu . - / _, không có dấu cách, tối đa 32 ký tự"
        )
        raise _Invalid("invalid_code", message % {"label": label})
    return text


def _text(max_length: int) -> Callable:
    def parse(value, label: str) -> str:
        text = _as_text(value)
        if len(text) > max_length:
            message = _("%(label)s dài quá %(n)d ký tự")
            raise _Invalid("too_long", message % {"label": label, "n": max_length})
        return text

    return parse


def _name(max_length: int) -> Callable:
    def parse(value, label: str) -> str:
        text = _text(max_length)(value, label)
        bad = [ch for ch in text if not (ch.isalpha() or ch in " -'’")]
        if bad:
            message = _(
                "%(label)s chỉ được gồm chữ cái, dấu cách, dấu gạch nối và dấu nháy (có “%(char)s”)"
            )
            raise _Invalid("invalid_characters", message % {"label": label, "char": bad[0]})
        return text

    return parse


DATE_PATTERNS = [
    (re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"), (2, 1, 0)),  # dd/mm/yyyy
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (0, 1, 2)),  # ISO, as other systems export
]


def parse_date(value, label: str, allow_year: bool = False) -> tuple[dt.date, bool]:
    """A date from dd/mm/yyyy text, an Excel date, or (when allowed) a year alone.

    Returns the date and whether only the year was given (then it is 1 January).
    """
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, False
    text = _as_text(value)
    if allow_year and YEAR.fullmatch(text):
        return dt.date(int(text), 1, 1), True
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 10000:
        # An Excel date serial in a General cell. Day 1 is 1900-01-01, and Excel
        # counts a 29 February 1900 that never was, hence 30 December 1899.
        if value > EXCEL_MAX_DATE_SERIAL:
            message = _("%(label)s: số %(value)s không phải ngày (lịch Excel chỉ đến 31/12/9999)")
            raise _Invalid("invalid_date", message % {"label": label, "value": text})
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value)), False
    for pattern, (y, m, d) in DATE_PATTERNS:
        if match := pattern.fullmatch(text):
            parts = [int(p) for p in match.groups()]
            try:
                return dt.date(parts[y], parts[m], parts[d]), False
            except ValueError:
                break
    example = (
        _("dd/mm/yyyy hoặc chỉ năm, ví dụ 05/09/1975 hoặc 1975") if allow_year else "dd/mm/yyyy"
    )
    message = _("%(label)s “%(value)s” không đúng định dạng %(example)s")
    raise _Invalid("invalid_date", message % {"label": label, "value": text, "example": example})


def _date(value, label: str) -> dt.date:
    return parse_date(value, label)[0]


def _birth_date(value, label: str) -> tuple[dt.date, bool]:
    return parse_date(value, label, allow_year=True)


def _citizen_id(value, label: str) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = _as_text(value).zfill(12)  # a number cell drops the zeros of codes 001–096
    text = SEPARATORS.sub("", _as_text(value))
    if not CITIZEN_ID.fullmatch(text):
        raise _Invalid("citizen_id_format", _("Số CCCD phải gồm đúng 12 chữ số"))
    return text


def _party_card_number(value, label: str) -> str:
    """Digits only once dots and spaces are taken out ("01.234567" is 01234567)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = _as_text(value)
    text = SEPARATORS.sub("", _as_text(value))
    if not PARTY_CARD.fullmatch(text):
        raise _Invalid("party_card_format", _("Số thẻ đảng viên chỉ gồm 6 đến 16 chữ số"))
    return text


def _general_education(value, label: str) -> str:
    if isinstance(value, dt.date):
        # Excel turns 12/12 typed into a General cell into 12 December.
        message = _(
            "GDPT đã bị Excel đổi thành ngày; định dạng cột là văn bản rồi ghi lại, ví dụ 12/12"
        )
        raise _Invalid("general_education_format", message)
    match = re.fullmatch(r"(\d{1,2})\s*/\s*(10|12)", _as_text(value))
    if match is None or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise _Invalid("general_education_format", _("GDPT ghi dạng lớp/hệ, ví dụ 12/12 hoặc 9/10"))
    return f"{int(match.group(1))}/{match.group(2)}"
