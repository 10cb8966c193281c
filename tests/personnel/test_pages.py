"""Personnel pages through the Django test client: access, checks, override, what-if, steps, downloads."""

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from daihoi.personnel import steps
from daihoi.personnel.models import NominationStep
from tests.conftest import make_user


@pytest.fixture
def east(client, users):
    client.force_login(users.east)
    return client


def test_the_plan_page_shows_candidates_and_structure(east, plan_setup):
    page = east.get(f"/personnel/{plan_setup.plan.pk}/").content.decode()
    assert "Lê Văn Cao" in page and "Cơ cấu của danh sách" in page
    assert "Chưa chạy kiểm tra" in page


def test_a_user_outside_the_subtree_gets_404(client, users, plan_setup):
    client.force_login(users.west)
    assert client.get(f"/personnel/{plan_setup.plan.pk}/").status_code == 404


def test_a_viewer_cannot_run_checks(client, users, plan_setup):
    client.force_login(users.east_viewer)
    assert (
        client.post(f"/personnel/{plan_setup.plan.pk}/checks/").status_code == 403
    )  # personnel work: the board only


def test_run_checks_then_override_with_a_reason(east, plan_setup):
    pk, old = plan_setup.plan.pk, plan_setup.cands.old.pk
    response = east.post(f"/personnel/{pk}/checks/", follow=True)
    assert "Vướng" in response.content.decode()
    reason = "Cấp có thẩm quyền đồng ý kéo dài thời gian công tác."
    east.post(
        f"/personnel/{pk}/candidates/{old}/override/",
        {"code": "age_service_short", "reason": reason},
    )
    page = east.get(f"/personnel/{pk}/?by=rule").content.decode()
    assert reason in page and "Đã xem xét" in page


def test_the_what_if_page_embeds_each_persons_age(east, plan_setup):
    page = east.get(f"/personnel/{plan_setup.plan.pk}/what-if/").content.decode()
    start = page.index('id="whatif-data"')
    payload = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    assert payload["seats"] == 4 and payload["targets"]["women"] == 30.0
    ages = {p["name"]: p["age"] for p in payload["people"]}
    assert ages["Trần Thị Hoa"] == 35  # born 3/1990, at 6/2025


def test_nomination_steps_carry_the_list(east, plan_setup, users):
    plan, c = plan_setup.plan, plan_setup.cands
    data = {
        "name": "Hội nghị cán bộ chủ chốt",
        "voters_kind": "key_cadres",
        "summoned": "10",
        "present": "9",
        f"votes_{c.old.pk}": "9",
        f"votes_{c.young.pk}": "5",
        f"votes_{c.mid.pk}": "6",
        f"votes_{c.other.pk}": "8",
    }
    east.post(f"/personnel/{plan.pk}/nomination/", data)
    assert NominationStep.objects.filter(plan=plan).count() == 1
    carried = [x.pk for x in steps.next_list(plan)]
    assert carried == [c.old.pk, c.mid.pk, c.other.pk]  # 5 of 10 is not more than half
    ballots = "1 2 3\n1 3\n1\n0\n2 3"  # positions in the carried list
    east.post(
        f"/personnel/{plan.pk}/nomination/",
        {
            "name": "Ban thường vụ",
            "voters_kind": "standing_committee",
            "summoned": "5",
            "present": "5",
            "ballots": ballots,
        },
    )
    result = steps.step_results(plan)[1][1]
    votes = {r.key: r.votes for r in result.rows}
    assert votes == {str(c.old.pk): 3, str(c.mid.pk): 2, str(c.other.pk): 3}  # "0" is invalid
    assert set(result.passed) == {str(c.old.pk), str(c.other.pk)}


def test_downloads_open(east, plan_setup):
    pk = plan_setup.plan.pk
    east.post(f"/personnel/{pk}/checks/")
    pdf = east.get(f"/personnel/{pk}/download/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = Document(io.BytesIO(east.get(f"/personnel/{pk}/download/report.docx").content))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "ĐỀ ÁN NHÂN SỰ" in text
    assert east.get(f"/personnel/{pk}/download/dossiers.pdf").content.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(east.get(f"/personnel/{pk}/download/findings.xlsx").content))
    values = [c.value for row in book.active.iter_rows() for c in row]
    assert "age_service_short" in values


def test_relationships_are_declared_between_candidates(east, plan_setup):
    pk, p = plan_setup.plan.pk, plan_setup.people
    east.post(
        f"/personnel/{pk}/relations/",
        {"member_a": p.young.pk, "member_b": p.mid.pk, "kind": "spouse"},
    )
    assert "Vợ, chồng" in east.get(f"/personnel/{pk}/relations/").content.decode()


def test_a_plan_is_created_from_the_list_page(client, tree, users):
    from daihoi.congresses.services import create_congress

    congress = create_congress(
        users.province, tree.west_commune, name="ĐH xã Tây Sơn", kind="members"
    )
    client.force_login(make_user("tayson", tree.west_commune))
    response = client.post(
        "/personnel/new/",
        {"congress": congress.pk, "committee_size": 9, "standing_size": 3, "deputy_count": 1},
    )
    assert response.status_code == 302
    assert congress.personnel_plan.level_key == "grassroots"
