"""The JSON tree takes ?as_of= like the pages."""

from daihoi.organizations import restructure
from tests.organizations.conftest import BEFORE, decision


def test_the_api_answers_for_a_past_day(client, users, tree, communes):
    restructure.merge_into_new(
        None,
        [communes.x01, communes.x03],
        code="X10",
        name="Đảng bộ xã Đông Hưng",
        decision=decision(),
    )
    client.force_login(users.east)
    url = f"/api/organizations/{tree.east.pk}/children"
    today = {c["code"]: (c["member_total"], c["active"]) for c in client.get(url).json()}
    past = {
        c["code"]: (c["member_total"], c["active"])
        for c in client.get(url, {"as_of": BEFORE.isoformat()}).json()
    }
    assert today["X10"] == (7, True) and today["X01"] == (0, False)
    assert past == {"X01": (3, True), "X03": (4, True), "X04": (2, True)}
    new = client.get(f"/api/organizations/{communes.x01.pk}", {"as_of": BEFORE.isoformat()})
    assert new.json()["name"] == "Đảng bộ xã Đông Hòa" and new.json()["member_total"] == 3
    gone = client.get(f"/api/organizations/{communes.x01.pk + 100}", {"as_of": BEFORE.isoformat()})
    assert gone.status_code == 404
