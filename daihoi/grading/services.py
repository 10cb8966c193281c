"""Writes of the annual review: open a cycle, grade a unit, walk its steps, appeals.

Each service is atomic and writes its audit entry in the same transaction. A
refusal is a ``GradingError`` with a stable code, the Vietnamese message a user
reads and, when rules refused, their findings.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F

from daihoi.audit.services import record
from daihoi.organizations.models import Organization
from daihoi.organizations.selectors import can_see, subtree
from daihoi.people.models import Post
from daihoi.rules.grading import LABELS, Grade, check_quota, count_grades, rules_for_year

from . import checks, workflow
from .models import Appeal, Evaluation, ReviewCycle, StepLog, SubjectChoice, UnitReview
from .selectors import is_higher, load_sheet, quota_unit
from .workflow import Step, StepError

LEADER_TITLE = "Bí thư"


class GradingError(Exception):
    def __init__(self, code: str, message: str, findings=()):
        super().__init__(message)
        self.code, self.message, self.findings = code, message, list(findings)


def _require_editor(user, org: Organization) -> None:
    if user is not None and not (user.can_edit and can_see(user, org)):
        raise GradingError(
            "forbidden", "Tài khoản của bạn không được sửa kiểm điểm của tổ chức này."
        )


@transaction.atomic
def open_cycle(user, organization: Organization, *, year: int, **fields) -> ReviewCycle:
    """Open the year's review for ``organization`` and its whole subtree (one unit per organisation)."""
    _require_editor(user, organization)
    try:
        rules = rules_for_year(year)
    except ValueError as error:
        raise GradingError("year", str(error)) from None
    _check_deadlines(fields)
    orgs = list(subtree(organization).filter(active=True).order_by("path"))
    taken = list(
        UnitReview.objects.filter(year=year, organization__in=orgs).select_related("organization")[
            :3
        ]
    )
    if taken:
        names = ", ".join(u.organization.name for u in taken)
        raise GradingError("taken", f"Năm {year} đã có đợt kiểm điểm bao gồm: {names}.")
    cycle = ReviewCycle.objects.create(
        organization=organization, year=year, rules_version=rules.key, opened_by=user, **fields
    )
    leaders = leaders_of(organization)
    UnitReview.objects.bulk_create(
        [
            UnitReview(cycle=cycle, organization=o, year=year, leader_id=leaders.get(o.pk))
            for o in orgs
        ],
        batch_size=1000,
    )
    summary = f"Mở kiểm điểm năm {year} ({rules.regulation}) cho {len(orgs)} tổ chức"
    record(user, "grading.cycle.open", cycle, summary=summary, after={"year": year, **fields})
    return cycle


def _check_deadlines(fields: dict) -> None:
    order = ["self_review_due", "meeting_due", "decision_due", "report_due"]
    dates = [fields[name] for name in order]
    if any(a > b for a, b in zip(dates, dates[1:], strict=False)):
        raise GradingError(
            "deadlines",
            "Các hạn phải theo thứ tự: tự kiểm điểm, họp đề xuất, cấp ủy quyết định, báo cáo cấp trên.",
        )


def leaders_of(root: Organization) -> dict[int, int]:
    """Organisation id → the member holding its current "Bí thư …" post: one query."""
    posts = (
        Post.objects.filter(
            ended_on__isnull=True,
            title__startswith=LEADER_TITLE,
            member__active=True,
            member__organization__path__startswith=root.path,
        )
        .values_list("organization_id", "member__organization_id", "member_id")
        .order_by("started_on")
    )
    out: dict[int, int] = {}
    for org_id, home_id, member_id in posts:
        out[org_id or home_id] = member_id
    return out


def _log(user, unit: UnitReview, step: Step, on: dt.date, note: str = "") -> None:
    name = getattr(user, "username", "") or ""
    StepLog.objects.create(unit=unit, step=step, done_on=on, actor=user, actor_name=name, note=note)


def _locked(unit: UnitReview) -> UnitReview:
    return UnitReview.objects.select_related("organization__parent", "leader", "cycle").get(
        pk=unit.pk
    )


def _transition(user, unit: UnitReview, action: str, reason: str = "") -> Step:
    try:
        return workflow.transition(
            unit.status,
            action,
            higher_level=user is None or is_higher(user, unit.organization),
            reason=reason,
        )
    except StepError as error:
        raise GradingError(error.code, error.message) from None


DATE_OF = {
    Step.SELF_REVIEWED: "self_reviewed_on",
    Step.COMMENTED: "commented_on",
    Step.PROPOSED: "proposed_on",
    Step.DECIDED: "decided_on",
    Step.PUBLISHED: "published_on",
}


