"""Member statistics for the upward report, counted in SQL over a subtree."""

import datetime as dt

from daihoi.reports.statistics import age_bands, member_statistics, members_in


def test_it_counts_members_by_gender_status_and_ethnicity(tree, members):
    stats = member_statistics(tree.province, dt.date(2025, 10, 1))
    assert dict(stats["gender"]) == {"Nam": 3, "Nữ": 2}
    assert dict(stats["ethnicity"]) == {"Kinh": 5}
    east = member_statistics(tree.east, dt.date(2025, 10, 1))
    assert sum(n for _, n in east["gender"]) == 3


def test_it_puts_ages_in_bands_on_the_reference_day(tree, members):
    # Every member of the cast was born on 1/5/1975: 49 on 30/4/2025, 50 on 1/5/2025.
    before = dict(age_bands(members_in(tree.province), dt.date(2025, 4, 30)))
    on = dict(age_bands(members_in(tree.province), dt.date(2025, 5, 1)))
    assert before["40–49"] == 5 and on["50–59"] == 5
