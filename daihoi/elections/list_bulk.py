"""A whole candidate list at once: 62 names pasted, read from Excel or taken from the
personnel plan, saved all or nothing.

Each name goes through exactly the checks of a single addition
(`lists.check_new_candidate`: who may stand, a full name, nobody twice), plus the
check that the batch itself names nobody twice. Any refusal names its row and field
and nothing is written; once every row passes, the rows are saved together, the list
is put back in Vietnamese alphabetical order (`lists.renumber`) and each addition is
audited as the single path audits it, with where it came from.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.rules.collation import split_name
from daihoi.textnorm import nfc

from . import lists
from .models import Candidate, Election, Nomination

MAX_ROWS = 300  # far beyond any list (a province's 62 names plus surplus); bounds the work

SOURCES = ("paste", "excel", "personnel_plan")


@dataclass(frozen=True)
class NewCandidate:
    """One row to add: `row` is the line (or Excel row, or plan position) it came from."""

    row: int
    full_name: str
    member: object = None  # a people.Member, or None for a name outside the registry
    nominated_by: str = Nomination.CONVENING
    poll_agree: int | None = None


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)d, %(field)s: %(message)s") % {
            "row": self.row,
            "field": field_label(self.field),
            "message": self.message,
        }


class BulkRefused(ValidationError):
    """Nothing was written: `errors` lists each refused row (row, field, message)."""

    def __init__(self, errors: list[RowError]):
        super().__init__([str(e) for e in errors], code="bulk_refused")
        self.errors = errors


def field_label(field: str) -> str:
    labels = {
        "full_name": _("Họ và tên"),
        "member": _("Đảng viên"),
        "nominated_by": _("Giới thiệu"),
        "poll_agree": _("Số đồng ý"),
        "__all__": _("Dòng"),
    }
    return labels.get(field, field)


def _row_errors(row: int, exc: ValidationError) -> list[RowError]:
    if hasattr(exc, "error_dict"):
        return [
            RowError(row, field, message)
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    return [RowError(row, "full_name", message) for message in exc.messages]


def check_rows(election: Election, rows: Sequence[NewCandidate]) -> list[RowError]:
    """Every refusal of the batch, before anything is written."""
    errors: list[RowError] = []
    seen_names: dict[str, int] = {}
    seen_members: dict[int, int] = {}
    for r in rows:
        name = nfc(r.member.full_name if r.member is not None else r.full_name)
        if r.nominated_by not in Nomination.values:
            errors.append(RowError(r.row, "nominated_by", _("Không rõ ai giới thiệu.")))
            continue
        try:
            lists.check_new_candidate(
                election, name=name, member=r.member, nominated_by=r.nominated_by
            )
        except ValidationError as exc:
            errors += _row_errors(r.row, exc)
            continue
        # Two rows of one batch: the same person, or the same name (case aside: Ân and An
        # are two names a ballot tells apart).
        first = seen_names.setdefault(name.casefold(), r.row)
        if first != r.row:
            message = _("%(name)s trùng với dòng %(first)d.") % {"name": name, "first": first}
            errors.append(RowError(r.row, "full_name", message))
        if r.member is not None:
            first = seen_members.setdefault(r.member.pk, r.row)
            if first != r.row:
                message = _("Cùng một đảng viên với dòng %(first)d.") % {"first": first}
                errors.append(RowError(r.row, "member", message))
    return errors


@transaction.atomic
def add_candidates(
    actor, election: Election, rows: Sequence[NewCandidate], *, source: str
) -> list[Candidate]:
    """Add every row or none (BulkRefused names each refused row and field)."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    election = Election.objects.select_for_update().get(pk=election.pk)
    lists.require_unlocked(election)
    if not rows:
        raise ValidationError(_("Chưa có tên nào để thêm."), code="empty")
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("Tối đa %(n)d tên mỗi lần (có %(m)d).") % {"n": MAX_ROWS, "m": len(rows)},
            code="too_many",
        )
    errors = check_rows(election, rows)
    if errors:
        raise BulkRefused(errors)
    added = []
    for r in rows:
        name = nfc(r.member.full_name if r.member is not None else r.full_name)
        parts = split_name(name)
        added.append(
            lists.new_candidate(
                election,
                parts,
                member=r.member,
                nominated_by=r.nominated_by,
                poll_agree=r.poll_agree,
            )
        )
    # One by one rather than bulk_create: every database then hands back the primary
    # keys the audit entries point to.
    for candidate in added:
        candidate.save()
    lists.renumber(election)
    lists.bump(election)
    for candidate in added:
        lists.record_addition(actor, election, candidate, source=source)
    return added
