"""Issue 15 point 6: a delegates' election takes its numbers from the approved allocation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.congresses.services import create_congress
from daihoi.congresses.tracking import hold_congress, prepare_congress
from daihoi.delegates.allocation import PlanError
from daihoi.delegates.models import AllocationLine, AllocationPlan, Delegate, Kind
from daihoi.delegates.quota import amend_allocation
from daihoi.elections import entry, lists, results
from daihoi.elections.models import Election


@pytest.fixture
def higher(tree, users):
    return create_congress(users.east, tree.east, name="Đại hội huyện Đông", kind="delegates")


@pytest.fixture
def line(higher, tree):
    """The district's approved plan gives the commune 46 elected delegates and 3 alternates."""
    plan = AllocationPlan.objects.create(
        congress=higher, total=200, method="hamilton", status="approved"
    )
    return AllocationLine.objects.create(
        plan=plan, organization=tree.east_commune, members=900, organizations=12, seats=46,
        alternates=3,
    )  # fmt: skip


def _create(users, congress, seats, alternates=0):
    return lists.create_election(
        users.east, congress, kind="delegates", title="Bầu đại biểu dự Đại hội huyện",
        seats=seats, alternates=alternates,
    )  # fmt: skip


def test_it_refuses_a_number_the_higher_committee_did_not_allocate(congress, users, line):
    """The reported case: 99 seats created where the allocation gave 46."""
    with pytest.raises(ValidationError) as refused:
        _create(users, congress, 99, 3)
    assert "46 đại biểu và 3 dự khuyết" in str(refused.value)
    assert "Điều 18.2" in str(refused.value)
    assert not Election.objects.filter(congress=congress).exists()
    assert _create(users, congress, 46, 3).seats == 46


def test_it_refuses_a_delegates_election_before_the_allocation_is_approved(congress, users, line):
    AllocationPlan.objects.filter(pk=line.plan_id).update(status="draft")
    with pytest.raises(ValidationError, match="chưa phê duyệt"):
        _create(users, congress, 46, 3)


def test_another_number_needs_the_allocation_amended_first_with_the_decision(congress, users, line):
    with pytest.raises(PlanError) as refused:
        amend_allocation(users.east, line, seats=50, alternates=4, decision="", reason="Thêm")
    assert refused.value.code == "allocation.decision_required"
    amend_allocation(
        users.east, line, seats=50, alternates=4, decision="QĐ 12-QĐ/HU ngày 3/4/2025",
        reason="Bổ sung đại biểu khối doanh nghiệp",
    )  # fmt: skip
    entry_ = AuditEntry.objects.get(action="allocation.amend")
    assert entry_.after["decision"] == "QĐ 12-QĐ/HU ngày 3/4/2025"
    assert AllocationPlan.objects.get(pk=line.plan_id).total == 204
    assert _create(users, congress, 50, 4).alternates == 4


def test_a_further_round_elects_what_is_still_unfilled(congress, users, line):
    first = _create(users, congress, 46, 3)
    from daihoi.elections.models import PublishedResult

    PublishedResult.objects.create(
        election=first, data={"elected": [f"Người {i}" for i in range(40)],
                              "alternates_elected": []},
        published_at="2025-05-01T08:00:00Z", published_by=users.east, audit_hash="0" * 64,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        _create(users, congress, 46, 3)
    assert _create(users, congress, 6, 0).seats == 6


def test_no_new_election_on_a_congress_already_held(congress, users):
    import datetime as dt

    prepare_congress(users.east, congress)
    hold_congress(users.east, congress, dt.date(2025, 5, 2))
    for kind in ("committee", "delegates"):
        with pytest.raises(ValidationError, match="Đã tổ chức"):
            lists.create_election(users.east, congress, kind=kind, title="Bầu", seats=3)


def test_published_delegates_join_the_higher_congress_roster(
    congress, users, members, counting, higher, tree
):
    plan = AllocationPlan.objects.create(
        congress=higher, total=2, method="hamilton", status="approved"
    )
    AllocationLine.objects.create(
        plan=plan, organization=tree.east_commune, members=9, organizations=2, seats=2, alternates=1
    )
    election = _create(users, congress, 2, 1)
    for member in (members.an, members.binh, members.cuong):
        lists.add_candidate(users.east, election, member=member)
    election = lists.approve_list(users.east, election)
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    for op in (counting.op1, counting.op2):
        e = entry.start_entry(op, batch)
        for struck in [[3]] * 7 + [[2]] * 3:
            entry.save_ballot(op, e, {"struck": struck})
        entry.finalise_entry(op, e)
    results.publish_result(users.east, election)
    roster = Delegate.objects.filter(congress=higher, delegation=tree.east_commune)
    assert set(roster.values_list("member__code", "kind")) == {
        (members.an.code, Kind.ELECTED),
        (members.binh.code, Kind.ELECTED),
    }


def test_the_congress_page_states_the_allocation_and_refuses_another_number(
    client, congress, users, line
):
    client.force_login(users.east)
    page = client.get(reverse("congresses:detail", args=[congress.pk])).content.decode()
    assert "cấp trên phân bổ 46 đại biểu chính thức và 3 dự khuyết" in page
    data = {"kind": "delegates", "title": "Bầu đại biểu", "seats": 99, "alternates": 3,
            "entries_required": 2}  # fmt: skip
    page = client.post(reverse("congresses:create_election", args=[congress.pk]), data, follow=True)
    assert "đại hội không biểu quyết số lượng này" in page.content.decode()
    assert not Election.objects.filter(congress=congress).exists()


def test_under_the_2014_rules_the_refusal_cites_article_20_2(congress, users, line):
    type(congress).objects.filter(pk=congress.pk).update(rules_version="2014")
    congress.refresh_from_db()
    with pytest.raises(ValidationError, match="QĐ 244-QĐ/TW 2014, Điều 20.2"):
        _create(users, congress, 99, 3)
