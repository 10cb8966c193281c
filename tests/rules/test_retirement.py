"""Retirement dates: NĐ 135/2020/NĐ-CP Phụ lục I, and the pre-2021 ages (BLLĐ 2012, Điều 187)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.retirement import months_left, retirement_date, retirement_month

D = dt.date


# Rows of Phụ lục I (the pension starts the month after the retirement month shown here).
@pytest.mark.parametrize(
    ("born", "gender", "retires"),
    [
        (D(1961, 1, 15), "male", (2021, 4)),  # 60y3m — the press's worked example
        (D(1961, 9, 1), "male", (2021, 12)),
        (D(1961, 10, 1), "male", (2022, 4)),  # would reach 60y3m in 2022, when 60y6m applies
        (D(1963, 1, 1), "male", (2023, 10)),  # 60y9m
        (D(1963, 4, 1), "male", (2024, 4)),  # 61y
        (D(1964, 1, 1), "male", (2025, 4)),  # 61y3m
        (D(1964, 10, 1), "male", (2026, 4)),  # 61y6m
        (D(1966, 1, 1), "male", (2027, 10)),  # 61y9m, the age in force in 2027
        (D(1966, 4, 1), "male", (2028, 4)),  # 62, the ceiling from 2028
        (D(1970, 6, 30), "male", (2032, 6)),
        (D(1966, 1, 1), "female", (2021, 5)),  # 55y4m — the press's worked example
        (D(1968, 1, 1), "female", (2024, 5)),  # 56y4m
        (D(1968, 9, 1), "female", (2025, 5)),  # 56y8m
        (D(1969, 5, 1), "female", (2026, 5)),  # 57y
        (D(1970, 1, 1), "female", (2027, 5)),  # 57y4m
        (D(1980, 1, 1), "female", (2040, 1)),  # 60, the ceiling
    ],
)
def test_it_follows_the_schedule_of_nd_135(born, gender, retires):
    assert retirement_month(born, gender) == retires


def test_it_retires_at_the_end_of_the_month():
    """NĐ 135/2020, Điều 4: the retirement moment is the end of the month's last day."""
    assert retirement_date(D(1966, 2, 10), "female") == D(2021, 6, 30)
    assert retirement_date(D(1960, 5, 20), "male", "fixed_60_55") == D(2020, 5, 31)


@pytest.mark.parametrize(
    ("born", "gender", "reference", "left"),
    [
        # Báo Thái Nguyên 27/02/2020, 2020–2025 cut-offs, on the 60/55 ages:
        (D(1965, 9, 1), "male", (2020, 9), 60),  # provincial first-time: from 9/1965
        (D(1965, 8, 31), "male", (2020, 9), 59),
        (D(1970, 9, 1), "female", (2020, 9), 60),
        (D(1963, 3, 1), "male", (2020, 9), 30),  # provincial re-elected: from 3/1963
        (D(1962, 12, 1), "male", (2020, 6), 30),  # district re-elected: from 12/1962
        (D(1965, 6, 1), "male", (2020, 6), 60),  # district first-time: from 6/1965
    ],
)
def test_it_counts_months_left_like_the_published_cut_offs(born, gender, reference, left):
    assert months_left(born, gender, reference, "fixed_60_55") == left


@given(st.dates(D(1940, 1, 1), D(2005, 12, 31)), st.sampled_from(["male", "female"]))
def test_a_later_birth_never_retires_earlier(born, gender):
    later = born + dt.timedelta(days=31)
    assert retirement_month(later, gender) >= retirement_month(born, gender)


def test_it_refuses_unknown_inputs():
    with pytest.raises(ValueError):
        retirement_month(D(1970, 1, 1), "other")
    with pytest.raises(ValueError):
        retirement_month(D(1970, 1, 1), "male", "unknown")
