"""Approval, refusal and annulment through the services: states, audit rows, codes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from daihoi.approvals import services
from daihoi.approvals.checklist import missing_items
from daihoi.approvals.models import Annulment, ApprovalEvent
from daihoi.approvals.selectors import approval_of, new_committee
from daihoi.audit.models import AuditEntry
from daihoi.elections import lists

ON = dt.date(2025, 7, 1)


def code_of(fn, *args, **kw):
    with pytest.raises(ValidationError) as err:
        fn(*args, **kw)
    return err.value.code


def approve(higher, congress, number="45-QĐ/HU"):
    return services.approve_result(
        higher, congress, number=number, decided_on=ON + dt.timedelta(5), issued_by="Huyện ủy Đông"
    )


def test_it_refuses_a_request_while_the_file_lacks_items(published, clerk):
    assert code_of(services.request_approval, clerk, published.congress, ON) == "file_incomplete"
    assert "Nghị quyết đại hội" in missing_items(published.congress)
    assert approval_of(published.congress).state == "not_requested"


def test_it_refuses_a_request_without_a_published_committee_result(congress, clerk):
    assert "Kết quả bầu Ban Chấp hành đã công bố" in missing_items(congress)


def test_it_requests_then_approves_with_the_decision_and_audits_both(full_file, clerk, higher):
    services.request_approval(clerk, full_file, ON)
    assert approval_of(full_file).get_state_display() == "Chờ chuẩn y"
    a = approve(higher, full_file)
    assert (a.state, a.decision_number, a.issued_by) == ("approved", "45-QĐ/HU", "Huyện ủy Đông")
    actions = list(
        AuditEntry.objects.filter(action__startswith="approvals.").values_list("action", flat=True)
    )
    assert actions[-2:] == ["approvals.request", "approvals.approve"]
    assert [e.state_after for e in ApprovalEvent.objects.all()] == ["requested", "approved"]


def test_it_refuses_approval_without_a_pending_request(full_file, higher):
    assert code_of(approve, higher, full_file) == "not_requested"


def test_a_refusal_needs_a_reason_and_the_file_may_be_sent_again(full_file, clerk, higher):
    services.request_approval(clerk, full_file, ON)
    kw = dict(number="9-TB/HU", decided_on=ON, issued_by="Huyện ủy")
    assert (
        code_of(services.refuse_approval, higher, full_file, reason=" ", **kw) == "reason_missing"
    )
    services.refuse_approval(higher, full_file, reason="Thiếu trích ngang", **kw)
    assert approval_of(full_file).state == "refused"
    services.request_approval(clerk, full_file, ON + dt.timedelta(2))
    assert approval_of(full_file).state == "requested"


def test_a_decision_dated_before_the_request_is_refused(full_file, clerk, higher):
    services.request_approval(clerk, full_file, ON)
    with pytest.raises(ValidationError) as err:
        services.approve_result(
            higher, full_file, number="1", decided_on=ON - dt.timedelta(1), issued_by="x"
        )
    assert err.value.code == "decided_before_request"


def test_annulment_takes_the_committee_off_and_allows_a_new_election(
    full_file, published, clerk, higher, users
):
    services.request_approval(clerk, full_file, ON)
    approve(higher, full_file)
    services.annul_election(
        higher,
        published,
        number="50-QĐ/HU",
        decided_on=ON + dt.timedelta(9),
        issued_by="Huyện ủy",
        reason="Phát sai số phiếu",
    )
    assert approval_of(full_file).state == "annulled"
    assert new_committee(full_file) == []
    assert code_of(services.request_approval, clerk, full_file, ON) == "no_new_election"
    assert (
        code_of(
            services.annul_election,
            higher,
            published,
            number="x",
            decided_on=ON,
            issued_by="x",
            reason="x",
        )
        == "already_annulled"
    )
    again = lists.create_election(
        users.east, full_file, kind="committee", title="Bầu lại BCH", seats=4
    )
    assert again.pk != published.pk and Annulment.objects.count() == 1


def test_annulment_needs_a_decision_and_a_reason(published, higher):
    kw = dict(decided_on=ON, issued_by="Huyện ủy")
    assert (
        code_of(services.annul_election, higher, published, number="", reason="x", **kw)
        == "decision_missing"
    )
    assert (
        code_of(services.annul_election, higher, published, number="5", reason="", **kw)
        == "reason_missing"
    )
    assert not Annulment.objects.exists()


def test_an_elected_person_not_recognised_is_left_out_of_the_assignments(full_file, clerk, higher):
    services.request_approval(clerk, full_file, ON)
    kw = dict(number="45-QĐ/HU", decided_on=ON, issued_by="Huyện ủy")
    assert (
        code_of(services.approve_result, higher, full_file, not_recognised=["Lê Quốc Cường"], **kw)
        == "reason_missing"
    )
    assert (
        code_of(
            services.approve_result,
            higher,
            full_file,
            not_recognised=["Hoàng Văn Em"],
            reason="x",
            **kw,
        )
        == "not_elected"
    )
    a = services.approve_result(
        higher, full_file, not_recognised=["Lê Quốc Cường"], reason="Đang bị kỷ luật", **kw
    )
    assert (a.state, a.not_recognised) == ("approved", ["Lê Quốc Cường"])
    assert (
        code_of(
            services.assign_post,
            clerk,
            full_file,
            full_name="Lê Quốc Cường",
            post="Bí thư",
            decided_on=ON,
        )
        == "not_elected"
    )
    services.assign_post(clerk, full_file, full_name="Nguyễn Văn An", post="Bí thư", decided_on=ON)
