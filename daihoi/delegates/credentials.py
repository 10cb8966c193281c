"""Credentials (thẩm tra tư cách đại biểu): the checks on each delegate and the committee's report.

The credentials committee examines the convening committee's report on how
delegates were elected and the questions about any delegate's standing,
settles the letters about them, and reports the cases not to be admitted for
the congress to decide (QĐ 29-QĐ/TW 2016, item 12.2, as quoted by the central
party portal's Q&A; QĐ 190-QĐ/TW 2024 adds Điều 7 on this committee). HD
04-HD/TW 2024 lists who is not summoned: delegates suspended from party
activity, charged or prosecuted before the opening, and those elected against
the rules' principles or procedure; committee members retired or moved out of
the organisation before the opening. A probationary member has no right to
stand or vote (Điều lệ Đảng 2011, Điều 5; not re-checked against the text).

`check()` is pure: facts in, findings out. The committee's decision on each
delegate is a service (audited); the report is data for the page and files.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from statistics import mean

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from daihoi.audit.services import record
from daihoi.rules.findings import Finding, Severity
from daihoi.rules.retirement import age_at

from .models import Attendance, Credentials, Delegate, Kind

HD_04 = N_("HD 04-HD/TW 2024 (những trường hợp không triệu tập dự đại hội)")
QD_29 = N_("QĐ 29-QĐ/TW 2016, mục 12.2 (nhiệm vụ ban thẩm tra tư cách đại biểu)")
CHARTER_5 = N_("Điều lệ Đảng 2011, Điều 5 (đảng viên dự bị không ứng cử, bầu cử)")


@dataclass(frozen=True)
class Facts:
    kind: str
    member_status: str  # people.MemberStatus
    member_active: bool
    in_delegation: bool  # the member's organisation lies in the delegation's subtree
    elected_in_system: bool | None  # None: not counted in the system (check the minutes)
    open_letters: int  # complaints or denunciations about the member not yet settled


ELECTED_KINDS = (Kind.ELECTED, Kind.ALTERNATE)
B, W, NOTE = Severity.BLOCKING, Severity.WARNING, Severity.INFO
# (test, code, severity, citation, message): each line one ground the committee weighs.
# The words stay Vietnamese for the report (PDF, Word); the page shows them through `as_shown`.
CHECKS = (
    (
        lambda f: not f.member_active,
        "credentials.not_active",
        B,
        HD_04,
        N_("Đã chuyển đi, nghỉ hưu hoặc thôi sinh hoạt."),
    ),
    (
        lambda f: f.member_status == "probationary",
        "credentials.probationary",
        B,
        CHARTER_5,
        N_("Đảng viên dự bị."),
    ),
    (
        lambda f: f.member_status == "suspended",
        "credentials.suspended",
        B,
        HD_04,
        N_("Đang bị đình chỉ sinh hoạt, khởi tố, truy tố hoặc tạm giam."),
    ),
    (
        lambda f: f.kind in ELECTED_KINDS and f.elected_in_system is False,
        "credentials.not_in_result",
        B,
        HD_04,
        N_("Không có tên trong kết quả bầu đã công bố."),
    ),
    (
        lambda f: f.kind in ELECTED_KINDS and f.elected_in_system is None,
        "credentials.result_outside",
        NOTE,
        QD_29,
        N_("Bầu ngoài hệ thống: đối chiếu biên bản bầu cử."),
    ),
    (
        lambda f: f.open_letters > 0,
        "credentials.open_letters",
        W,
        QD_29,
        N_("Có đơn thư khiếu nại, tố cáo chưa giải quyết xong."),
    ),
    # HD 01-HD/TW 2021, 13.1: a delegate who moved stays with the old delegation.
    (
        lambda f: not f.in_delegation,
        "credentials.moved",
        NOTE,
        QD_29,
        N_("Hiện sinh hoạt ngoài đoàn đại biểu."),
    ),
)


def check(facts: Facts) -> list[Finding]:
    """HD 04-HD/TW 2024 and QĐ 29-QĐ/TW 2016 item 12.2: what stands against a delegate."""
    return [
        Finding(code, severity, citation, message)
        for test, code, severity, citation, message in CHECKS
        if test(facts)
    ]


def facts_for(congress) -> dict[int, Facts]:
    """Facts for every delegate of the congress, in a handful of queries."""
    delegates = list(
        Delegate.objects.filter(congress=congress).select_related(
            "member__organization", "delegation", "source_election__published"
        )
    )
    letters = _open_letters([d.member_id for d in delegates])
    return {
        d.pk: Facts(
            kind=d.kind,
            member_status=d.member.status,
            member_active=d.member.active,
            in_delegation=d.member.organization.path.startswith(d.delegation.path),
            elected_in_system=_in_result(d),
            open_letters=letters.get(d.member_id, 0),
        )
        for d in delegates
    }


def _in_result(delegate: Delegate) -> bool | None:
    election = delegate.source_election
    if election is None or not hasattr(election, "published"):
        return None
    data = election.published.data
    names = data.get("elected", []) + data.get("alternates_elected", [])
    return delegate.member.full_name in names


def _open_letters(member_ids: list[int]) -> dict[int, int]:
    try:
        from daihoi.complaints.models import CLOSED, Complaint
    except ImportError:  # the complaints app is optional for this check
        return {}
    rows = Complaint.objects.filter(member_id__in=member_ids).exclude(status__in=CLOSED)
    return Counter(rows.values_list("member_id", flat=True))


@transaction.atomic
def decide(actor, delegate: Delegate, *, accepted: bool, note: str = "") -> Delegate:
    """The committee's proposal on one delegate; refusing needs a note (the congress decides)."""
    delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
    if not accepted and not note.strip():
        raise ValueError("Không công nhận tư cách phải ghi rõ lý do.")
    before = {"credentials": delegate.credentials, "note": delegate.credentials_note}
    delegate.credentials = Credentials.ACCEPTED if accepted else Credentials.REJECTED
    delegate.credentials_note = note.strip()[:300]
    delegate.save(update_fields=["credentials", "credentials_note"])
    record(
        actor,
        "delegate.credentials",
        delegate,
        summary=f"{delegate.number:03d} {delegate.member}: {delegate.get_credentials_display()}",
        before=before,
        after={"credentials": delegate.credentials, "note": delegate.credentials_note},
    )
    from .attendance import sync_attendance

    sync_attendance(actor, delegate.congress)
    return delegate


