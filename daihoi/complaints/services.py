"""Writes to complaints and denunciations: atomic and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from daihoi.audit.services import record

from .models import Complaint, LetterStatus

FIELDS = (
    "member",
    "congress",
    "received_on",
    "anonymous",
    "sender",
    "kind",
    "summary",
    "assigned_to",
    "deadline",
    "status",
    "finding",
    "conclusion",
    "resolved_on",
)


def _state(letter: Complaint) -> dict:
    data = {f: getattr(letter, f) for f in FIELDS}
    data["member"], data["congress"] = letter.member_id, letter.congress_id
    return data


@transaction.atomic
def register_complaint(actor, **fields) -> Complaint:
    """Register a letter as received. An anonymous letter keeps no sender."""
    if fields.get("anonymous"):
        fields["sender"] = ""
    letter = Complaint(created_by=actor, **fields)
    letter.full_clean()
    letter.save()
    record(actor, "complaints.register", letter, summary=str(letter), after=_state(letter))
    return letter


@transaction.atomic
def update_complaint(actor, letter: Complaint, **fields) -> Complaint:
    """Change the handling of a letter; closing it as resolved needs a conclusion and its date."""
    letter = Complaint.objects.select_for_update().get(pk=letter.pk)
    before = _state(letter)
    for name, value in fields.items():
        if name not in FIELDS:
            raise ValueError(f"not a complaint field: {name}")
        setattr(letter, name, value)
    if letter.status == LetterStatus.RESOLVED:
        if not letter.conclusion.strip() or not letter.resolved_on:
            raise ValidationError("Đơn đã giải quyết cần có kết luận và ngày kết luận.")
    letter.full_clean()
    letter.save(update_fields=list(fields))
    record(
        actor, "complaints.update", letter, summary=str(letter), before=before, after=_state(letter)
    )
    return letter
