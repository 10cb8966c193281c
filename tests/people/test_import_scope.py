"""A district's staff import into their own district and nowhere else."""

from daihoi.organizations.models import Organization
from daihoi.people.importing import import_workbook
from daihoi.people.models import Member

from .test_import import member_row, organization_row, workbook


def east_import(tree, users, **rows):
    return import_workbook(workbook(**rows), actor=users.east, scope=tree.east)


def test_it_lets_a_district_import_inside_its_own_subtree(tree, users):
    result = east_import(
        tree,
        users,
        organizations=[organization_row("C013", "X01")],
        members=[member_row("M101", "C013"), member_row("M102", "C011")],
    )
    assert result.written and (result.organizations_created, result.members_created) == (1, 2)


def test_it_refuses_members_of_another_district(tree, users):
    result = east_import(tree, users, members=[member_row("M101"), member_row("M102", "C021")])
    [error] = result.errors
    assert (error.row, error.field, error.code) == (3, "organization_code", "outside_scope")
    assert "Đảng bộ huyện Đông" in error.message
    assert not result.written and Member.objects.count() == 0


def test_it_refuses_to_overwrite_a_member_registered_in_another_district(members, tree, users):
    result = east_import(tree, users, members=[member_row("M004", "C011")])
    [error] = result.errors
    assert (error.field, error.code) == ("code", "member_outside_scope")
    assert Member.objects.get(code="M004").organization == tree.west_cells[0]


def test_it_refuses_organisations_under_or_in_another_district(tree, users):
    result = east_import(
        tree,
        users,
        organizations=[
            organization_row("C023", "X02"),
            organization_row("C021", "X02", name="Đổi tên"),
            organization_row("T02", None, level="Đảng bộ tỉnh", kind="Tỉnh, thành phố"),
        ],
    )
    assert [(e.row, e.field, e.code) for e in result.errors] == [
        (2, "parent_code", "outside_scope"),
        (3, "code", "outside_scope"),
        (4, "code", "outside_scope"),
    ]
    assert not Organization.objects.filter(code__in=["C023", "T02"]).exists()
    assert Organization.objects.get(code="C021").name == "Chi bộ thôn 1"


def test_it_writes_the_rows_inside_the_scope_when_asked_for_the_valid_ones(tree, users):
    result = import_workbook(
        workbook(members=[member_row("M101"), member_row("M102", "C021")]),
        actor=users.east,
        scope=tree.east,
        only_valid=True,
    )
    assert result.written and result.members_created == 1
    assert list(Member.objects.values_list("code", flat=True)) == ["M101"]
