"""Pages and access by subtree: each user sees their organisation's subtree and the plans above
it; outside it, 404; only organisers change anything."""

import datetime as dt

import pytest
from django.utils import timezone

from daihoi.accounts.models import Role
from daihoi.congresses.services import create_congress
from daihoi.delegates import roster
from daihoi.organizations.services import create_organization
from daihoi.preparation import bodies, drafts, programme, rounds
from daihoi.preparation.models import BodyKind, Comment, Plan
from tests.conftest import make_user

from .conftest import docx_upload

D = dt.date


@pytest.fixture
def other_province(db):
    org = create_organization(
        None, code="T09", name="Đảng bộ tỉnh B", level="province", kind="province"
    )
    return make_user("tinh_b", org, Role.ADMINISTRATOR)


def test_a_plan_is_made_from_the_form_and_issued(client, tree, users, congresses):
    client.force_login(users.province)
    form = {
        "term": "2025-2030",
        "title": "Kế hoạch tổ chức đại hội",
        "number": "25-KH/TU",
        "grassroots_finish_by": "2025-06-30",
        "grassroots_pilots_by": "2025-04-15",
        "province_finish_by": "2025-10-31",
    }
    response = client.post(f"/preparation/plans/new/?org={tree.province.pk}", form)
    plan = Plan.objects.get()
    assert response["Location"] == f"/preparation/plans/{plan.pk}/"
    client.post(f"/preparation/plans/{plan.pk}/issue/", {"issued_on": "2024-08-01"})
    page = client.get(f"/preparation/congress/{congresses.east_commune.pk}/").content.decode()
    assert "30/06/2025" in page and "Kế hoạch tổ chức đại hội" in page


def test_a_plan_form_names_the_level_and_field_of_a_bad_date(client, tree, users):
    client.force_login(users.province)
    form = {
        "term": "2025-2030",
        "title": "Kế hoạch",
        "grassroots_finish_by": "2025-09-30",
        "district_finish_by": "2025-08-25",
    }
    page = client.post(
        f"/preparation/plans/new/?org={tree.province.pk}", form, follow=True
    ).content.decode()
    assert "Hạn đại hội cấp cơ sở (30/09/2025) muộn hơn hạn cấp trên cơ sở (25/08/2025)" in page
    assert not Plan.objects.exists()


def test_a_district_reads_the_province_plan_but_cannot_change_it(client, plan, users):
    client.force_login(users.east)
    assert client.get(f"/preparation/plans/{plan.pk}/").status_code == 200
    assert client.get(f"/preparation/plans/{plan.pk}/timeline/").status_code == 200
    assert client.get(f"/preparation/plans/{plan.pk}/edit/").status_code == 404
    assert (
        client.post(
            f"/preparation/plans/{plan.pk}/tasks/", {"title": "x", "due_on": "2025-05-01"}
        ).status_code
        == 404
    )


def test_another_province_sees_nothing(client, plan, congresses, other_province):
    client.force_login(other_province)
    assert client.get(f"/preparation/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/preparation/congress/{congresses.east_commune.pk}/").status_code == 404
    assert (
        client.get(f"/preparation/congress/{congresses.province.pk}/programme/").status_code == 404
    )


def test_a_district_sees_its_own_congresses_and_not_the_other_district(
    client, plan, congresses, users
):
    client.force_login(users.west)
    assert client.get(f"/preparation/congress/{congresses.west_commune.pk}/").status_code == 200
    assert client.get(f"/preparation/congress/{congresses.east_commune.pk}/").status_code == 404
    page = client.get("/preparation/").content.decode()
    assert "Đảng bộ xã Đông Hòa" not in page


