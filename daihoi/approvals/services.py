"""Every write after the count: atomic, the row locked, an audit entry in the same
transaction. Refusals of the approval machine surface as ValidationError with the rule's
code (`exc.code`), so views show one message and tests assert the code."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from daihoi.audit.services import record
from daihoi.complaints.models import CLOSED, Complaint
from daihoi.elections.models import ElectionStatus
from daihoi.rules import approval as machine
from daihoi.rules.approval import Decision, Refused, State

from .checklist import missing_items
from .models import (
    Annulment,
    Approval,
    ApprovalEvent,
    BallotSeal,
    CommitteeLeaver,
    FileUpload,
    PostAssignment,
)
from .selectors import APPROVED_KINDS, approval_of, has_committee_result, new_committee
from .uploads import checked_upload


def _locked(congress) -> Approval:
    Approval.objects.get_or_create(congress=congress)
    return Approval.objects.select_for_update().get(congress=congress)


def _refusal(exc: Refused) -> ValidationError:
    return ValidationError(str(exc), code=exc.code)


def _move(actor, approval: Approval, action: str, state: State, **fields) -> Approval:
    before = {"state": approval.state, "version": approval.version}
    approval.state = state.value
    for name, value in fields.items():
        setattr(approval, name, value)
    approval.version += 1
    approval.save()
    ApprovalEvent.objects.create(
        approval=approval,
        action=action,
        state_after=approval.state,
        decision_number=approval.decision_number if action != "request" else "",
        decided_on=approval.decided_on if action != "request" else None,
        note=fields.get("reason", ""),
        actor=actor,
    )
    after = {"state": approval.state, "version": approval.version, **fields}
    record(
        actor, f"approvals.{action}", approval, summary=str(approval), before=before, after=after
    )
    return approval


@transaction.atomic
def request_approval(actor, congress, requested_on: dt.date) -> Approval:
    """QĐ 190-QĐ/TW 2024 Điều 2: the results with the congress file, sent up for approval."""
    approval = _locked(congress)
    state = State(approval.state)
    try:
        if state == State.ANNULLED:
            state = machine.reopen(state, new_result_published=has_committee_result(congress))
        new = machine.request(state, missing_items=missing_items(congress))
    except Refused as exc:
        raise _refusal(exc) from exc
    return _move(
        actor,
        approval,
        "request",
        new,
        requested_on=requested_on,
        decision_number="",
        decided_on=None,
        issued_by="",
        reason="",
        not_recognised=[],
    )


@transaction.atomic
def approve_result(
    actor, congress, *, number: str, decided_on, issued_by: str, not_recognised=(), reason=""
) -> Approval:
    """Điều 2 and 33.2: approval, optionally declining to recognise some elected people."""
    approval = _locked(congress)
    elected = tuple(n for row in new_committee(congress) for n in row["elected"])
    try:
        new = machine.approve(
            State(approval.state),
            Decision(number, decided_on),
            requested_on=approval.requested_on,
            not_recognised=tuple(not_recognised),
            elected=elected,
            reason=reason,
        )
    except Refused as exc:
        raise _refusal(exc) from exc
    return _move(
        actor,
        approval,
        "approve",
        new,
        decision_number=number.strip(),
        decided_on=decided_on,
        issued_by=issued_by.strip(),
        not_recognised=sorted(set(not_recognised)),
        reason=reason.strip(),
    )


@transaction.atomic
def refuse_approval(actor, congress, *, number: str, decided_on, issued_by: str, reason: str):
    approval = _locked(congress)
    try:
        new = machine.refuse(
            State(approval.state),
            Decision(number, decided_on),
            reason,
            requested_on=approval.requested_on,
        )
    except Refused as exc:
        raise _refusal(exc) from exc
    return _move(
        actor,
        approval,
        "refuse",
        new,
        decision_number=number.strip(),
        decided_on=decided_on,
        issued_by=issued_by.strip(),
        reason=reason.strip(),
    )


@transaction.atomic
def annul_election(actor, election, *, number: str, decided_on, issued_by: str, reason: str):
    """QĐ 190-QĐ/TW 2024 Điều 33.2: the higher committee annuls an election's result; the
    congress (or the committee's meeting) then holds the election again. Annulling one of
    the approved kinds sends the congress's approval back to the start."""
    approval = _locked(election.congress)
    if Annulment.objects.filter(election=election).exists():
        raise ValidationError("Kết quả cuộc bầu cử này đã bị bãi bỏ.", code="already_annulled")
    if election.status != ElectionStatus.PUBLISHED:
        raise ValidationError("Chỉ bãi bỏ kết quả đã công bố.", code="not_published")
    try:
        machine.annul(State.NOT_REQUESTED, Decision(number, decided_on), reason)
    except Refused as exc:
        raise _refusal(exc) from exc
    annulment = Annulment.objects.create(
        election=election,
        decision_number=number.strip(),
        decided_on=decided_on,
        issued_by=issued_by.strip(),
        reason=reason.strip(),
        recorded_by=actor,
    )
    record(
        actor,
        "approvals.annul_election",
        annulment,
        summary=str(annulment),
        after={"election": election.pk, "decision": number, "decided_on": decided_on},
    )
    if election.kind in APPROVED_KINDS and approval.state != State.ANNULLED:
        _annul_approval(actor, approval, annulment)
    return annulment


def _annul_approval(actor, approval: Approval, annulment: Annulment) -> None:
    decision = Decision(annulment.decision_number, annulment.decided_on)
    new = machine.annul(State(approval.state), decision, annulment.reason)
    _move(
        actor,
        approval,
        "annul",
        new,
        decision_number=annulment.decision_number,
        decided_on=annulment.decided_on,
        issued_by=annulment.issued_by,
        reason=annulment.reason,
    )


@transaction.atomic
def seal_ballots(actor, election, *, sealed_on, sealed_by: str, handed_to: str, place: str):
    """QĐ 190-QĐ/TW 2024 Điều 35: the counting committee seals the ballots and hands them
    through the presidium to the committee, which keeps them 6 months."""
    if election.status not in (ElectionStatus.COUNTED, ElectionStatus.PUBLISHED):
        raise ValidationError("Chỉ niêm phong phiếu khi đã kiểm phiếu xong.", code="not_counted")
    if BallotSeal.objects.filter(election=election).exists():
        raise ValidationError("Phiếu của cuộc bầu cử này đã được niêm phong.", code="sealed")
    for label, value in (
        ("Người niêm phong", sealed_by),
        ("Người nhận", handed_to),
        ("Nơi lưu giữ", place),
    ):
        if not value.strip():
            raise ValidationError(f"{label}: cần ghi rõ.", code="required")
    seal = BallotSeal.objects.create(
        election=election,
        sealed_on=sealed_on,
        sealed_by=sealed_by.strip(),
        handed_to=handed_to.strip(),
        place=place.strip(),
        keep_until=machine.keeping_ends(sealed_on),
        recorded_by=actor,
    )
    record(
        actor,
        "approvals.seal_ballots",
        seal,
        summary=str(seal),
        after={"sealed_on": sealed_on, "place": place, "keep_until": seal.keep_until},
    )
    return seal


@transaction.atomic
def record_destruction(actor, seal: BallotSeal, *, destroyed_on, decision: str, destroyed_by: str):
    """QĐ 190-QĐ/TW 2024 Điều 35: after 6 months, with no complaint about the result, the
    committee of the same level decides to destroy the ballots."""
    seal = BallotSeal.objects.select_for_update().get(pk=seal.pk)
    if seal.destroyed_on:
        raise ValidationError("Phiếu đã được hủy.", code="destroyed")
    if destroyed_on <= seal.keep_until:
        raise ValidationError(
            f"Phiếu phải lưu giữ đến hết ngày {seal.keep_until:%d/%m/%Y}.", code="too_early"
        )
    congress = seal.election.congress
    if Complaint.objects.filter(congress=congress).exclude(status__in=CLOSED).exists():
        raise ValidationError(
            "Còn đơn khiếu nại, tố cáo về đại hội chưa giải quyết: chưa được hủy phiếu.",
            code="complaint_pending",
        )
    if not decision.strip() or not destroyed_by.strip():
        raise ValidationError("Cần số quyết định hủy và người thực hiện.", code="required")
    seal.destroyed_on, seal.destruction_decision = destroyed_on, decision.strip()
    seal.destroyed_by = destroyed_by.strip()
    seal.save(update_fields=["destroyed_on", "destruction_decision", "destroyed_by"])
    record(
        actor,
        "approvals.destroy_ballots",
        seal,
        summary=str(seal),
        after={"destroyed_on": destroyed_on, "decision": decision},
    )
    return seal


@transaction.atomic
def upload_file(actor, congress, *, kind: str, title: str, uploaded) -> FileUpload:
    content, ext, digest = checked_upload(uploaded)
    if not title.strip():
        raise ValidationError("Tên tài liệu: cần ghi rõ.", code="required")
    up = FileUpload(
        congress=congress,
        kind=kind,
        title=title.strip(),
        size=len(content),
        sha256=digest,
        uploaded_by=actor,
    )
    up.full_clean(exclude=["file"])
    up.file.save(f"{congress.pk}-{digest[:16]}.{ext}", ContentFile(content), save=False)
    up.save()
    record(
        actor,
        "approvals.upload_file",
        up,
        summary=up.title,
        after={"kind": kind, "sha256": digest, "size": len(content)},
    )
    return up


@transaction.atomic
def assign_post(actor, congress, *, full_name: str, post: str, decided_on) -> PostAssignment:
    """The new committee's assignment of posts (phân công) to its elected members, except
    those the higher committee did not recognise."""
    elected = {n for row in new_committee(congress) for n in row["elected"]}
    elected -= set(approval_of(congress).not_recognised)
    if full_name not in elected:
        raise ValidationError(
            f"{full_name}: không có trong danh sách trúng cử cấp ủy khóa mới.", code="not_elected"
        )
    if not post.strip():
        raise ValidationError("Nhiệm vụ được phân công: cần ghi rõ.", code="required")
    row = PostAssignment.objects.create(
        congress=congress,
        full_name=full_name,
        post=post.strip(),
        decided_on=decided_on,
        recorded_by=actor,
    )
    record(
        actor,
        "approvals.assign_post",
        row,
        summary=f"{full_name}: {post}",
        after={"full_name": full_name, "post": post, "decided_on": decided_on},
    )
    return row


@transaction.atomic
def record_leaver(actor, congress, *, full_name: str, reason: str, note: str = ""):
    if not full_name.strip():
        raise ValidationError("Họ và tên: cần ghi rõ.", code="required")
    row = CommitteeLeaver(
        congress=congress,
        full_name=full_name.strip(),
        reason=reason,
        note=note.strip(),
        recorded_by=actor,
    )
    row.full_clean()
    row.save()
    record(
        actor,
        "approvals.record_leaver",
        row,
        summary=row.full_name,
        after={"full_name": row.full_name, "reason": reason},
    )
    return row
