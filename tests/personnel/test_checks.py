"""Running every rule over a plan: findings by person, structure, overrides, audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from daihoi.audit.models import AuditEntry
from daihoi.complaints.services import register_complaint
from daihoi.personnel import services
from daihoi.personnel.models import PersonnelPlan

D = dt.date


def codes_for(plan, candidate):
    return sorted(r["code"] for r in plan.findings if r["candidate"] == candidate.pk)


def test_a_plan_takes_the_level_and_reference_month_of_its_term(plan_setup):
    plan = plan_setup.plan
    assert plan.level_key == "district"
    assert plan.reference_month == D(2025, 6, 1)  # CT 45-CT/TW 2025: district level, 6/2025


def test_it_runs_every_rule_and_keeps_the_result(plan_setup, users):
    s = plan_setup
    register_complaint(
        users.east,
        member=s.people.mid,
        kind="denunciation",
        received_on=D(2025, 5, 1),
        summary="Nội dung tố cáo",
    )
    services.update_candidate(
        users.east, s.cands.other, discipline_kind="reprimand", discipline_on=D(2025, 1, 10)
    )
    services.declare_relationship(users.east, s.people.young, s.people.mid, "spouse")
    services.run_checks(users.east, s.plan)
    plan = PersonnelPlan.objects.get(pk=s.plan.pk)
    assert codes_for(plan, s.cands.old) == ["age_service_short", "secretary_local"]
    assert codes_for(plan, s.cands.young) == ["family_in_standing", "theory_below_title"]
    assert codes_for(plan, s.cands.mid) == ["complaint_unresolved", "family_in_standing"]
    assert codes_for(plan, s.cands.other) == ["discipline_in_force"]
    plan_level = sorted(r["code"] for r in plan.findings if r["candidate"] is None)
    assert plan_level == ["family_in_committee", "women_below_target"]
    assert plan.figures["size"] == 4 and plan.figures["women"] == 1
    assert AuditEntry.objects.filter(action="personnel.checks.run").count() == 1


def test_an_override_needs_a_reason_and_is_audited(plan_setup, users):
    s = plan_setup
    services.run_checks(users.east, s.plan)
    with pytest.raises(ValidationError):
        services.override_finding(users.east, s.cands.old, "age_service_short", "ok")
    services.override_finding(
        users.east,
        s.cands.old,
        "age_service_short",
        "Ban Thường vụ Tỉnh ủy cho phép kéo dài thời gian công tác.",
    )
    plan = PersonnelPlan.objects.get(pk=s.plan.pk)
    row = next(r for r in plan.findings if r["code"] == "age_service_short")
    assert row["overridden"] and "kéo dài" in row["override_reason"]
    entry = AuditEntry.objects.get(action="personnel.finding.override")
    assert entry.after["code"] == "age_service_short"
    services.run_checks(users.east, s.plan)  # a new run keeps the override
    plan.refresh_from_db()
    assert next(r for r in plan.findings if r["code"] == "age_service_short")["overridden"]


def test_an_override_of_a_finding_that_does_not_exist_is_refused(plan_setup, users):
    services.run_checks(users.east, plan_setup.plan)
    with pytest.raises(ValidationError):
        services.override_finding(
            users.east,
            plan_setup.cands.other,
            "age_service_short",
            "Một lý do đủ dài để được chấp nhận.",
        )


def test_a_member_outside_the_subtree_cannot_be_added(plan_setup, members, users):
    with pytest.raises(ValidationError):
        services.add_candidate(users.east, plan_setup.plan, members.dung)  # a member in Huyện Tây


def test_checks_load_a_plan_in_a_fixed_number_of_queries(
    plan_setup, users, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        services.run_checks(users.east, plan_setup.plan)
