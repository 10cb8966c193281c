"""Issue 15 point 6: each line's alternates, and amending an approved allocation with a decision."""

import pytest
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.delegates import allocation
from daihoi.delegates.models import AllocationLine, AllocationPlan, PlanStatus


@pytest.fixture
def approved(congress, hall, users):
    plan = allocation.save_plan(users.province, congress, total=20, method="hamilton", minimum=2)
    return allocation.approve_plan(users.province, plan)


def _east(plan):
    return AllocationLine.objects.get(plan=plan, organization__code="H01")


def test_the_plan_page_amends_an_approved_line_only_with_the_decision(client, approved, users):
    client.force_login(users.province)
    line = _east(approved)
    url = reverse("delegates:plan_amend", args=[approved.congress_id, line.pk])
    data = {"seats": line.seats + 1, "alternates": 2, "reason": "Thêm 1 suất khối doanh nghiệp"}
    page = client.post(url, data, follow=True)
    assert "quyết định của cấp ủy cấp trên" in page.content.decode()
    assert _east(approved).alternates == 0
    page = client.post(url, {**data, "decision": "QĐ 45-QĐ/TU ngày 2/5/2025"}, follow=True)
    assert _east(approved).seats == line.seats + 1 and _east(approved).alternates == 2
    plan = AllocationPlan.objects.get(pk=approved.pk)
    assert plan.status == PlanStatus.APPROVED and plan.total == 21
    assert allocation.delegations_total(plan) == plan.total
    assert AuditEntry.objects.filter(action="allocation.amend").count() == 1
    assert 'class="num alternates">2<' in page.content.decode()
