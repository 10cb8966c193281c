import base64
import json

from daihoi.audit.models import AuditEntry

PASSWORD = "mat-khau-9xq"


def basic(username, password=PASSWORD):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def patch(client, url, data, **extra):
    return client.patch(url, json.dumps(data), content_type="application/json", **extra)


def test_it_publishes_an_openapi_schema_of_every_endpoint(client, users):
    client.force_login(users.east_viewer)
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "daihoi API"
    paths = schema["paths"]
    assert set(paths) >= {
        "/api/organizations/{org_id}",
        "/api/organizations/{org_id}/children",
        "/api/members",
        "/api/members/{member_id}",
    }
    assert "patch" in paths["/api/members/{member_id}"]
    assert client.get("/api/docs").status_code == 200


def test_it_asks_for_credentials(client, tree):
    assert client.get(f"/api/organizations/{tree.east.pk}").status_code == 401
    assert client.get("/api/openapi.json").status_code == 302  # to the login page


def test_it_shows_an_organisation_and_its_children_with_counts(client, users, tree, members):
    client.force_login(users.east)
    org = client.get(f"/api/organizations/{tree.east.pk}").json()
    assert org["name"] == "Đảng bộ huyện Đông" and org["member_total"] == 3
    assert org["parent_id"] is None  # the province is outside this user's world
    children = client.get(f"/api/organizations/{tree.east_commune.pk}/children").json()
    assert [(c["code"], c["member_total"], c["child_total"]) for c in children] == [
        ("C011", 2, 0),
        ("C012", 1, 0),
    ]


def test_it_hides_another_district_behind_404(client, users, tree, members):
    client.force_login(users.east)
    for url in (
        f"/api/organizations/{tree.west.pk}",
        f"/api/organizations/{tree.west.pk}/children",
        f"/api/members/{members.dung.pk}",
        f"/api/members?organization={tree.west.pk}",
    ):
        assert client.get(url).status_code == 404, url
    response = patch(client, f"/api/members/{members.dung.pk}", {"hometown": "X"})
    assert response.status_code == 404


def test_it_searches_members_without_accents(client, users, members):
    client.force_login(users.province)
    body = client.get("/api/members", {"q": "nguyen an"}).json()
    assert body["count"] == 2 and body["pages"] == 1
    assert {m["full_name"] for m in body["items"]} == {"Nguyễn Văn An", "Nguyễn Thị Ấn"}
    client.force_login(users.east)
    assert client.get("/api/members", {"q": "nguyen an"}).json()["count"] == 1


def test_it_shows_a_member(client, users, members):
    client.force_login(users.east_viewer)
    body = client.get(f"/api/members/{members.binh.pk}").json()
    assert body["full_name"] == "Trần Thị Bình" and body["gender"] == "female"
    assert body["organization"]["code"] == "C011"
    assert body["posts"] == [] and body["plannings"] == []


def test_it_lets_an_editor_patch_a_member_through_the_audited_service(client, users, members):
    client.force_login(users.east)
    response = patch(client, f"/api/members/{members.an.pk}", {"hometown": "Nghệ An"})
    assert response.status_code == 200 and response.json()["hometown"] == "Nghệ An"
    entry = AuditEntry.objects.last()
    assert entry.action == "member.update" and entry.actor == users.east


def test_it_ignores_a_forged_organisation_in_a_patch(client, users, tree, members):
    client.force_login(users.east)
    patch(client, f"/api/members/{members.an.pk}", {"organization_id": tree.west_cells[0].pk})
    members.an.refresh_from_db()
    assert members.an.organization == tree.east_cells[0]


def test_it_reports_invalid_values_by_field(client, users, members):
    client.force_login(users.east)
    response = patch(client, f"/api/members/{members.an.pk}", {"gender": "other"})
    assert response.status_code == 422
    assert "gender" in response.json()["errors"]


def test_it_refuses_a_patch_from_a_viewer(client, users, members):
    client.force_login(users.east_viewer)
    response = patch(client, f"/api/members/{members.an.pk}", {"hometown": "X"})
    assert response.status_code == 403
    members.an.refresh_from_db()
    assert members.an.hometown == ""


def test_it_accepts_http_basic_for_scripts(client, users, members):
    assert client.get(f"/api/members/{members.an.pk}", **basic("dong")).status_code == 200
    assert client.get(f"/api/members/{members.an.pk}", **basic("dong", "sai")).status_code == 401
    response = patch(
        client, f"/api/members/{members.an.pk}", {"religion": "Không"}, **basic("dong")
    )
    assert response.status_code == 200


def test_it_throttles_basic_auth_like_the_login_page(client, users, members, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        client.get("/api/members", **basic("dong", "sai"))
    assert client.get("/api/members", **basic("dong")).status_code == 429