def report(congress, on: dt.date) -> dict:
    """The figures of the credentials committee's report (summoned; by kind, gender, ethnicity,
    education, theory, age) over the official delegates, as of ``on``."""
    officials = [
        d
        for d in Delegate.objects.filter(congress=congress).select_related("member", "delegation")
        if d.official
    ]
    admitted = [d for d in officials if d.credentials != Credentials.REJECTED]
    ages = [age_at(d.member.birth_date, on) for d in admitted]
    kinds = Counter(d.kind for d in admitted)
    return {
        "summoned": len(admitted),
        "present": sum(d.attendance == Attendance.PRESENT for d in admitted),
        "ex_officio": kinds[Kind.EX_OFFICIO],
        "elected": kinds[Kind.ELECTED] + kinds[Kind.ALTERNATE],
        "appointed": kinds[Kind.APPOINTED],
        "women": sum(d.member.gender == "female" for d in admitted),
        "ethnic_minority": sum(d.member.ethnicity != "01" for d in admitted),
        "graduate": sum(d.member.education in ("master", "doctor") for d in admitted),
        "university": sum(d.member.education == "university" for d in admitted),
        "advanced_theory": sum(
            d.member.political_theory in ("advanced", "bachelor") for d in admitted
        ),
        "age_average": round(mean(ages), 1) if ages else None,
        "age_youngest": min(ages, default=None),
        "age_oldest": max(ages, default=None),
        "rejected": [d for d in officials if d.credentials == Credentials.REJECTED],
        "pending": sum(d.credentials == Credentials.PENDING for d in admitted),
    }
