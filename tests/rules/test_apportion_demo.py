"""The 350-seat plan of the demo province's congress, checked against a hand calculation.

The demo province (seed 2025, `daihoi demo`) has ten district-level party
organisations; their members, and the 27 ex-officio delegates (the district
leaders the demo treats as provincial committee members), are written here as
the demo builds them. `daihoi.reports.demo.build_demo_congresses` makes this
plan: 350 delegates, largest remainder on members, at least 10 per organisation,
ex-officio delegates on top of the shares.
"""

from fractions import Fraction

from daihoi.rules.apportion import Rules, Unit, apportion

# (code, members, ex officio) of the demo province, seed 2025.
DEMO = [
    ("99.01", 8837, 3),
    ("99.02", 7469, 3),
    ("99.03", 9228, 3),
    ("99.04", 9014, 3),
    ("99.05", 8468, 3),
    ("99.06", 6795, 3),
    ("99.07", 6675, 3),
    ("99.08", 2000, 2),
    ("99.09", 745, 2),
    ("99.10", 769, 2),
]

# By hand:
#   350 − 27 ex officio = 323 seats to share.
#   Quotas 323 × m / 60,000: 99.09 gets 4.01 and 99.10 gets 4.14, below the minimum of
#   10, so each takes 10 and leaves the count: 303 seats for 58,486 members.
#   303 × m / 58,486:  99.01 45.782   99.02 38.695   99.03 47.808   99.04 46.699
#                      99.05 43.870   99.06 35.203   99.07 34.581   99.08 10.362
#   Whole parts add up to 298; the 5 seats left go to the largest remainders:
#   .870 (99.05), .808 (99.03), .782 (99.01), .699 (99.04), .695 (99.02).
EXPECTED = {
    "99.01": 46,
    "99.02": 39,
    "99.03": 48,
    "99.04": 47,
    "99.05": 44,
    "99.06": 35,
    "99.07": 34,
    "99.08": 10,
    "99.09": 10,
    "99.10": 10,
}


def by_hand() -> dict[str, int]:
    """The same sum written out plainly, with nothing from the rules module."""
    pool = 350 - sum(e for _, _, e in DEMO)
    small = {"99.09", "99.10"}
    rest = [(code, m) for code, m, _ in DEMO if code not in small]
    left = pool - 10 * len(small)
    members = sum(m for _, m in rest)
    quotas = {code: Fraction(left * m, members) for code, m in rest}
    seats = {code: int(q) for code, q in quotas.items()}
    spare = left - sum(seats.values())
    for code in sorted(quotas, key=lambda c: quotas[c] - seats[c], reverse=True)[:spare]:
        seats[code] += 1
    return {**seats, **dict.fromkeys(small, 10)}


def test_the_350_seat_plan_of_the_demo_province_matches_the_hand_calculation():
    units = [Unit(code, members, ex_officio=e) for code, members, e in DEMO]
    result = apportion(units, Rules(350, minimum=10))
    seats = {s.key: s.elected for s in result.shares}
    assert seats == EXPECTED == by_hand()
    assert result.total == 350
    assert sum(seats.values()) == 323
