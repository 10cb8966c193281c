from daihoi.people.models import Member
from daihoi.people.selectors import search, visible_members
from daihoi.textnorm import fold


def test_it_folds_vietnamese_marks():
    assert fold("  Nguyễn   Văn Ấn ") == "nguyen van an"
    assert fold("ĐẶNG Thị Đào") == "dang thi dao"


def test_it_finds_names_without_accents(members):
    found = set(search(Member.objects.all(), "nguyen van an").values_list("code", flat=True))
    assert found == {"M001"}
    found = set(search(Member.objects.all(), "NGUYEN an").values_list("code", flat=True))
    assert found == {"M001", "M005"}
    assert list(search(Member.objects.all(), "M004").values_list("code", flat=True)) == ["M004"]


def test_it_limits_search_to_the_users_subtree(members, users):
    found = set(search(visible_members(users.east), "nguyen").values_list("code", flat=True))
    assert found == {"M001"}