@transaction.atomic
def record_step(user, unit: UnitReview, action: str, on: dt.date, note: str = "") -> UnitReview:
    """Self-review done, meeting held, decided, published, or returned for review again."""
    _require_editor(user, unit.organization)
    UnitReview.objects.select_for_update().filter(pk=unit.pk).first()
    unit = _locked(unit)
    before = unit.status
    target = _transition(user, unit, action, note)
    changed = ["status"]
    if action == "decide":
        _check_decision(unit)
        Evaluation.objects.filter(unit=unit).update(grade=F("proposed_grade"))
    if action == "return":
        unit.returned_count += 1
        unit.return_reason = note.strip()[:300]
        unit.decided_on = unit.published_on = None
        Evaluation.objects.filter(unit=unit).update(grade="")
        changed += ["returned_count", "return_reason", "decided_on", "published_on"]
    if target in DATE_OF:
        setattr(unit, DATE_OF[target], on)
        changed.append(DATE_OF[target])
    unit.status = target
    unit.save(update_fields=[*changed, "updated_at"])
    _log(user, unit, target, on, note)
    record(
        user,
        f"grading.unit.{action}",
        unit,
        summary=f"{unit.organization}: {workflow.STATUS_WORDS[target]}",
        before={"status": before},
        after={"status": target, "on": on, "note": note},
    )
    return unit


def _check_decision(unit: UnitReview) -> None:
    """The decision re-runs the rules on the stored proposal: the quota may have moved since."""
    sheet = load_sheet(unit)
    data = stored_input(sheet, unit.proposed_on or unit.cycle.meeting_due)
    report = checks.evaluate(sheet, data)
    if report.blocking:
        raise GradingError(
            "rules", "Không thể quyết định: " + report.blocking[0].message, report.blocking
        )


def stored_input(sheet, on: dt.date) -> checks.SheetInput:
    """What is stored for a unit, as the input of ``checks.evaluate``."""
    rows = {}
    for member_id, e in sheet.evaluations.items():
        criteria = dict(e.criteria)
        civil = criteria.pop("civil_servant", "") or None
        rows[member_id] = checks.RowInput(
            member_id,
            _grade(e.proposed_grade),
            _grade(e.self_grade),
            e.reason,
            e.score,
            criteria,
            _grade(civil),
        )
    data = checks.SheetInput(rows, on)
    if sheet.collective:
        data.unit_grade = _grade(sheet.collective.proposed_grade)
        data.unit_reason, data.unit_score = sheet.collective.reason, sheet.collective.score
        data.unit_criteria = dict(sheet.collective.criteria)
    if sheet.leader:
        data.leader_grade = _grade(sheet.leader.proposed_grade)
        data.leader_reason = sheet.leader.reason
    return data


def _grade(value) -> Grade | None:
    return Grade(value) if value else None


@transaction.atomic
def save_grades(user, unit: UnitReview, data: checks.SheetInput) -> checks.SheetReport:
    """The grading meeting's proposal for the whole unit: all rows or none, never past a rule."""
    _require_editor(user, unit.organization)
    UnitReview.objects.select_for_update().filter(pk=unit.pk).first()
    unit = _locked(unit)
    if not workflow.editable(unit.status):
        raise GradingError(
            "locked",
            f"Kiểm điểm của {unit.organization} {workflow.STATUS_WORDS[Step(unit.status)]}: không sửa được.",
        )
    target = _transition(user, unit, "propose")
    sheet = load_sheet(unit)
    report = checks.evaluate(sheet, data)
    if report.blocking:
        first = report.blocking[0]
        who = f"{first.subject}: " if first.subject and first.subject not in first.message else ""
        raise GradingError("rules", f"Chưa lưu. {who}{first.message}", report.blocking)
    written = _write_rows(unit, sheet, data, report)
    _advance_to_proposed(user, unit, target, data)
    counts = {str(k): v for k, v in report.counts.items()}
    record(
        user,
        "grading.unit.propose",
        unit,
        summary=f"{unit.organization}: {written} xếp loại",
        after=counts,
    )
    return report


def _write_rows(unit: UnitReview, sheet, data: checks.SheetInput, report) -> int:
    existing = {(e.subject, e.member_id): e for e in Evaluation.objects.filter(unit=unit)}
    new, changed = [], []
    for member in sheet.members:
        row = data.rows.get(member.pk) or checks.RowInput(member.pk)
        criteria = {k: bool(row.criteria.get(k)) for k in checks.MEMBER_FLAGS}
        criteria["civil_servant"] = row.civil_servant.value if row.civil_servant else ""
        fields = dict(
            self_grade=_value(row.self_grade),
            proposed_grade=_value(row.grade),
            reason=row.reason[:300],
            score=row.score,
            criteria=criteria,
            not_graded=report.ceilings.get(member.pk, Grade.EXCELLENT) is None,
        )
        _upsert(existing, new, changed, unit, SubjectChoice.MEMBER, member.pk, fields)
    unit_fields = dict(
        proposed_grade=_value(data.unit_grade),
        reason=data.unit_reason[:300],
        score=data.unit_score,
        criteria={k: bool(data.unit_criteria.get(k)) for k in checks.UNIT_FLAGS},
    )
    _upsert(existing, new, changed, unit, SubjectChoice.ORGANIZATION, None, unit_fields)
    if unit.leader_id:
        leader_fields = dict(
            proposed_grade=_value(data.leader_grade), reason=data.leader_reason[:300]
        )
        _upsert(existing, new, changed, unit, SubjectChoice.LEADER, unit.leader_id, leader_fields)
    Evaluation.objects.bulk_create(new, batch_size=1000)
    names = ["self_grade", "proposed_grade", "reason", "score", "criteria", "not_graded"]
    Evaluation.objects.bulk_update(changed, names, batch_size=1000)
    return len(new) + len(changed)


