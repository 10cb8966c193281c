"""Vietnam's public holidays as data, for counting working days (ngày làm việc).

Statute: Bộ luật Lao động 2019 (Luật 45/2019/QH14), Điều 112.1: Tết Dương lịch (1/1),
Tết Âm lịch (5 days), Giỗ Tổ Hùng Vương (10/3 âm lịch), 30/4, 1/5, Quốc khánh (2/9 and
one day before or after). Điều 112.3: a holiday on a weekly rest day is made up on the
next working day. The State then publishes each year's actual days off for public
servants (the Tết days and the Quốc khánh companion day, sometimes a swapped day);
where such a notice is recorded here it overrides the statutory default.

Lunar dates (mùng 1 Tết, 10/3 âm lịch) are taken from the Vietnamese lunar calendar
(UTC+7), which the State uses for these holidays.
"""

import datetime as dt
from dataclasses import dataclass, field

D = dt.date

# mùng 1 tháng Giêng and 10 tháng 3 âm lịch, by solar year.
LUNAR_NEW_YEAR = {
    2025: D(2025, 1, 29),
    2026: D(2026, 2, 17),
    2027: D(2027, 2, 6),
}
HUNG_KINGS = {
    2025: D(2025, 4, 7),
    2026: D(2026, 4, 26),
    2027: D(2027, 4, 16),
}


@dataclass(frozen=True)
class Notice:
    """A published decision on a year's days off; `days_off` replaces the statutory
    days of the holidays it names, `working_days` are weekend days made working."""

    source: str
    replaces: frozenset[str]
    days_off: frozenset[dt.date]
    working_days: frozenset[dt.date] = field(default_factory=frozenset)


def _span(first: dt.date, last: dt.date) -> frozenset[dt.date]:
    return frozenset(first + dt.timedelta(n) for n in range((last - first).days + 1))


NOTICES: dict[int, tuple[Notice, ...]] = {
    2025: (
        Notice(
            "Thông báo 6150/TB-LĐTBXH (15/11/2024): Tết Ất Tỵ nghỉ từ 25/01 đến hết 02/02/2025",
            frozenset({"tet"}),
            _span(D(2025, 1, 25), D(2025, 2, 2)),
        ),
    ),
    2026: (
        Notice(
            "Thông báo 9441/TB-BNV (16/10/2025): Tết Bính Ngọ nghỉ 5 ngày từ thứ Hai 16/02 "
            "đến hết thứ Sáu 20/02/2026, nối tiếp 4 ngày nghỉ hằng tuần",
            frozenset({"tet"}),
            _span(D(2026, 2, 14), D(2026, 2, 22)),
        ),
    ),
}

# Years whose actual days off the State has not yet been recorded here: the statute's
# default is used and the screens say so.
COVERED_YEARS = frozenset(LUNAR_NEW_YEAR) & frozenset(HUNG_KINGS)
PUBLISHED_YEARS = frozenset(NOTICES)
