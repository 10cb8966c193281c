from collections import Counter

from daihoi.organizations import selectors
from daihoi.organizations.models import ALLOWED_PARENT_LEVELS, Level, Organization, path_segment
from daihoi.people.models import Member


def test_it_builds_the_small_province_at_its_documented_size(demo):
    levels = Counter(Organization.objects.values_list("level", flat=True))
    assert levels["province"] == 1
    assert levels["district"] == demo.districts == 2
    assert 8 <= levels["grassroots"] == demo.grassroots <= 12
    assert 30 <= levels["cell"] == demo.cells <= 50
    assert Member.objects.count() == demo.members
    assert 950 <= demo.members <= 1050


def test_it_puts_every_organisation_under_an_allowed_parent(demo):
    for org in Organization.objects.select_related("parent"):
        allowed = ALLOWED_PARENT_LEVELS[Level(org.level)]
        if org.parent is None:
            assert org.level == Level.PROVINCE
        else:
            assert org.parent.level in allowed, org.code
    assert not Organization.objects.filter(level="cell").exclude(parent__level="grassroots")


def test_it_derives_paths_from_parents(demo):
    for org in Organization.objects.select_related("parent"):
        prefix = org.parent.path if org.parent else ""
        assert org.path == prefix + path_segment(org.pk), org.code
        assert org.depth == org.path.count(".") - 1
        if org.parent:
            assert org.code.startswith(org.parent.code + ".")
    district = Organization.objects.filter(level="district").first()
    below = set(selectors.subtree(district).values_list("pk", flat=True))
    expected = {district.pk} | {
        o.pk for o in Organization.objects.all() if district.pk in o.ancestor_ids
    }
    assert below == expected


def test_it_puts_every_member_in_a_cell_or_a_grassroots_chi_bo(demo):
    holding = Counter(Member.objects.values_list("organization__level", flat=True))
    assert set(holding) <= {"cell", "grassroots"}
    # A grassroots organisation that holds members directly is a chi bộ cơ sở: no cells.
    direct = Organization.objects.filter(level="grassroots", members__isnull=False).distinct()
    assert all(o.name.startswith("Chi bộ") and not o.children.exists() for o in direct)
    assert not Organization.objects.filter(
        level__in=["province", "district"], members__isnull=False
    )


def test_it_names_organisations_in_the_official_style(demo):
    names = list(Organization.objects.values_list("level", "name"))
    assert all(n.startswith("Đảng bộ tỉnh ") for level, n in names if level == "province")
    assert all(n.startswith(("Đảng bộ ", "Chi bộ ")) for _, n in names)
    assert any(n.startswith("Đảng bộ xã ") for level, n in names if level == "grassroots")
    assert any(n.startswith(("Chi bộ thôn ", "Chi bộ bản ", "Chi bộ xóm ")) for _, n in names)