def test_the_owner_of_a_task_reports_it_with_evidence_and_a_viewer_cannot(
    client, plan, users, tree
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from daihoi.preparation import plans

    task = plans.add_task(
        users.province,
        plan,
        title="Báo cáo tiến độ",
        due_on=D(2025, 5, 1),
        owner_organization=tree.east,
    )
    client.force_login(users.east_viewer)
    assert (
        client.post(f"/preparation/tasks/{task.pk}/report/", {"status": "done"}).status_code == 404
    )
    client.force_login(users.east)
    evidence = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 bao cao")
    client.post(
        f"/preparation/tasks/{task.pk}/report/",
        {"status": "done", "done_on": "2025-04-28", "evidence": evidence},
    )
    task.refresh_from_db()
    assert (task.status, task.done_on) == ("done", D(2025, 4, 28))
    assert client.get(f"/preparation/tasks/{task.pk}/evidence/").status_code == 200
    client.force_login(users.west)
    assert (
        client.get(f"/preparation/tasks/{task.pk}/evidence/").status_code == 200
    )  # the plan is above them
    assert (
        client.post(f"/preparation/tasks/{task.pk}/report/", {"status": "todo"}).status_code == 404
    )


def test_overdue_tasks_show_on_the_dashboard(client, plan, users, tree):
    from daihoi.preparation import plans

    plans.add_task(
        users.province,
        plan,
        title="Nộp dự thảo văn kiện",
        due_on=timezone.localdate() - dt.timedelta(days=1),
        owner_organization=tree.east,
    )
    client.force_login(users.province)
    page = client.get("/preparation/").content.decode()
    assert "Nộp dự thảo văn kiện" in page and "Quá hạn" in page


def test_a_lower_organisation_comments_on_a_round_and_reads_only_its_own(
    client, congresses, users, tree
):
    draft = drafts.create_draft(
        users.province, congresses.province, kind="political_report", title="Báo cáo chính trị"
    )
    drafts.upload_version(users.province, draft, docx_upload())
    item = rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=3),
        to_lower_organizations=True,
    )
    client.force_login(users.west)
    client.post(
        f"/preparation/rounds/{item.pk}/comment/",
        {"source": "organization", "organization": tree.west.pk, "text": "Ý kiến huyện Tây"},
    )
    client.force_login(users.east)
    assert client.get(f"/preparation/versions/{item.version_id}/file/").status_code == 200
    response = client.post(
        f"/preparation/rounds/{item.pk}/comment/",
        {"source": "organization", "organization": tree.east.pk, "text": "Ý kiến huyện Đông"},
    )
    page = client.get(f"/preparation/rounds/{item.pk}/").content.decode()
    assert (
        response.status_code == 302
        and "Ý kiến huyện Đông" in page
        and "Ý kiến huyện Tây" not in page
    )
    assert Comment.objects.count() == 2
    assert client.get(f"/preparation/rounds/{item.pk}/summary.docx").status_code == 404
    comment = Comment.objects.get(organization=tree.east)
    assert (
        client.post(
            f"/preparation/comments/{comment.pk}/answer/",
            {f"c{comment.pk}-answer": "accepted", f"c{comment.pk}-reply": "x"},
        ).status_code
        == 404
    )


def test_the_organiser_answers_and_downloads_the_summary(client, congresses, users, tree):
    draft = drafts.create_draft(
        users.province, congresses.province, kind="political_report", title="Báo cáo chính trị"
    )
    drafts.upload_version(users.province, draft, docx_upload())
    item = rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=3),
        to_lower_organizations=True,
    )
    comment = rounds.add_comment(
        users.east, item, source="organization", organization=tree.east, text="Một"
    )
    client.force_login(users.province)
    client.post(
        f"/preparation/comments/{comment.pk}/answer/",
        {f"c{comment.pk}-answer": "accepted", f"c{comment.pk}-reply": "Đã tiếp thu."},
    )
    comment.refresh_from_db()
    assert (comment.answer, comment.reply) == ("accepted", "Đã tiếp thu.")
    response = client.get(f"/preparation/rounds/{item.pk}/summary.docx")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert "chua-hoan-thanh" in response["Content-Disposition"]


def test_a_public_page_exists_only_for_a_round_open_to_the_public(client, congresses, users):
    draft = drafts.create_draft(
        users.province, congresses.province, kind="action_programme", title="Chương trình hành động"
    )
    drafts.upload_version(users.province, draft, docx_upload())
    closed_to_public = rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=3),
        to_members=True,
    )
    assert client.get(f"/preparation/public/rounds/{closed_to_public.pk}/").status_code == 404
    rounds.close_round(users.province, closed_to_public)
    public = rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=3),
        to_public=True,
    )
    response = client.post(
        f"/preparation/public/rounds/{public.pk}/",
        {"author": "Lê Thị Dân", "text": "Góp ý của nhân dân"},
    )
    assert "đã được ghi nhận" in response.content.decode()
    assert Comment.objects.get().source == "public"


def test_the_tracking_pages_show_the_preparation_panels(client, plan, congresses, users, tree):
    group = bodies.create_body(
        users.province, tree.province, kind=BodyKind.WORKING_GROUP, name="Tổ công tác số 2"
    )
    bodies.assign(users.province, group, tree.east)
    bodies.record_visit(
        users.province,
        group,
        tree.east_commune,
        visited_on=D(2025, 3, 1),
        findings="Đã kiểm tra hồ sơ nhân sự.",
        follow_ups="Bổ sung lý lịch",
    )
    client.force_login(users.province)
    page = client.get(f"/reports/congresses/{congresses.east_commune.pk}/").content.decode()
    assert "30/06/2025" in page and "Đã kiểm tra hồ sơ nhân sự." in page
    page = client.get(f"/reports/?org={tree.province.pk}").content.decode()
    assert (
        f'hx-get="/preparation/dashboard-panel/?org={tree.province.pk}&amp;term=2025-2030"' in page
    )
    panel = client.get(f"/preparation/dashboard-panel/?org={tree.province.pk}&term=2025-2030")
    assert "Tổ công tác: 1 buổi làm việc; 1 kiến nghị chưa khắc phục" in panel.content.decode()
    client.force_login(users.west)
    assert client.get(f"/preparation/dashboard-panel/?org={tree.east.pk}").status_code == 404


