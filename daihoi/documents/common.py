"""What every document format shares: Vietnamese number and date wording, the party header.

Numbers are written the Vietnamese way: "." groups thousands and "," marks the
decimals ("1.234", "52,38%"). Spreadsheets are the exception: they store real
numbers and let the reader's locale draw them (see xlsx.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"

_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@dataclass(frozen=True)
class PartyHeader:
    """The two-column head of a party document.

    Left, the body that issues it under its superior (``superior`` in plain
    capitals, ``issuer`` in bold capitals, then a star and the number line);
    right, the party's name and the place-and-date line.
    """

    superior: str
    issuer: str
    date_line: str
    number: str = ""

    def left_lines(self) -> list[tuple[str, bool]]:
        """(text, bold) pairs, top to bottom; empty parts are left out."""
        lines = [(self.superior.upper(), False), (self.issuer.upper(), True), ("*", False)]
        if self.number:
            lines.append((self.number, False))
        return [(text, bold) for text, bold in lines if text]


def vn_number(value: int | float | Decimal | None, places: int = 0) -> str:
    """1234 → "1.234"; 52.375 with places=2 → "52,38" (halves rounded up); None → "—"."""
    if value is None:
        return "—"
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{places}f}"
    # Swap the English separators through a placeholder so neither clobbers the other.
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_percent(value: int | float | Decimal | None, places: int = 2) -> str:
    """A percentage already multiplied by 100: 52.38 → "52,38%"; None → "—"."""
    return "—" if value is None else f"{vn_number(value, places)}%"


def parse_date(value: str | dt.date) -> dt.date:
    """Accept a date or the "dd/mm/yyyy" text the services hand over."""
    if isinstance(value, dt.date):
        return value
    return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()


def date_words(value: str | dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2025": the administrative habit writes a 0 before
    days under 10 and before months 1 and 2, so the date cannot be altered by hand."""
    day = parse_date(value)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str, value: str | dt.date) -> str:
    """ "Đông Hòa, ngày 12 tháng 5 năm 2025"; without a place, only the date."""
    words = date_words(value)
    return f"{place}, {words}" if place else words[:1].upper() + words[1:]


def roman(number: int) -> str:
    """Section numbers of a document (I, II, … up to 39)."""
    if not 0 < number < 40:
        raise ValueError("section numbers run from 1 to 39")
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


# A document as format-neutral blocks: the wording is written once and each
# renderer (pdf.flowables, docx.add_blocks) only decides how it looks.
# In a block's text, **…** marks bold runs.


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    align: str = "justify"  # "justify", "left", "centre" or "right"
    size: float = 0  # points added to the body size (negative for smaller)
    alert: bool = False  # printed in red, e.g. "BẢN CHƯA CÔNG BỐ"


@dataclass(frozen=True)
class Pairs:
    """Label and value lines without borders; a **…** label or value is bold, and a
    label starting with a tab is indented one step (a "trong đó" line)."""

    rows: tuple[tuple[str, str], ...]
    widths_mm: tuple[float, float] = (110, 60)


@dataclass(frozen=True)
class Grid:
    """A ruled table; ``highlight`` are 0-based data rows to shade and set in bold."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]
    align: tuple[str, ...]  # per column: "LEFT", "CENTER" or "RIGHT"
    highlight: tuple[int, ...] = ()


@dataclass(frozen=True)
class Signatures:
    """Signature columns side by side: (title, names); each name gets room to sign."""

    columns: tuple[tuple[str, tuple[str, ...]], ...]


INDENT_MM = 8


Block = Heading | Para | Pairs | Grid | Signatures


def runs(text: str) -> list[tuple[str, bool]]:
    """Split "a **b** c" into [("a ", False), ("b", True), (" c", False)]."""
    parts = text.split("**")
    return [(part, index % 2 == 1) for index, part in enumerate(parts) if part]
