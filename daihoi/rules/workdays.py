"""Working days (ngày làm việc): weekends and Vietnam's public holidays excluded.

Periods in days start on the day after the event (Bộ luật Dân sự 2015, Điều 147.1:
"khi thời hạn được xác định bằng ngày … thì ngày đầu tiên của thời hạn không được tính").
"""

import datetime as dt
from functools import lru_cache

from . import holidays_vn as data

ONE = dt.timedelta(days=1)


class UnknownYear(ValueError):
    """The holiday list does not cover this year: refuse rather than miscount."""

    code = "holidays.unknown_year"

    def __init__(self, year: int):
        super().__init__(f"Chưa có lịch nghỉ lễ, Tết của năm {year}.")
        self.year = year


def _statutory(year: int) -> dict[str, frozenset[dt.date]]:
    """Bộ luật Lao động 2019, Điều 112.1 and 112.3: the holidays and their make-up days."""
    if year not in data.COVERED_YEARS:
        raise UnknownYear(year)
    tet = data.LUNAR_NEW_YEAR[year]
    groups = {
        "new_year": [dt.date(year, 1, 1)],
        # Điều 112.1.b: 5 days; the default reading is the day before mùng 1 and mùng 1–4.
        "tet": [tet + dt.timedelta(n) for n in range(-1, 4)],
        "hung_kings": [data.HUNG_KINGS[year]],
        "reunification": [dt.date(year, 4, 30)],
        "labour": [dt.date(year, 5, 1)],
        # Điều 112.1.đ: 2/9 and one day before or after; the default takes the day after.
        "national": [dt.date(year, 9, 2), dt.date(year, 9, 3)],
    }
    return {name: _with_make_up(days) for name, days in groups.items()}


def _with_make_up(days: list[dt.date]) -> frozenset[dt.date]:
    """Điều 112.3: each holiday on a Saturday or Sunday is made up on the next working day."""
    out = set(days)
    for day in days:
        if day.weekday() >= 5:
            nxt = day + ONE
            while nxt.weekday() >= 5 or nxt in out:
                nxt += ONE
            out.add(nxt)
    return frozenset(out)


@lru_cache(maxsize=32)
def days_off(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(holidays, weekend days made working) of a year, the published notices applied."""
    groups = _statutory(year)
    extra_working: set[dt.date] = set()
    for notice in data.NOTICES.get(year, ()):
        for name in notice.replaces:
            groups[name] = notice.days_off
        extra_working |= notice.working_days
    return frozenset().union(*groups.values()), frozenset(extra_working)


def is_published(year: int) -> bool:
    """Whether the State's notice of that year's days off is recorded (else the statute's
    default is used, and a screen should say so)."""
    return year in data.PUBLISHED_YEARS


def is_working_day(day: dt.date) -> bool:
    holidays, made_working = days_off(day.year)
    if day in made_working:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The last day of a period of `n` working days counted from the day after `start`."""
    if n < 1:
        raise ValueError("n must be at least 1")
    day, left = start, n
    while left:
        day += ONE
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count, day = 0, start
    while day < end:
        day += ONE
        count += is_working_day(day)
    return count
