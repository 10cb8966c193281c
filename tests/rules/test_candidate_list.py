"""The ballot list's surplus (issue 15, point 1): a lawful list exists for every committee size."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.candidate_list import ListEntry, check_list, convening_band, max_surplus

VERSIONS = ["2014", "2024"]
KINDS = ["committee", "standing_committee"]


def _entries(n: int) -> list[ListEntry]:
    return [ListEntry(f"Người {i}", "convening") for i in range(n)]


def _blocking(kind, seats, n, rules, setting=1):
    return {f.code for f in check_list(kind, seats, _entries(n), 100, rules, setting) if f.blocking}


@pytest.mark.parametrize("rules", VERSIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_it_approves_four_names_for_a_committee_of_three(kind, rules):
    """The reported case: 3 names → "phải có số dư", 4 names → "vượt quá 30%": nothing lawful."""
    assert _blocking(kind, 3, 4, rules) == set()
    assert _blocking(kind, 3, 3, rules) == {"surplus_required"}
    assert _blocking(kind, 3, 5, rules) == {"surplus_over_30"}


@pytest.mark.parametrize("seats", [3, 4, 5])
def test_it_allows_at_most_one_surplus_for_committees_of_three_to_five_under_2024(seats):
    finding = next(f for f in check_list("committee", seats, _entries(seats + 2), 50) if f.blocking)
    assert finding.code == "surplus_over_30"
    assert "Thái Nguyên" in finding.citation
    assert _blocking("committee", seats, seats + 1, "2024") == set()


def test_it_cites_the_setting_where_no_text_settles_the_surplus():
    finding = next(f for f in check_list("committee", 2, _entries(4), 50, "2024", 1) if f.blocking)
    assert "DAIHOI_SMALL_LIST_SURPLUS" in finding.citation
    # A setting of 2 lets a list of 4 for 2 seats through; 0 is read as 1 (never a contradiction).
    assert _blocking("committee", 2, 4, "2024", setting=2) == set()
    assert max_surplus(2, "2024", 0) == 1


def test_it_keeps_the_30_percent_cap_rounded_down_for_larger_committees():
    assert max_surplus(33) == 9  # 9.9 → 9
    assert _blocking("committee", 33, 42, "2024") == set()
    assert _blocking("committee", 33, 43, "2024") == {"surplus_over_30"}


def test_it_no_longer_cites_the_2014_article_13_for_the_surplus():
    """QĐ 244 Điều 13 is the convening committee members' restriction, not the surplus rule."""
    findings = check_list("committee", 3, _entries(3), 50, "2014")
    assert findings and all("Điều 13" not in f.citation for f in findings)


@given(seats=st.integers(1, 200), rules=st.sampled_from(VERSIONS), kind=st.sampled_from(KINDS))
def test_every_seat_count_has_a_lawful_list_size(seats, rules, kind):
    lawful = [
        n for n in range(seats, seats + seats // 2 + 3) if not _blocking(kind, seats, n, rules)
    ]
    assert lawful, f"no lawful list for {seats} seats"
    assert lawful == list(range(seats + 1, seats + max_surplus(seats, rules) + 1))


@given(seats=st.integers(1, 200))
def test_the_convening_band_is_within_the_lawful_surplus(seats):
    low, high = convening_band(seats)
    assert 1 <= low <= high
    for rules in VERSIONS:
        assert high <= max(max_surplus(seats, rules), low)
        assert low <= max_surplus(seats, rules)


def test_every_seat_count_from_1_to_200_has_a_lawful_list_exhaustively():
    """Not a sample: all 200 × 2 versions × 2 kinds, with the default setting."""
    for rules in VERSIONS:
        for kind in KINDS:
            for seats in range(1, 201):
                assert not _blocking(kind, seats, seats + 1, rules), (rules, kind, seats)
