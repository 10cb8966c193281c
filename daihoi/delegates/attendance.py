"""Check-in at the door, absences, and the live count that elections use.

Every scan or typed number writes a CheckIn row, accepted or refused, and a
retried request (same nonce) is answered from its first row.

The base comes from one place, the congress's attendance figures; its
`base_source` says who writes them. From the roster: after each change the
congress's summoned, present and the two absence exclusions are written through
`congresses.services.update_attendance`, so the base an election computes is the
one check-in sees. Typed: check-in never rewrites them; the delegates page shows
both and offers the audited switch (`use_roster_for_base`). A congress with no
figures typed yet takes the roster at its first check-in, audited the same way.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.congresses.base import congress_figures
from daihoi.congresses.models import BaseSource
from daihoi.congresses.services import ATTENDANCE_FIELDS, set_base_source, update_attendance
from daihoi.rules import quorum

from .models import Attendance, CheckIn, Credentials, Delegate, Kind, QuorumSetting, ScanOutcome
from .roster import QR_PREFIX

MESSAGES = {
    ScanOutcome.CHECKED_IN: "Đã ghi nhận có mặt",
    ScanOutcome.ALREADY: "Đại biểu đã có mặt từ trước",
    ScanOutcome.UNKNOWN: "Không tìm thấy thẻ đại biểu",
    ScanOutcome.NOT_SUMMONED: "Không thuộc danh sách triệu tập (không đủ tư cách)",
}


@dataclass(frozen=True)
class ScanResult:
    outcome: str
    delegate: Delegate | None
    status: quorum.Status

    @property
    def message(self) -> str:
        text = MESSAGES[self.outcome]
        if self.delegate and self.delegate.kind == Kind.ALTERNATE and not self.delegate.replaces_id:
            text += " — đại biểu dự khuyết, chưa thay thế ai"
        return text


def seats(rows) -> quorum.Attendance:
    """Count seats from (id, kind, attendance, credentials, replaces_id) rows of one congress.

    Each official delegate is a seat; an alternate seated in their place fills
    it. A seat is summoned unless its delegate was not admitted and nobody was
    seated instead; it is present when whoever fills it is present.
    """
    rows = list(rows)
    seated = {r[4]: r for r in rows if r[1] == Kind.ALTERNATE and r[4]}
    summoned = present = committee_absent = absent_without = 0
    for pk, kind, attendance, credentials, _ in rows:
        if kind == Kind.ALTERNATE:
            continue
        holder = seated.get(pk)
        if credentials == Credentials.REJECTED and holder is None:
            continue
        summoned += 1
        state = holder[2] if holder else attendance
        if state == Attendance.PRESENT:
            present += 1
        elif state == Attendance.ABSENT and kind == Kind.EX_OFFICIO:
            committee_absent += 1
        elif state == Attendance.ABSENT:
            absent_without += 1
    return quorum.Attendance(summoned, present, committee_absent, absent_without)


def count(congress) -> quorum.Attendance:
    rows = Delegate.objects.filter(congress=congress).values_list(
        "id", "kind", "attendance", "credentials", "replaces_id"
    )
    return seats(rows)


def line_for(congress) -> quorum.Line:
    setting = QuorumSetting.objects.filter(congress=congress).first()
    if setting is None:
        return quorum.Line()
    return quorum.Line(setting.enabled, setting.numerator, setting.denominator)


def status(congress) -> quorum.Status:
    return quorum.status(count(congress), line_for(congress))


def sync_attendance(actor, congress) -> quorum.Attendance:
    counts = count(congress)
    congress.refresh_from_db(fields=["base_source", "summoned"])
    if congress.base_source == BaseSource.TYPED:
        if congress.summoned:  # typed figures stand until someone switches, audited
            return counts
        set_base_source(
            actor,
            congress,
            BaseSource.ROSTER,
            "Chưa nhập số đại biểu: lấy cơ sở tính kết quả theo danh sách đại biểu (điểm danh).",
        )
    update_attendance(
        actor,
        congress,
        from_roster=True,
        summoned=counts.summoned,
        present=counts.present,
        excluded_committee_absent=counts.committee_absent,
        excluded_delegates_absent_no_alternate=counts.absent_without_alternate,
    )
    return counts


@transaction.atomic
def use_roster_for_base(actor, congress, reason: str) -> quorum.Attendance:
    """Switch the base to the delegate roster and write its figures now; audited with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": "Ghi lý do chuyển cơ sở tính kết quả sang danh sách."})
    set_base_source(actor, congress, BaseSource.ROSTER, reason.strip()[:200])
    return sync_attendance(actor, congress)


