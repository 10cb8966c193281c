import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from daihoi.organizations import selectors
from daihoi.organizations.services import create_organization


def test_it_builds_paths_from_ancestors(tree):
    cell = tree.east_cells[0]
    assert cell.ancestor_ids == [tree.province.pk, tree.east.pk, tree.east_commune.pk]
    assert cell.depth == 3
    assert cell.is_descendant_of(tree.east) and not cell.is_descendant_of(tree.west)


def test_it_lists_a_subtree_without_its_neighbours(tree):
    names = set(selectors.subtree(tree.east).values_list("code", flat=True))
    assert names == {"H01", "X01", "C011", "C012"}
    assert set(selectors.subtree(tree.east, include_self=False).values_list("code", flat=True)) == {
        "X01",
        "C011",
        "C012",
    }


def test_it_counts_members_by_subtree_in_sql(members, tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert selectors.member_count(tree.province) == 5
    assert selectors.member_count(tree.east) == 3
    assert selectors.member_count(tree.east, gender="female") == 1
    with django_assert_num_queries(2):
        children = {
            c.code: (c.member_total, c.child_total)
            for c in selectors.children_with_counts(tree.province)
        }
    assert children == {"H01": (3, 1), "H02": (2, 1)}


def test_it_refuses_a_cell_directly_under_a_district(tree):
    with pytest.raises(ValidationError) as err:
        create_organization(
            None, code="BAD", name="Chi bộ lạc", level="cell", kind="village", parent=tree.east
        )
    assert "parent" in err.value.message_dict


def test_it_hides_other_districts_from_a_district_user(tree, users):
    visible = set(selectors.visible_organizations(users.east).values_list("code", flat=True))
    assert "H02" not in visible and "C021" not in visible and "T01" not in visible
    assert selectors.access_organization(users.east, tree.east_commune.pk) == tree.east_commune
    with pytest.raises(Http404):
        selectors.access_organization(users.east, tree.west_commune.pk)
    with pytest.raises(Http404):
        selectors.access_organization(users.east, tree.province.pk)