def _value(grade: Grade | None) -> str:
    return grade.value if grade else ""


def _upsert(existing, new, changed, unit, subject, member_id, fields) -> None:
    row = existing.get((subject, member_id))
    if row is None:
        new.append(
            Evaluation(
                unit=unit,
                year=unit.year,
                subject=subject,
                member_id=member_id,
                organization_id=unit.organization_id,
                **fields,
            )
        )
        return
    for name, value in fields.items():
        setattr(row, name, value)
    changed.append(row)


def _advance_to_proposed(user, unit: UnitReview, target: Step, data: checks.SheetInput) -> None:
    meeting = {k: v for k, v in data.meeting.items() if v not in (None, "")}
    for name, value in meeting.items():
        setattr(unit, name, value)
    for step in workflow.steps_filled_by(target):
        if getattr(unit, DATE_OF[step]) is None:
            setattr(unit, DATE_OF[step], data.on)
            _log(user, unit, step, data.on, "ghi cùng buổi họp xếp loại")
    unit.proposed_on, unit.status = data.on, target
    unit.save()
    _log(user, unit, target, data.on)


@transaction.atomic
def file_appeal(user, evaluation: Evaluation, reason: str, on: dt.date) -> Appeal:
    unit = evaluation.unit
    _require_editor(user, unit.organization)
    if unit.status != Step.PUBLISHED or unit.published_on is None:
        raise GradingError("not_published", "Chỉ kiến nghị sau khi kết quả đã công bố.")
    last = unit.published_on + dt.timedelta(days=unit.cycle.appeal_days)
    if on > last:
        raise GradingError("late", f"Đã hết hạn kiến nghị (đến ngày {last:%d/%m/%Y}).")
    if len(reason.strip()) < 10:
        raise GradingError("reason", "Ghi rõ nội dung kiến nghị.")
    appeal = Appeal.objects.create(
        evaluation=evaluation, filed_on=on, reason=reason.strip(), created_by=user
    )
    record(user, "grading.appeal.file", appeal, summary=str(evaluation), after={"reason": reason})
    return appeal


@transaction.atomic
def resolve_appeal(
    user, appeal: Appeal, outcome: str, new_grade: Grade | None, on: dt.date
) -> Appeal:
    evaluation = appeal.evaluation
    if user is not None and not is_higher(user, evaluation.unit.organization):
        raise GradingError(
            "needs_higher_level", "Kiến nghị do cấp ủy cấp trên trực tiếp giải quyết."
        )
    if appeal.resolved_on:
        raise GradingError("resolved", "Kiến nghị này đã được giải quyết.")
    before = evaluation.grade
    if new_grade is Grade.EXCELLENT and evaluation.subject == SubjectChoice.MEMBER:
        _check_quota_after(evaluation)
    appeal.resolved_on, appeal.outcome = on, outcome.strip()[:300]
    appeal.new_grade = _value(new_grade)
    appeal.save()
    if new_grade and new_grade.value != before:
        evaluation.grade = new_grade.value
        evaluation.save(update_fields=["grade"])
    after = {"grade": evaluation.grade, "outcome": appeal.outcome}
    label = LABELS[Grade(evaluation.grade)] if evaluation.grade else "—"
    record(
        user, "grading.appeal.resolve", appeal, summary=label, before={"grade": before}, after=after
    )
    return appeal


def _check_quota_after(evaluation: Evaluation) -> None:
    """An appeal that raises a member to excellent still has to fit the grassroots quota."""
    org = quota_unit(evaluation.organization)
    decided = (
        Evaluation.objects.filter(
            year=evaluation.year,
            subject=SubjectChoice.MEMBER,
            organization__path__startswith=org.path,
        )
        .exclude(pk=evaluation.pk)
        .values_list("grade", flat=True)
    )
    counts = count_grades([Grade(g) for g in decided if g] + [Grade.EXCELLENT])
    found = check_quota(
        counts[Grade.EXCELLENT], counts[Grade.GOOD], rules_for_year(evaluation.year), unit=org.name
    )
    if found:
        raise GradingError("rules", "Không thể nâng lên HTXS: " + found[0].message, found)