def test_every_preparation_page_renders_for_the_organiser(
    client, plan, congresses, users, tree, members
):
    group = bodies.create_body(
        users.province, tree.province, kind=BodyKind.WORKING_GROUP, name="Tổ công tác số 3"
    )
    draft = drafts.create_draft(
        users.province, congresses.province, kind="political_report", title="Báo cáo chính trị"
    )
    drafts.upload_version(users.province, draft, docx_upload())
    item = rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=3),
        to_public=True,
    )
    programme.add_standard_programme(users.province, congresses.province, day=D(2025, 10, 15))
    roster.add_delegate(
        users.province, congresses.province, members.an, kind="elected", delegation=tree.east
    )
    client.force_login(users.province)
    for url in (
        "/preparation/",
        "/preparation/lessons/",
        "/preparation/bodies/",
        f"/preparation/bodies/{group.pk}/",
        f"/preparation/plans/{plan.pk}/",
        f"/preparation/plans/{plan.pk}/edit/",
        f"/preparation/plans/{plan.pk}/timeline/",
        f"/preparation/plans/{plan.pk}/tasks.xlsx",
        f"/preparation/congress/{congresses.province.pk}/",
        f"/preparation/drafts/{draft.pk}/",
        f"/preparation/rounds/{item.pk}/",
        f"/preparation/congress/{congresses.province.pk}/programme/",
        f"/preparation/congress/{congresses.province.pk}/programme.pdf",
        f"/preparation/congress/{congresses.province.pk}/programme.docx",
        f"/preparation/congress/{congresses.province.pk}/minutes-votes.docx",
        f"/preparation/congress/{congresses.province.pk}/minutes-votes.pdf",
        f"/preparation/congress/{congresses.province.pk}/portal/",
        f"/preparation/congress/{congresses.province.pk}/portal/seats.xlsx",
        f"/preparation/public/rounds/{item.pk}/",
        "/preparation/portal/",
    ):
        assert client.get(url).status_code == 200, url


def test_a_members_congress_has_no_portal(client, congresses, users):
    client.force_login(users.province)
    assert (
        client.get(f"/preparation/congress/{congresses.west_commune.pk}/portal/").status_code == 404
    )


def test_a_congress_made_later_in_the_subtree_appears_without_any_copy(client, plan, tree, users):
    extra = create_organization(
        None,
        code="X03",
        name="Đảng bộ phường Mới",
        level="grassroots",
        kind="ward",
        parent=tree.west,
    )
    congress = create_congress(users.province, extra, name="Đại hội phường Mới", kind="members")
    client.force_login(users.west)
    page = client.get(f"/preparation/congress/{congress.pk}/").content.decode()
    assert "30/06/2025" in page


def test_the_public_reads_only_the_version_of_a_round_open_to_it(client, congresses, users):
    draft = drafts.create_draft(
        users.province, congresses.province, kind="action_programme", title="Chương trình hành động"
    )
    first = drafts.upload_version(users.province, draft, docx_upload())
    members_only = rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=3),
        to_members=True,
    )
    assert client.get(f"/preparation/public/rounds/{members_only.pk}/file/").status_code == 404
    rounds.close_round(users.province, members_only)
    drafts.upload_version(users.province, draft, docx_upload("v2.docx"))
    public = rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=3),
        to_public=True,
    )
    response = client.get(f"/preparation/public/rounds/{public.pk}/file/")
    assert response.status_code == 200 and "v2.docx" in response["Content-Disposition"]
    assert public.version != first


def test_a_lower_organisation_reads_only_the_version_under_comment(client, congresses, users):
    draft = drafts.create_draft(
        users.province, congresses.province, kind="political_report", title="Báo cáo chính trị"
    )
    old = drafts.upload_version(users.province, draft, docx_upload())
    new = drafts.upload_version(users.province, draft, docx_upload("v2.docx"))
    rounds.open_round(
        users.province,
        draft,
        title="",
        deadline=timezone.now() + dt.timedelta(days=3),
        to_lower_organizations=True,
    )
    client.force_login(users.east)
    assert client.get(f"/preparation/versions/{new.pk}/file/").status_code == 200
    assert client.get(f"/preparation/versions/{old.pk}/file/").status_code == 404