def find(congress, raw: str) -> Delegate | None:
    """A card's QR text ("DHDB:…" or the bare token) or a typed card number ("12", "012")."""
    text = raw.strip().upper().removeprefix(QR_PREFIX)
    delegates = Delegate.objects.filter(congress=congress).select_related("member", "delegation")
    if re.fullmatch(r"\d{1,6}", text):
        return delegates.filter(number=int(text)).first()
    return delegates.filter(token=text).first() if text else None


@transaction.atomic
def check_in(actor, congress, raw: str, nonce: str = "") -> ScanResult:
    if nonce:
        earlier = CheckIn.objects.filter(congress=congress, nonce=nonce).first()
        if earlier:
            return ScanResult(earlier.outcome, earlier.delegate, status(congress))
    delegate = find(congress, raw)
    if delegate is not None:
        delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
    outcome = _outcome(delegate)
    try:
        with transaction.atomic():
            CheckIn.objects.create(
                congress=congress,
                raw=raw[:64],
                delegate=delegate,
                outcome=outcome,
                nonce=nonce[:40],
                at=timezone.now(),
                by=actor,
            )
    except IntegrityError:  # the same nonce raced in from a second tab: keep the first
        return check_in(actor, congress, raw, nonce)
    if outcome == ScanOutcome.CHECKED_IN:
        _mark_present(actor, delegate)
        sync_attendance(actor, congress)
    return ScanResult(outcome, delegate, status(congress))


def _outcome(delegate: Delegate | None) -> str:
    if delegate is None:
        return ScanOutcome.UNKNOWN
    if delegate.credentials == Credentials.REJECTED:
        return ScanOutcome.NOT_SUMMONED
    if delegate.attendance == Attendance.PRESENT:
        return ScanOutcome.ALREADY
    return ScanOutcome.CHECKED_IN


def _mark_present(actor, delegate: Delegate) -> None:
    before = delegate.attendance
    delegate.attendance, delegate.absent_reason = Attendance.PRESENT, ""
    delegate.checked_in_at = timezone.now()
    delegate.save(update_fields=["attendance", "absent_reason", "checked_in_at"])
    record(
        actor,
        "delegate.check_in",
        delegate,
        summary=f"{delegate.number:03d} {delegate.member}",
        before={"attendance": before},
        after={"attendance": delegate.attendance},
    )


@transaction.atomic
def mark_absent(actor, delegate: Delegate, reason: str) -> Delegate:
    """Absent for the whole congress; the reason (and whether it was approved) goes in the note."""
    delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
    before = {"attendance": delegate.attendance, "reason": delegate.absent_reason}
    delegate.attendance, delegate.absent_reason = Attendance.ABSENT, reason.strip()[:200]
    delegate.save(update_fields=["attendance", "absent_reason"])
    record(
        actor,
        "delegate.absent",
        delegate,
        summary=f"{delegate.number:03d} {delegate.member}: {delegate.absent_reason}",
        before=before,
        after={"attendance": delegate.attendance, "reason": delegate.absent_reason},
    )
    sync_attendance(actor, delegate.congress)
    return delegate


@transaction.atomic
def set_line(actor, congress, *, enabled: bool, numerator: int = 2, denominator: int = 3):
    quorum.Line(enabled, numerator, denominator)  # refuses a line that is not a fraction below 1
    setting, _ = QuorumSetting.objects.select_for_update().get_or_create(congress=congress)
    before = {"enabled": setting.enabled, "line": f"{setting.numerator}/{setting.denominator}"}
    setting.enabled, setting.numerator, setting.denominator = enabled, numerator, denominator
    setting.save()
    after = {"enabled": enabled, "line": f"{numerator}/{denominator}"}
    record(
        actor, "congress.quorum_line", congress, summary=congress.name, before=before, after=after
    )
    return setting


def base_panel(congress, roster_status: quorum.Status) -> dict:
    """The one base (congresses.base) for the delegates' pages, and whether the roster differs."""
    congress.refresh_from_db(fields=ATTENDANCE_FIELDS + ["base_source"])
    figures = congress_figures(congress)
    return {
        "base": figures.base,
        "majority": figures.base // 2 + 1 if figures.base else 0,
        "source": figures.source,
        "differs": congress.base_source == BaseSource.TYPED and figures.base != roster_status.base,
    }
