"""The tree and its counts as of a day: before, on and after a change, and today."""

import datetime as dt

from daihoi.organizations import restructure, selectors
from daihoi.organizations.models import Organization
from daihoi.people.history import members_in
from tests.organizations.conftest import BEFORE, D, decision

AFTER = D + dt.timedelta(days=30)


def merge_three(communes):
    return restructure.merge_into_new(
        None,
        [communes.x01, communes.x03, communes.x04],
        code="X10",
        name="Đảng bộ xã Đông Hưng",
        decision=decision(),
    )


def children(org, day):
    return {
        c.code: (c.name, c.member_total, c.child_total, c.active)
        for c in selectors.children_with_counts(org, as_of=day)
    }


def test_it_shows_the_old_communes_the_day_before_a_merge(tree, communes):
    merge_three(communes)
    assert children(tree.east, BEFORE) == {
        "X01": ("Đảng bộ xã Đông Hòa", 3, 2, True),
        "X03": ("Đảng bộ xã Đông Lâm", 4, 2, True),
        "X04": ("Chi bộ xã Đông Phong", 2, 0, True),
    }


def test_it_shows_the_new_commune_on_the_day_and_after(tree, communes):
    merge_three(communes)
    for day in (D, AFTER, None):
        shown = children(tree.east, day)
        assert shown["X10"] == ("Đảng bộ xã Đông Hưng", 9, 4, True)
        assert {code: row[1:] for code, row in shown.items() if code != "X10"} == {
            "X01": (0, 0, False),
            "X03": (0, 0, False),
            "X04": (0, 0, False),
        }


def test_it_keeps_totals_across_the_change(tree, communes):
    merge_three(communes)
    for day in (BEFORE, D, AFTER, None):
        assert selectors.member_count(tree.east, as_of=day) == 9
        assert selectors.member_count(tree.province, as_of=day) == 11
        assert selectors.member_count(tree.east, as_of=day, gender="female") == 3


def test_it_counts_a_unit_that_did_not_exist_yet_as_empty(tree, communes):
    merge_three(communes)
    new = Organization.objects.get(code="X10")
    assert selectors.member_count(new, as_of=BEFORE) == 0
    assert selectors.subtree(new, as_of=BEFORE) == []
    assert selectors.children_with_counts(new, as_of=BEFORE) == []
    assert members_in(new, BEFORE).count() == 0
    assert members_in(new, D).count() == 9


def test_it_gives_the_subtree_and_ancestors_with_that_days_paths(tree, communes):
    merge_three(communes)
    cell = tree.east_cells[0]
    before = {o.code for o in selectors.subtree(communes.x01, as_of=BEFORE)}
    assert before == {"X01", "C011", "C012"}
    assert {o.code for o in selectors.subtree(communes.x01, as_of=D)} == {"X01"}
    old_cell = [o for o in selectors.subtree(tree.east, as_of=BEFORE) if o.code == "C011"][0]
    assert [a.code for a in selectors.ancestors(old_cell, as_of=BEFORE)] == ["T01", "H01", "X01"]
    cell.refresh_from_db()
    assert [a.code for a in selectors.ancestors(cell)] == ["T01", "H01", "X10"]


def test_it_answers_today_from_the_current_rows_in_one_or_two_queries(
    tree, communes, django_assert_num_queries
):
    merge_three(communes)
    with django_assert_num_queries(1):
        assert selectors.member_count(tree.east) == 9
    with django_assert_num_queries(2):
        selectors.children_with_counts(tree.east)


def test_it_answers_a_past_day_in_a_few_queries(tree, communes, django_assert_max_num_queries):
    merge_three(communes)
    with django_assert_max_num_queries(4):
        selectors.children_with_counts(tree.province, as_of=BEFORE)
    with django_assert_max_num_queries(2):
        selectors.member_count(tree.province, as_of=BEFORE)


def test_it_renames_from_the_effective_day(tree, communes):
    restructure.rename(
        None, communes.x03, name="Đảng bộ phường Đông Lâm", kind="ward", decision=decision()
    )
    assert children(tree.east, BEFORE)["X03"][0] == "Đảng bộ xã Đông Lâm"
    assert children(tree.east, D)["X03"][0] == "Đảng bộ phường Đông Lâm"
    communes.x03.refresh_from_db()
    assert (communes.x03.name, communes.x03.kind) == ("Đảng bộ phường Đông Lâm", "ward")
