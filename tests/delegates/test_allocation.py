"""The seat plan: computed from the tree, adjusted by hand with a reason, approved, exported."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.delegates import allocation
from daihoi.delegates.models import PlanStatus


@pytest.fixture
def plan(congress, hall, users):
    return allocation.save_plan(users.province, congress, total=20, method="hamilton", minimum=2)


def lines(plan):
    return {line.organization.code: line for line in plan.lines.select_related("organization")}


def test_it_shares_the_seats_by_the_districts_members_with_ex_officio_on_top(plan):
    # 20 − 2 ex officio = 18 seats; members 6 (east) and 4 (west): quotas 10.8 and 7.2.
    got = lines(plan)
    assert (got["H01"].members, got["H02"].members) == (6, 4)
    assert (got["H01"].seats, got["H02"].seats) == (11, 7)
    assert (got["H01"].delegation, got["H02"].delegation) == (12, 8)
    assert got["H01"].organizations == 1  # one grassroots organisation under each district
    assert allocation.delegations_total(plan) == 20
    assert AuditEntry.objects.filter(action="allocation.compute").count() == 1


def test_a_hand_adjustment_needs_a_reason_and_is_audited(plan, users):
    line = lines(plan)["H01"]
    with pytest.raises(allocation.PlanError) as error:
        allocation.adjust_line(users.province, line, seats=10, reason=" ")
    assert error.value.code == "allocation.reason_required"
    allocation.adjust_line(users.province, line, seats=10, reason="Nhường 1 suất cho huyện Tây")
    entry = AuditEntry.objects.get(action="allocation.adjust")
    assert entry.before["seats"] == 11 and entry.after["seats"] == 10


def test_approval_is_refused_until_the_lines_add_up_to_the_total(plan, users):
    got = lines(plan)
    allocation.adjust_line(users.province, got["H01"], seats=10, reason="Nhường 1 suất")
    with pytest.raises(allocation.PlanError) as error:
        allocation.approve_plan(users.province, plan)
    assert error.value.code == "allocation.total_mismatch"
    allocation.adjust_line(users.province, got["H02"], seats=8, reason="Nhận 1 suất")
    assert allocation.approve_plan(users.province, plan).status == PlanStatus.APPROVED
    with pytest.raises(allocation.PlanError):
        allocation.save_plan(users.province, plan.congress, total=21)


def test_a_fixed_share_is_kept_when_the_plan_is_recomputed(plan, users):
    allocation.set_line_inputs(users.province, lines(plan)["H02"], fixed=5, bonus=1)
    got = lines(plan)
    assert (got["H02"].seats, got["H01"].seats) == (6, 12)


def test_a_total_above_the_directive_cap_blocks_approval(congress, hall, users):
    plan = allocation.save_plan(users.province, congress, total=420, minimum=2)
    codes = [f.code for f in allocation.issues_before_approval(plan)]
    assert "apportion.above_cap" in codes


def test_the_xiii_style_plan_records_the_n_it_solved(congress, hall, users):
    plan = allocation.save_plan(
        users.province, congress, total=20, method="per_unit_quota", per_unit=3, minimum=0
    )
    assert plan.solved_members_per_seat and allocation.delegations_total(plan) == 20


def test_the_plan_page_and_its_files(client, plan, users):
    client.force_login(users.province)
    page = client.get(f"/delegates/{plan.congress.pk}/plan/")
    assert page.status_code == 200 and "Đảng bộ huyện Đông" in page.content.decode()
    docx = client.get(f"/delegates/{plan.congress.pk}/plan/file.docx")
    xlsx = client.get(f"/delegates/{plan.congress.pk}/plan/file.xlsx")
    assert docx.content[:2] == xlsx.content[:2] == b"PK"


def test_the_plan_form_recomputes(client, congress, hall, users):
    client.force_login(users.province)
    data = {"total": 30, "method": "sainte_lague", "minimum": 1, "member_weight": 100}
    data |= {"organization_weight": 0, "ex_officio_mode": "on_top", "per_unit": 0}
    response = client.post(f"/delegates/{congress.pk}/plan/", data)
    assert response.status_code == 302
    assert allocation.delegations_total(congress.allocation_plan) == 30


def test_a_district_user_cannot_see_the_provincial_plan(client, plan, users):
    client.force_login(users.east)
    assert client.get(f"/delegates/{plan.congress.pk}/plan/").status_code == 404
