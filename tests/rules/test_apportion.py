"""Sharing delegate seats: each method on small, hand-checkable cases (rules.apportion)."""

from fractions import Fraction

import pytest

from daihoi.rules.apportion import (
    ApportionError,
    ExOfficio,
    Method,
    Rules,
    Unit,
    apportion,
    check_total,
    delegate_cap,
    hamilton,
    highest_averages,
    per_unit_formula,
)


def elected(allocation) -> dict[str, int]:
    return {s.key: s.elected for s in allocation.shares}


def test_it_gives_whole_quotas_then_the_largest_remainders():
    # 10 seats, 100 members: quotas 4.7, 3.6, 1.7 → floors 4, 3, 1 (8); remainders .7, .6, .7
    # → the two .7 get the last two seats; the tie goes to the larger weight (A).
    units = [Unit("A", 47), Unit("B", 36), Unit("C", 17)]
    assert elected(apportion(units, Rules(10, minimum=0))) == {"A": 5, "B": 3, "C": 2}


def test_it_shows_the_exact_quota_and_remainder():
    share = apportion([Unit("A", 47), Unit("B", 53)], Rules(10, minimum=0)).shares[0]
    assert share.quota == Fraction(47, 10)
    assert share.remainder == Fraction(7, 10)


def test_dhondt_favours_the_largest_and_sainte_lague_the_smaller():
    weights = {"A": Fraction(53), "B": Fraction(24), "C": Fraction(23)}
    assert highest_averages(7, weights, 1) == {"A": 4, "B": 2, "C": 1}
    assert highest_averages(7, weights, 2) == {"A": 3, "B": 2, "C": 2}
    assert hamilton(7, weights) == {"A": 4, "B": 2, "C": 1}


def test_it_guarantees_the_minimum_and_shares_the_rest_among_the_others():
    # 20 seats, minimum 3: C's quota is 20 × 5 / 100 = 1 → 3; A and B share 17 as 60:35.
    units = [Unit("A", 60), Unit("B", 35), Unit("C", 5)]
    result = apportion(units, Rules(20, minimum=3))
    assert elected(result) == {"A": 11, "B": 6, "C": 3}
    assert [s.at_minimum for s in result.shares] == [False, False, True]


def test_a_fixed_unit_keeps_its_share_and_a_bonus_comes_on_top():
    units = [Unit("A", 50), Unit("B", 50, bonus=2), Unit("Q", 1, fixed=5)]
    assert elected(apportion(units, Rules(27, minimum=0))) == {"A": 10, "B": 12, "Q": 5}


def test_ex_officio_on_top_is_added_to_the_delegation():
    units = [Unit("A", 60, ex_officio=3), Unit("B", 40, ex_officio=2)]
    result = apportion(units, Rules(25, minimum=0))
    assert elected(result) == {"A": 12, "B": 8}
    assert [s.delegation for s in result.shares] == [15, 10]
    assert result.total == 25


def test_ex_officio_within_the_share_is_taken_out_of_what_the_unit_elects():
    units = [Unit("A", 60, ex_officio=3), Unit("B", 40, ex_officio=2)]
    result = apportion(units, Rules(25, minimum=0, ex_officio=ExOfficio.WITHIN_SHARE))
    assert [s.share for s in result.shares] == [15, 10]
    assert elected(result) == {"A": 12, "B": 8}


def test_within_the_share_a_unit_never_gets_fewer_seats_than_its_ex_officio_members():
    units = [Unit("A", 95, ex_officio=1), Unit("B", 5, ex_officio=4)]
    result = apportion(units, Rules(10, minimum=0, ex_officio=ExOfficio.WITHIN_SHARE))
    assert [s.share for s in result.shares] == [6, 4]
    assert elected(result) == {"A": 5, "B": 0}


def test_organisations_can_weigh_beside_members():
    # Half on members (90:10), half on organisations (1:1): weights 70 and 30.
    units = [Unit("A", 90, organizations=1), Unit("B", 10, organizations=1)]
    rules = Rules(10, minimum=0, member_weight=50, organization_weight=50)
    assert elected(apportion(units, rules)) == {"A": 7, "B": 3}


def test_the_xiii_formula_as_published():
    # 13 per organisation, 1 per 12,000 members, 1 more from a remainder of 6,001.
    assert per_unit_formula(12_000, 13, 12_000) == 14
    assert per_unit_formula(18_000, 13, 12_000) == 14  # remainder 6,000: not more than half
    assert per_unit_formula(18_001, 13, 12_000) == 15
    assert per_unit_formula(5_000, 13, 12_000) == 13


def test_the_xiii_method_with_an_explicit_n_reproduces_the_formula_whatever_the_total():
    units = [Unit("A", 30_001), Unit("B", 30_000)]
    rules = Rules(100, method=Method.PER_UNIT_QUOTA, per_unit=13, members_per_seat=12_000)
    result = apportion(units, rules)
    # 30,001 = 2 × 12,000 + 6,001 (one more); 30,000 leaves 6,000 (not more than half).
    assert elected(result) == {"A": 13 + 2 + 1, "B": 13 + 2}
    assert result.total == 31


def test_the_xiii_method_solves_n_so_the_total_is_exact():
    units = [Unit("A", 30_000), Unit("B", 12_000), Unit("C", 6_000)]
    result = apportion(units, Rules(50, method=Method.PER_UNIT_QUOTA, per_unit=13))
    assert result.total == 50
    assert result.members_per_seat is not None
    assert min(elected(result).values()) >= 13


def test_it_refuses_minimums_that_do_not_fit():
    with pytest.raises(ApportionError) as error:
        apportion([Unit("A", 1), Unit("B", 1)], Rules(5, minimum=3))
    assert error.value.code == "apportion.minimum_exceeds_total"


def test_it_refuses_a_total_smaller_than_the_seats_set_aside():
    with pytest.raises(ApportionError) as error:
        apportion([Unit("A", 10, ex_officio=6)], Rules(5))
    assert error.value.code == "apportion.total_too_small"


def test_it_shares_equally_when_nobody_has_members():
    assert elected(apportion([Unit("A", 0), Unit("B", 0)], Rules(4, minimum=0))) == {
        "A": 2,
        "B": 2,
    }


@pytest.mark.parametrize(
    ("level", "term", "merged", "high"),
    [
        ("province", "2025-2030", 1, 400),
        ("province", "2025-2030", 2, 450),
        ("province", "2025-2030", 3, 500),
        ("district", "2025-2030", 1, 300),
        ("grassroots", "2025-2030", 1, 250),
        ("province", "2020-2025", 1, 350),
    ],
)
def test_caps_by_level_and_term(level, term, merged, high):
    assert delegate_cap(level, term, merged).high == high


def test_a_total_above_the_cap_is_blocking_and_cites_the_directive():
    (finding,) = check_total(401, delegate_cap("province"))
    assert finding.code == "apportion.above_cap" and finding.blocking
    assert "45-CT/TW" in finding.citation
    assert check_total(350, delegate_cap("province")) == []
    assert (
        check_total(290, delegate_cap("province", "2020-2025"))[0].code == "apportion.below_range"
    )
