"""Access by subtree after restructuring: moved units, merged-away units, past days."""

import pytest
from django.http import Http404

from daihoi.organizations import restructure, selectors
from daihoi.organizations.models import Organization
from daihoi.people.selectors import access_member, visible_members
from tests.conftest import make_user
from tests.organizations.conftest import BEFORE, D, decision


@pytest.fixture
def merged(tree, communes):
    restructure.merge_into_new(
        None,
        [communes.x01, communes.x03, communes.x04],
        code="X10",
        name="Đảng bộ xã Đông Hưng",
        decision=decision(),
    )
    return Organization.objects.get(code="X10")


def test_a_user_of_a_merged_away_unit_sees_only_that_unit_today(tree, communes, merged):
    user = make_user("xa_cu", communes.x01)
    assert list(selectors.visible_organizations(user)) == [communes.x01]
    for unit in (merged, tree.east_cells[0]):
        with pytest.raises(Http404):
            selectors.access_organization(user, unit.pk)
    assert not visible_members(user).exists()
    with pytest.raises(Http404):
        access_member(user, tree.east_cells[0].members.first().pk)


def test_a_user_of_a_merged_away_unit_keeps_its_own_past(tree, communes, merged):
    user = make_user("xa_cu", communes.x01)
    old = selectors.access_organization(user, communes.x01.pk, as_of=BEFORE)
    assert old.active and old.name == "Đảng bộ xã Đông Hòa"
    cell = selectors.access_organization(user, tree.east_cells[0].pk, as_of=BEFORE)
    assert cell.parent_id == communes.x01.pk
    assert selectors.member_count(old, as_of=BEFORE) == 3
    # Not the other communes' past, nor anything on or after the merge outside its own record.
    with pytest.raises(Http404):
        selectors.access_organization(user, communes.x03.pk, as_of=BEFORE)
    with pytest.raises(Http404):
        selectors.access_organization(user, tree.east_cells[0].pk, as_of=D)


def test_a_district_user_loses_a_unit_moved_out_but_keeps_its_past(tree, communes):
    east = make_user("u_east", tree.east)
    restructure.move_subtree(None, communes.x03, new_parent=tree.province, decision=decision())
    with pytest.raises(Http404):
        selectors.access_organization(east, communes.x03.pk)
    past = selectors.access_organization(east, communes.x03.pk, as_of=BEFORE)
    assert past.parent_id == tree.east.pk
    assert selectors.member_count(tree.east) == 5


def test_the_moved_units_own_user_still_sees_its_subtree(tree, communes):
    user = make_user("xa_lam", communes.x03)
    restructure.move_subtree(None, communes.x03, new_parent=tree.west, decision=decision())
    user.refresh_from_db()  # as the next request would load it
    visible = set(selectors.visible_organizations(user).values_list("code", flat=True))
    assert visible == {"X03", "C031", "C032"}
    assert visible_members(user).count() == 4
    west = make_user("tay2", tree.west)
    assert selectors.access_organization(west, communes.x03_cells[0].pk).code == "C031"
    with pytest.raises(Http404):
        selectors.access_organization(west, communes.x03_cells[0].pk, as_of=BEFORE)


def test_a_user_of_a_new_unit_sees_nothing_before_it_existed(tree, merged):
    user = make_user("xa_moi", merged)
    assert selectors.scope_path(user, BEFORE) is None
    with pytest.raises(Http404):
        selectors.access_organization(user, merged.pk, as_of=BEFORE)
    assert selectors.access_organization(user, merged.pk, as_of=D).code == "X10"
