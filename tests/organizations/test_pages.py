"""The tree with its date picker, an organisation's history, and the restructuring pages."""

import datetime as dt

from django.urls import reverse

from daihoi.organizations import restructure
from daihoi.organizations.models import Organization, Restructuring
from tests.conftest import make_user
from tests.organizations.conftest import BEFORE, D, decision


def text(response) -> str:
    return " ".join(response.content.decode().split())


def merge_form(communes, **changes):
    data = {
        "sources": [communes.x01.pk, communes.x03.pk, communes.x04.pk],
        "code": "X10",
        "name": "Đảng bộ xã Đông Hưng",
        "kind": "",
        "decision_number": "101-QĐ/HU",
        "decision_date": "2025-06-28",
        "effective_on": "2025-07-01",
        "issued_by": "Ban Thường vụ Huyện ủy",
    }
    data.update(changes)
    return data


def test_the_tree_shows_the_day_asked_for(client, users, tree, communes):
    restructure.merge_into_new(
        None,
        [communes.x01, communes.x03],
        code="X10",
        name="Đảng bộ xã Đông Hưng",
        decision=decision(),
    )
    client.force_login(users.east)
    today = text(client.get(reverse("organizations:tree")))
    assert "Đảng bộ xã Đông Hưng" in today and "đã kết thúc hoạt động" in today
    past = text(client.get(reverse("organizations:tree"), {"as_of": BEFORE.isoformat()}))
    assert "Đảng bộ xã Đông Hưng" not in past and "Đảng bộ xã Đông Lâm" in past
    assert "30/06/2025" in past and "9 đảng viên" in past
    node = text(
        client.get(
            reverse("organizations:children", args=[communes.x03.pk]), {"as_of": BEFORE.isoformat()}
        )
    )
    assert "Chi bộ xóm 1" in node and "2 đảng viên" in node and "as_of=2025-06-30" in node


def test_an_organisations_page_shows_its_history_and_decision(client, users, tree, communes):
    restructure.absorb(None, [communes.x04], into=communes.x03, decision=decision("77-QĐ/HU"))
    client.force_login(users.east)
    page = text(client.get(reverse("organizations:detail", args=[communes.x04.pk])))
    assert "Tổ chức đã kết thúc hoạt động từ ngày 01/07/2025" in page
    assert "Sáp nhập — 77-QĐ/HU" in page
    past = text(
        client.get(
            reverse("organizations:detail", args=[communes.x04.pk]), {"as_of": BEFORE.isoformat()}
        )
    )
    assert "Thống kê đảng viên (toàn đảng bộ, ngày 30/06/2025)" in past
    assert '<div class="value">2</div>' in past


def test_the_merge_preview_writes_nothing_and_apply_writes_everything(
    client, users, tree, communes
):
    client.force_login(users.east)
    url = reverse("organizations:restructure", args=[tree.east.pk, "merge"])
    form = text(client.get(url))
    assert "Đảng bộ xã Đông Lâm (X03)" in form and "Xem trước" in form
    preview = client.post(url, merge_form(communes, preview=""))
    page = text(preview)
    assert "Đảng bộ xã Đông Hưng" in page and "Áp dụng" in page
    assert 'data-testid="members-under">9<' in page
    assert not Organization.objects.filter(code="X10").exists()
    done = client.post(url, merge_form(communes, apply=""))
    r = Restructuring.objects.get()
    assert done.status_code == 302 and done.url == reverse(
        "organizations:restructuring", args=[r.pk]
    )
    result = text(client.get(done.url))
    assert "101-QĐ/HU" in result and "Ban Thường vụ Huyện ủy" in result
    assert Organization.objects.get(code="X10").members.count() == 2


def test_a_bad_merge_comes_back_with_the_field_named(client, users, tree, communes):
    client.force_login(users.east)
    url = reverse("organizations:restructure", args=[tree.east.pk, "merge"])
    page = text(client.post(url, merge_form(communes, code="X04", preview="")))
    assert "Mã X04 đã có." in page and "has-error" in page
    page = text(client.post(url, merge_form(communes, effective_on="2999-01-01", preview="")))
    assert "Ngày hiệu lực sau hôm nay" in page


def test_a_viewer_cannot_restructure(client, users, tree):
    client.force_login(users.east_viewer)
    url = reverse("organizations:restructure", args=[tree.east.pk, "merge"])
    assert client.get(url).status_code == 403


def test_a_unit_does_not_restructure_itself(client, users, tree):
    client.force_login(users.east)
    for op in ("move", "rename", "dissolve", "split"):
        url = reverse("organizations:restructure", args=[tree.east.pk, op])
        assert client.get(url).status_code == 403


def test_another_district_cannot_see_the_decision(client, users, tree, communes):
    r = restructure.absorb(None, [communes.x04], into=communes.x03, decision=decision())
    client.force_login(users.west)
    assert client.get(reverse("organizations:restructuring", args=[r.pk])).status_code == 404
    assert (
        client.get(
            reverse("organizations:restructure", args=[communes.x03.pk, "rename"])
        ).status_code
        == 404
    )


def test_a_merged_away_units_account_still_opens_its_decision(client, tree, communes):
    r = restructure.absorb(None, [communes.x04], into=communes.x03, decision=decision())
    user = make_user("chibo_cu", communes.x04)
    client.force_login(user)
    page = text(client.get(reverse("organizations:restructuring", args=[r.pk])))
    assert "Chi bộ xã Đông Phong" in page
    assert "Trước và sau" not in page  # the district's figures are not its to see


def test_the_compare_page_counts_units_and_members_by_level(client, users, tree, communes):
    restructure.merge_into_new(
        None,
        [communes.x01, communes.x03, communes.x04],
        code="X10",
        name="Đảng bộ xã Mới",
        decision=decision(),
    )
    client.force_login(users.east)
    response = client.get(
        reverse("organizations:compare", args=[tree.east.pk]),
        {"before": BEFORE.isoformat(), "after": D.isoformat()},
    )
    rows = {row.label: row for row in response.context["levels"]}
    assert (rows["Cơ sở"].units_before, rows["Cơ sở"].units_after) == (3, 1)
    assert (rows["Cơ sở"].members_before, rows["Cơ sở"].members_after) == (2, 2)
    assert (rows["Chi bộ trực thuộc"].members_before, rows["Chi bộ trực thuộc"].members_after) == (
        7,
        7,
    )


def test_the_split_form_lists_each_cell_and_member(client, users, tree, communes):
    client.force_login(users.east)
    url = reverse("organizations:restructure", args=[communes.x03.pk, "split"])
    page = text(client.get(url, {"parts": 3}))
    assert "Chi bộ xóm 1" in page and "Tên tổ chức mới 3" in page
    data = {
        "parts": 2,
        "part_1_code": "X31",
        "part_1_name": "Đảng bộ xã A",
        "part_2_code": "X32",
        "part_2_name": "Đảng bộ xã B",
        f"child_{communes.x03_cells[0].pk}": "1",
        f"child_{communes.x03_cells[1].pk}": "2",
        "decision_number": "9-QĐ/HU",
        "decision_date": dt.date(2025, 7, 1).isoformat(),
        "apply": "",
    }
    assert client.post(url, data).status_code == 302
    assert Organization.objects.get(code="X32").children.get() == communes.x03_cells[1]
