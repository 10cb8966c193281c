"""Retirement dates by birth month and gender: the base of every age check in personnel work.

Two schedules are in force for the two terms the system serves:

- ``nd135``: Bộ luật Lao động 2019, Điều 169.2, with Nghị định 135/2020/NĐ-CP,
  Điều 4 and Phụ lục I. From 2021 the age rises from 60 years 3 months (men) and
  55 years 4 months (women) by 3 (men) and 4 (women) months a year, to 62 in 2028
  and 60 in 2035. A person retires in the month they reach the age in force in
  that year; the retirement moment is the end of that month's last day.
- ``fixed_60_55``: the ages before 2021 (Bộ luật Lao động 2012, Điều 187): 60 for
  men, 55 for women. The 2020–2025 personnel guidance was issued in 2019 and its
  published birth-month cut-offs match these ages (see standards.TERM_2020).

Where only the birth year is known, 1 January is taken (NĐ 135/2020, Điều 4 note
quoted by the press; HD 26-HD/BTCTW 2019 says the same for age checks).
"""

import calendar
import datetime as dt

MALE, FEMALE = "male", "female"

# (age in months in 2021, months added each year, ceiling in months) per gender.
_ND135 = {MALE: (60 * 12 + 3, 3, 62 * 12), FEMALE: (55 * 12 + 4, 4, 60 * 12)}
_FIXED = {MALE: 60 * 12, FEMALE: 55 * 12}
SCHEDULES = ("nd135", "fixed_60_55")


def month_index(year: int, month: int) -> int:
    """Months since year 0: differences of two indexes count whole months."""
    return year * 12 + month - 1


def _from_index(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def statutory_age_months(year: int, gender: str) -> int:
    """BLLĐ 2019, Điều 169.2; NĐ 135/2020/NĐ-CP, Điều 4: the retirement age in force in ``year``."""
    start, step, ceiling = _ND135[gender]
    if year < 2021:
        return _FIXED[gender]
    return min(start + step * (year - 2021), ceiling)


def retirement_month(birth_date: dt.date, gender: str, schedule: str = "nd135") -> tuple[int, int]:
    """NĐ 135/2020/NĐ-CP, Phụ lục I: the (year, month) in which a person reaches retirement age.

    Under ``nd135`` the age depends on the year it is reached: walk the years
    until the age in force that year is reached within it (a man born in
    10/1961 would reach 60y3m in 1/2022, but in 2022 the age is 60y6m: 4/2022).
    """
    if gender not in _FIXED:
        raise ValueError(f"unknown gender {gender!r}")
    born = month_index(birth_date.year, birth_date.month)
    if schedule == "fixed_60_55":
        return _from_index(born + _FIXED[gender])
    if schedule != "nd135":
        raise ValueError(f"unknown retirement schedule {schedule!r}")
    year = birth_date.year + _FIXED[gender] // 12
    while True:
        reached = _from_index(born + statutory_age_months(year, gender))
        if reached[0] <= year:
            return reached
        year += 1


def retirement_date(birth_date: dt.date, gender: str, schedule: str = "nd135") -> dt.date:
    """NĐ 135/2020/NĐ-CP, Điều 4 (Phụ lục I): the last day of the month retirement age is reached."""
    year, month = retirement_month(birth_date, gender, schedule)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_left(
    birth_date: dt.date, gender: str, reference: tuple[int, int], schedule: str = "nd135"
) -> int:
    """HD 26-HD/BTCTW 2019; CT 45-CT/TW 2025: months of service left at the reference month.

    Counted as the retirement month less the reference month, so a man born in
    9/1965 under the 60-year rule has 60 months left at 9/2020 (a full term),
    one born in 8/1965 has 59 — the published 2020 cut-off for provincial
    committees ("nam sinh từ tháng 9/1965").
    """
    year, month = retirement_month(birth_date, gender, schedule)
    return month_index(year, month) - month_index(*reference)


def age_at(birth_date: dt.date, on: dt.date) -> int:
    """Whole years of age on a date."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday
