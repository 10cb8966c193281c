"""The candidate list taken from the personnel plan: who is taken, who is left out and why."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daihoi.congresses.services import update_attendance
from daihoi.elections import list_bulk, lists
from daihoi.elections.list_from_plan import rows_from_plan
from daihoi.personnel import steps
from tests.personnel.conftest import plan_setup  # noqa: F401  (the shared plan fixture)


@pytest.fixture
def district(plan_setup, users):  # noqa: F811
    update_attendance(users.province, plan_setup.congress, summoned=200, present=190)
    return plan_setup


def _election(district, users, kind, seats):
    return lists.create_election(
        users.province, district.congress, kind=kind, title=f"Bầu {kind}", seats=seats
    )


def test_it_takes_everyone_proposed_when_no_step_is_recorded(district, users):
    election = _election(district, users, "committee", 3)
    rows, notes = rows_from_plan(election)
    assert [r.text for r in rows] == ["Lê Văn Cao", "Trần Thị Hoa", "Phạm Văn Bình", "Đỗ Văn Dũng"]
    assert any("Chưa ghi bước giới thiệu" in n for n in notes)


def test_it_keeps_those_who_passed_the_last_step_and_leaves_out_open_blockers(district, users):
    plan, c = district.plan, district.cands
    votes = {c.old.pk: 30, c.young.pk: 28, c.mid.pk: 25, c.other.pk: 10}
    steps.record_step(
        users.east,
        plan,
        name="Hội nghị cán bộ chủ chốt",
        voters_kind="key_cadres",
        summoned=40,
        present=38,
        votes=votes,
    )
    plan.findings = [
        {"candidate": c.mid.pk, "code": "age", "severity": "blocking", "message": "Quá tuổi"},
        {
            "candidate": c.young.pk,
            "code": "x",
            "severity": "blocking",
            "message": "Y",
            "overridden": True,
        },
    ]
    plan.save(update_fields=["findings"])
    election = _election(district, users, "committee", 2)
    rows, notes = rows_from_plan(election)
    assert [r.text for r in rows] == ["Lê Văn Cao", "Trần Thị Hoa"]  # Dũng had 10 of 40
    assert "Không lấy Phạm Văn Bình: Quá tuổi" in notes


def test_it_takes_only_the_posts_the_election_fills(district, users):
    election = _election(district, users, "committee", 3)
    election.kind = "standing_committee"  # read-only use: the kind decides who is taken
    rows, _notes = rows_from_plan(election)
    assert [r.text for r in rows] == ["Lê Văn Cao", "Trần Thị Hoa", "Phạm Văn Bình"]


def test_it_refuses_without_a_plan(congress, users):
    election = lists.create_election(users.east, congress, kind="committee", title="B", seats=3)
    with pytest.raises(ValidationError) as refused:
        rows_from_plan(election)
    assert refused.value.code == "no_plan"


def test_the_page_saves_the_plans_list_linked_to_the_members(client, district, users):
    election = _election(district, users, "committee", 3)
    client.force_login(users.province)
    url = reverse("elections:candidates_many", args=[election.pk])
    page = client.post(url, {"source": "personnel_plan"})
    assert page.status_code == 200 and "Đỗ Văn Dũng" in page.text
    rows, _notes = rows_from_plan(election)
    new = [list_bulk.NewCandidate(r.row, r.text, member=r.members[0]) for r in rows]
    list_bulk.add_candidates(users.province, election, new, source="personnel_plan")
    listed = list(lists.live_candidates(election).values_list("full_name", "member__code"))
    assert listed == [
        ("Phạm Văn Bình", "P03"),
        ("Lê Văn Cao", "P01"),
        ("Đỗ Văn Dũng", "P04"),
        ("Trần Thị Hoa", "P02"),
    ]
