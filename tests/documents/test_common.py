"""Vietnamese wording of numbers and dates, shared by every document format."""

import datetime as dt

import pytest

from daihoi.documents.common import (
    PartyHeader,
    date_line,
    date_words,
    roman,
    runs,
    vn_number,
    vn_percent,
)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (0, 0, "0"),
        (148, 0, "148"),
        (1234567, 0, "1.234.567"),
        (52.375, 2, "52,38"),  # halves round up, as in the counting minutes
        (52.3749, 2, "52,37"),
        (-2, 0, "-2"),
        (None, 0, "—"),
    ],
)
def test_it_writes_numbers_the_vietnamese_way(value, places, expected):
    assert vn_number(value, places) == expected


def test_it_writes_percentages_with_a_decimal_comma():
    assert vn_percent(52.38) == "52,38%"
    assert vn_percent(100) == "100,00%"
    assert vn_percent(1234.5) == "1.234,50%"
    assert vn_percent(None) == "—"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("05/01/2025", "ngày 05 tháng 01 năm 2025"),  # 0 before day < 10 and months 1, 2
        ("12/02/2025", "ngày 12 tháng 02 năm 2025"),
        ("12/05/2025", "ngày 12 tháng 5 năm 2025"),
        (dt.date(2025, 10, 30), "ngày 30 tháng 10 năm 2025"),
    ],
)
def test_it_writes_dates_in_words(date, expected):
    assert date_words(date) == expected


def test_it_puts_the_place_before_the_date():
    assert date_line("Đông Hòa", "12/05/2025") == "Đông Hòa, ngày 12 tháng 5 năm 2025"
    assert date_line("", "12/05/2025") == "Ngày 12 tháng 5 năm 2025"


def test_it_numbers_sections_in_roman():
    assert [roman(n) for n in (1, 4, 5, 9, 14, 39)] == ["I", "IV", "V", "IX", "XIV", "XXXIX"]
    with pytest.raises(ValueError):
        roman(0)


def test_it_splits_bold_runs():
    assert runs("Cơ sở: **148** người") == [("Cơ sở: ", False), ("148", True), (" người", False)]


def test_the_party_header_puts_the_issuer_in_bold_under_its_superior():
    header = PartyHeader("Đại hội Đảng bộ xã Đông Hòa", "Ban kiểm phiếu", "Đông Hòa, ngày 05…")
    assert header.left_lines() == [
        ("ĐẠI HỘI ĐẢNG BỘ XÃ ĐÔNG HÒA", False),
        ("BAN KIỂM PHIẾU", True),
        ("*", False),
    ]
