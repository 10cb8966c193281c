"""The candidate list taken from the congress's personnel plan (đề án nhân sự).

Who is taken: the plan's people still in the running after the nomination steps
recorded so far (everyone proposed when no step is recorded yet, as
`personnel.steps.next_list` reads it), for the posts this election fills. A person
with a blocking finding of the standards check that nobody set aside with a reason
is left out, and the preview says why: the convening committee presents only those
who meet the standards (personnel/checks.py reads them).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from daihoi.personnel.models import PersonnelPlan, ProposedPost
from daihoi.personnel.steps import next_list, step_results

from .list_sources import EXACT, Row
from .models import ElectionKind, Nomination

# Which of the plan's people stand in each election (the plan's proposed posts).
POSTS = {
    ElectionKind.COMMITTEE: None,  # everyone proposed for the committee
    ElectionKind.STANDING_COMMITTEE: {
        ProposedPost.SECRETARY,
        ProposedPost.DEPUTY_SECRETARY,
        ProposedPost.STANDING,
    },
    ElectionKind.SECRETARY: {ProposedPost.SECRETARY},
    ElectionKind.DEPUTY_SECRETARY: {ProposedPost.DEPUTY_SECRETARY},
}


def _stands(candidate, kind: str) -> bool:
    if kind == ElectionKind.INSPECTION_COMMITTEE:
        return candidate.inspection
    posts = POSTS[kind]
    return posts is None or candidate.post in posts


def _blocking(plan: PersonnelPlan) -> dict[int, list[str]]:
    """Open blocking findings by plan candidate id (those not set aside with a reason)."""
    out: dict[int, list[str]] = {}
    for f in plan.findings or []:
        if f.get("severity") == "blocking" and not f.get("overridden") and f.get("candidate"):
            out.setdefault(f["candidate"], []).append(f.get("message", ""))
    return out


def rows_from_plan(election) -> tuple[list[Row], list[str]]:
    """(rows to preview, notes on who was left out and why); refused when there is no plan."""
    if election.kind not in POSTS and election.kind != ElectionKind.INSPECTION_COMMITTEE:
        raise ValidationError(
            _("Đề án nhân sự không dự kiến người cho cuộc bầu này."), code="no_plan_kind"
        )
    plan = PersonnelPlan.objects.filter(congress=election.congress_id).first()
    if plan is None:
        raise ValidationError(_("Đại hội chưa có đề án nhân sự."), code="no_plan")
    notes = []
    if plan.checked_at is None:
        notes.append(_("Đề án chưa được kiểm tra tiêu chuẩn: nên chạy kiểm tra trước."))
    if not step_results(plan):
        notes.append(_("Chưa ghi bước giới thiệu nào: lấy toàn bộ danh sách dự kiến của đề án."))
    blocking = _blocking(plan)
    rows = []
    for position, candidate in enumerate(next_list(plan), start=1):
        if not _stands(candidate, election.kind):
            continue
        member = candidate.member
        if candidate.pk in blocking:
            notes.append(
                _("Không lấy %(name)s: %(why)s")
                % {"name": member.full_name, "why": "; ".join(blocking[candidate.pk])}
            )
            continue
        rows.append(
            Row(
                row=position,
                text=member.full_name,
                status=EXACT,
                members=[member],
                chosen=member.pk,
                nominated_by=Nomination.CONVENING,
            )
        )
    return rows, notes
