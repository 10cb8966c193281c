"""Merge, absorb, split, move, dissolve: every member exactly once, history kept, refusals."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count

from daihoi.audit.models import AuditEntry
from daihoi.audit.services import verify_chain
from daihoi.organizations import restructure, selectors
from daihoi.organizations.models import Organization, OrganizationVersion, Restructuring
from daihoi.organizations.restructure import Part
from daihoi.people.models import Member, MemberAssignment, Post
from tests.organizations.conftest import BEFORE, D, decision


def open_official():
    return MemberAssignment.objects.filter(kind="official", valid_to__isnull=True)


def assert_each_member_once():
    """Every active member has exactly one open official assignment, at their organisation."""
    active = dict(Member.objects.filter(active=True).values_list("pk", "organization_id"))
    rows = list(open_official().values_list("member_id", "organization_id"))
    assert sorted(m for m, _o in rows) == sorted(active)
    assert dict(rows) == active
    per_day = (
        MemberAssignment.objects.filter(kind="official", valid_from__lte=BEFORE)
        .exclude(valid_to__lte=BEFORE)
        .values("member_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not per_day.exists()


def test_it_merges_three_communes_into_a_new_one(tree, communes):
    r = restructure.merge_into_new(
        None,
        [communes.x01, communes.x03, communes.x04],
        code="X10",
        name="Đảng bộ xã Đông Hưng",
        decision=decision(),
    )
    new = Organization.objects.get(code="X10")
    assert (new.parent, new.level, new.kind, new.founded_on) == (
        tree.east,
        "grassroots",
        "commune",
        D,
    )
    assert set(new.children.values_list("code", flat=True)) == {"C011", "C012", "C031", "C032"}
    assert set(new.members.values_list("code", flat=True)) == {"M105", "M106"}
    for old in (communes.x01, communes.x03, communes.x04):
        old.refresh_from_db()
        assert (old.active, old.dissolved_on) == (False, D)
        assert not old.children.exists() and not old.members.exists()
    assert selectors.member_count(new) == 9
    assert r.scope == tree.east and r.effective_on == D
    assert_each_member_once()


def test_it_writes_cells_paths_and_history_in_step(tree, communes):
    restructure.merge_into_new(
        None, [communes.x01, communes.x03], code="X10", name="Đảng bộ xã Mới", decision=decision()
    )
    new = Organization.objects.get(code="X10")
    for cell in Organization.objects.filter(parent=new):
        assert cell.path == new.path + f"{cell.pk:07d}." and cell.depth == 3
        open_version = cell.versions.get(valid_to__isnull=True)
        assert (open_version.path, open_version.valid_from) == (cell.path, D)
        closed = cell.versions.get(valid_to=D)
        assert closed.parent_id in (communes.x01.pk, communes.x03.pk)


def test_it_moves_direct_members_and_records_their_history(tree, communes):
    restructure.absorb(None, [communes.x04], into=communes.x03, decision=decision())
    nam = Member.objects.get(code="M105")
    assert nam.organization == communes.x03
    rows = list(nam.assignments.order_by("valid_from").values_list("organization_id", "valid_to"))
    assert rows == [(communes.x04.pk, D), (communes.x03.pk, None)]
    assert nam.assignments.get(valid_to__isnull=True).restructuring.decision_number == "101-QĐ/HU"
    assert_each_member_once()


def test_it_splits_a_commune_giving_each_cell_and_member_one_new_home(tree, communes):
    cells = communes.x03_cells
    make = Member.objects.get
    # A member sitting directly in the đảng bộ, beside its cells.
    direct = make(code="M101")
    Member.objects.filter(pk=direct.pk).update(organization=communes.x03)
    restructure.split(
        None,
        communes.x03,
        parts=[Part("X31", "Đảng bộ xã Lâm Thượng"), Part("X32", "Đảng bộ xã Lâm Hạ")],
        children={cells[0].pk: 0, cells[1].pk: 1},
        members={direct.pk: 1},
        decision=decision(),
    )
    first, second = Organization.objects.get(code="X31"), Organization.objects.get(code="X32")
    assert list(first.children.all()) == [cells[0]] and list(second.children.all()) == [cells[1]]
    assert make(code="M101").organization == second
    assert selectors.member_count(first) + selectors.member_count(second) == 4
    assert selectors.member_count(tree.east) == 9
    assert_each_member_once()


def test_a_split_refuses_a_member_left_without_a_new_home(tree, communes):
    with pytest.raises(ValidationError) as error:
        restructure.split(
            None,
            communes.x04,
            parts=[Part("X41", "Chi bộ A"), Part("X42", "Chi bộ B")],
            children={},
            members={Member.objects.get(code="M105").pk: 0},
            decision=decision(),
        )
    assert "Sơn" in str(error.value.message_dict["parts"])
    assert not Organization.objects.filter(code__in=["X41", "X42"]).exists()


def test_it_moves_a_subtree_under_the_province_and_keeps_the_past(tree, communes):
    restructure.move_subtree(None, communes.x03, new_parent=tree.province, decision=decision())
    communes.x03.refresh_from_db()
    assert communes.x03.parent == tree.province and communes.x03.depth == 1
    for cell in communes.x03_cells:
        cell.refresh_from_db()
        assert cell.path.startswith(communes.x03.path) and cell.depth == 2
    assert selectors.member_count(tree.east) == 5
    assert selectors.member_count(tree.east, as_of=BEFORE) == 9
    # The members did not change organisation: no assignment was closed.
    assert not MemberAssignment.objects.filter(valid_to__isnull=False).exists()


def test_it_dissolves_an_empty_unit_and_ends_its_posts(tree, communes):
    member = Member.objects.get(code="M105")
    post = Post.objects.create(
        member=member,
        title="Bí thư Chi bộ",
        organization=communes.x04,
        started_on=dt.date(2020, 8, 1),
    )
    restructure.absorb(None, [communes.x04], into=communes.x03, decision=decision())
    post.refresh_from_db()
    assert post.ended_on == D


def test_it_refuses_to_dissolve_a_unit_that_still_holds_members(tree, communes):
    with pytest.raises(ValidationError) as error:
        restructure.dissolve(None, communes.x04, decision=decision())
    assert "2 đảng viên" in str(error.value.message_dict["receiver"])
    restructure.dissolve(None, communes.x04, decision=decision(), receiver=communes.x01)
    assert Member.objects.filter(organization=communes.x01).count() == 2


@pytest.mark.parametrize(
    "call, field",
    [
        (
            lambda c, t: restructure.merge_into_new(
                None, [c.x01, t.east_cells[0]], code="N1", name="Mới", decision=decision()
            ),
            "sources",
        ),
        (
            lambda c, t: restructure.merge_into_new(
                None, [c.x01, c.x03], code="X04", name="Mới", decision=decision()
            ),
            "code",
        ),
        (
            lambda c, t: restructure.merge_into_new(
                None, [c.x01, t.west_commune], code="N1", name="Mới", decision=decision()
            ),
            "parent",
        ),
        (
            lambda c, t: restructure.move_subtree(
                None, t.east, new_parent=c.x01, decision=decision()
            ),
            "new_parent",
        ),
        (
            lambda c, t: restructure.move_subtree(
                None, c.x01, new_parent=t.east_cells[1], decision=decision()
            ),
            "new_parent",
        ),
        (
            lambda c, t: restructure.absorb(None, [c.x01], into=t.east, decision=decision()),
            "target",
        ),
        (
            lambda c, t: restructure.rename(
                None, c.x01, name="Đảng bộ xã Đông Hòa", decision=decision()
            ),
            "name",
        ),
        (
            lambda c, t: restructure.rename(
                None, c.x01, name="Mới", decision=decision(on=dt.date.today() + dt.timedelta(3))
            ),
            "effective_on",
        ),
    ],
    ids=[
        "levels",
        "code-taken",
        "no-common-parent",
        "into-itself",
        "cell-parent",
        "absorb-level",
        "same-name",
        "future",
    ],
)
def test_it_refuses_an_impossible_operation_and_writes_nothing(tree, communes, call, field):
    counts = (
        Organization.objects.count(),
        OrganizationVersion.objects.count(),
        MemberAssignment.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(ValidationError) as error:
        call(communes, tree)
    assert field in error.value.message_dict
    assert counts == (
        Organization.objects.count(),
        OrganizationVersion.objects.count(),
        MemberAssignment.objects.count(),
        AuditEntry.objects.count(),
    )


def test_it_refuses_to_date_a_change_before_the_last_one(tree, communes):
    restructure.rename(None, communes.x01, name="Đảng bộ xã Đông Hòa Mới", decision=decision())
    with pytest.raises(ValidationError) as error:
        restructure.move_subtree(
            None, communes.x01, new_parent=tree.west, decision=decision(on=BEFORE)
        )
    assert "effective_on" in error.value.message_dict


def test_a_failure_half_way_leaves_nothing_behind(tree, communes, monkeypatch):
    import daihoi.organizations.restructure.apply as apply_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(apply_module, "_sync_members", broken)
    before = {
        "orgs": list(Organization.objects.order_by("pk").values_list("pk", "path", "active")),
        "members": list(Member.objects.order_by("pk").values_list("pk", "organization_id")),
        "versions": OrganizationVersion.objects.count(),
        "assignments": MemberAssignment.objects.count(),
        "audit": AuditEntry.objects.count(),
    }
    with pytest.raises(RuntimeError):
        restructure.merge_into_new(
            None,
            [communes.x01, communes.x03, communes.x04],
            code="X10",
            name="Đảng bộ xã Mới",
            decision=decision(),
        )
    after = {
        "orgs": list(Organization.objects.order_by("pk").values_list("pk", "path", "active")),
        "members": list(Member.objects.order_by("pk").values_list("pk", "organization_id")),
        "versions": OrganizationVersion.objects.count(),
        "assignments": MemberAssignment.objects.count(),
        "audit": AuditEntry.objects.count(),
    }
    assert after == before
    assert not Restructuring.objects.exists()


def test_it_audits_the_decision(tree, communes, users):
    restructure.merge_into_new(
        users.province,
        [communes.x01, communes.x03],
        code="X10",
        name="Đảng bộ xã Mới",
        decision=decision("55-QĐ/TU"),
    )
    entry = AuditEntry.objects.get(action="organization.merge")
    assert entry.actor_name == "tinh"
    assert entry.after["decision"] == "55-QĐ/TU" and entry.after["effective_on"] == "2025-07-01"
    assert set(entry.after["changed"]) == {"X01", "X03", "C011", "C012", "C031", "C032"}
    assert entry.after["members_moved"] == 0 and entry.after["created"] == ["X10"]
    assert verify_chain().ok


def test_a_later_change_elsewhere_does_not_block_an_earlier_decision(tree, communes):
    restructure.rename(None, tree.west_commune, name="Đảng bộ xã Tây Sơn Mới", decision=decision())
    restructure.move_subtree(
        None, communes.x03, new_parent=tree.province, decision=decision(on=BEFORE)
    )
    communes.x03.refresh_from_db()
    assert communes.x03.parent == tree.province
