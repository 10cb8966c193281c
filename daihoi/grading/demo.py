"""The demo province's annual review of 2024 (QĐ 124-QĐ/TW 2023), graded in bulk.

`build_demo_grading(seed)` opens the 2024 review for the whole province and
grades it as the province would have by early 2025: almost every unit decided
and published; a few still proposed or at the meeting (late, since the
deadlines have passed), and a few sent back for review again. Every grade obeys
the rules: the members' excellent quota per grassroots organisation, the
collective's grade against its members or cells, the head not above the unit.
Rows go in with bulk inserts; one audit entry records the step. The 2024 grades
then feed the personnel standards of the 2025–2030 congresses.
"""

import datetime as dt
import json
from collections import defaultdict

from django.db import transaction

from daihoi.audit.services import record
from daihoi.demo.chance import Weighted, stream
from daihoi.organizations.models import Organization
from daihoi.people.models import Member
from daihoi.rules.grading import (
    RANK,
    Grade,
    UnitFacts,
    count_grades,
    excellent_quota,
    rules_for_year,
    unit_ceiling,
)

from . import services
from .bulk import insert_evaluations
from .models import ReviewCycle, StepLog, SubjectChoice, UnitReview
from .workflow import Step

YEAR = 2024
D = dt.date
MEETING = D(YEAR, 12, 12)
DEADLINES = dict(
    self_review_due=D(YEAR, 12, 5),
    meeting_due=D(YEAR, 12, 15),
    decision_due=D(YEAR, 12, 31),
    report_due=D(YEAR + 1, 1, 15),
)
MEMBER_GRADES = Weighted(
    [(Grade.EXCELLENT, 16), (Grade.GOOD, 76.4), (Grade.COMPLETED, 7), (Grade.NOT_COMPLETED, 0.6)]
)
# Where each unit stands in the demo; the late ones are the point of the dashboard.
UNIT_STATES = Weighted(
    [
        (Step.PUBLISHED, 95.5),
        (Step.DECIDED, 2),
        (Step.PROPOSED, 1.2),
        (Step.COMMENTED, 0.5),
        (Step.RETURNED, 0.5),
        (Step.NOT_STARTED, 0.3),
    ]
)
FAILED_REASONS = (
    "Bị thi hành kỷ luật khiển trách trong năm",
    "Hoàn thành dưới 50% chỉ tiêu, nhiệm vụ được giao",
)
RETURN_REASONS = (
    "Chưa so sánh kết quả giữa các đồng chí có vị trí tương đồng",
    "Tỉ lệ hoàn thành xuất sắc chưa có sản phẩm cụ thể chứng minh",
)


def build_demo_grading(seed: int = 2025) -> dict[str, int]:
    """Open and grade the demo province's 2024 review (after `build_demo`)."""
    rng = stream(seed, "grading", YEAR)
    with transaction.atomic():
        province = Organization.objects.get(parent__isnull=True, level="province")
        cycle = ReviewCycle.objects.create(
            organization=province, year=YEAR, rules_version=rules_for_year(YEAR).key, **DEADLINES
        )
        orgs = {o.pk: o for o in Organization.objects.filter(path__startswith=province.path)}
        units, logs = _units(rng, cycle, orgs, services.leaders_of(province))
        member_rows, by_org = _member_grades(rng, units, orgs)
        unit_grades = _unit_grades(rng, units, orgs, by_org)
        rows = member_rows + _collective_rows(units, unit_grades)
        rows += _leader_rows(rng, units, unit_grades, by_org)
        insert_evaluations(rows)
        StepLog.objects.bulk_create(logs, batch_size=5000)
        counts = {
            "units": len(units),
            "evaluations": len(rows),
            "late_or_open": sum(
                u.status not in (Step.DECIDED, Step.PUBLISHED) for u in units.values()
            ),
            "step_logs": len(logs),
        }
        record(
            None, "demo.grading", cycle, summary=f"Demo grading {YEAR} (seed {seed})", after=counts
        )
    return counts


def _units(rng, cycle: ReviewCycle, orgs: dict, leaders: dict) -> tuple[dict, list]:
    """One review per organisation, walked as far as its drawn state, with its log lines."""
    units = {}
    for pk in sorted(orgs):
        unit = UnitReview(cycle=cycle, organization_id=pk, year=YEAR, leader_id=leaders.get(pk))
        unit.status = UNIT_STATES.pick(rng)
        units[pk] = unit
    UnitReview.objects.bulk_create([_dated(rng, u) for u in units.values()], batch_size=2000)
    logs = []
    for unit in units.values():
        logs += unit.pending_logs
    return units, logs


def _gradable(member: dict) -> bool:
    if member["status"] in ("exempted", "suspended"):
        return False
    admitted = member["admitted_on"]
    return (MEETING.year - admitted.year) * 12 + MEETING.month - admitted.month >= 6


def _member_grades(rng, units: dict, orgs: dict):
    """Each graded member's grade, the excellent trimmed to each grassroots organisation's quota."""
    members = Member.objects.filter(active=True, organization_id__in=list(units)).values(
        "id", "organization_id", "status", "admitted_on"
    )
    drawn: dict[int, list] = defaultdict(list)  # quota organisation → [member, grade]
    for m in members.order_by("id").iterator(5000):
        if units[m["organization_id"]].status in (Step.NOT_STARTED, Step.COMMENTED):
            continue  # not graded yet
        grade = MEMBER_GRADES.pick(rng) if _gradable(m) else None
        org = orgs[m["organization_id"]]
        key = org.parent_id if org.level == "cell" else org.pk
        drawn[key].append([m, grade])
    rules = rules_for_year(YEAR)
    rows, by_org = [], defaultdict(list)
    for pairs in drawn.values():
        _trim_to_quota([p for p in pairs if p[1] is not None], rules)
        for m, grade in pairs:
            by_org[m["organization_id"]].append((m["id"], grade))
            rows.append(_member_row(rng, units[m["organization_id"]], m, grade))
    return rows, by_org


def _trim_to_quota(pairs: list, rules) -> None:
    """HD 21-HD/BTCTW 2019, II.B.2.3.a: demote excellent to good until within 20 % of the good."""
    counts = count_grades([g for _, g in pairs])
    excellent = [p for p in pairs if p[1] is Grade.EXCELLENT]
    while counts[Grade.EXCELLENT] > excellent_quota(counts[Grade.GOOD], rules):
        excellent.pop()[1] = Grade.GOOD
        counts[Grade.EXCELLENT] -= 1
        counts[Grade.GOOD] += 1


def _member_row(rng, unit: UnitReview, m: dict, grade: Grade | None) -> tuple:
    decided = unit.status in (Step.DECIDED, Step.PUBLISHED)
    failed = grade is Grade.NOT_COMPLETED
    reason = rng.choice(FAILED_REASONS) if failed else ""
    criteria = {
        "good_basis": grade in (Grade.GOOD, Grade.EXCELLENT),
        "excellent_basis": grade is Grade.EXCELLENT,
        "disciplined": failed and reason.startswith("Bị thi hành"),
        "under_half": failed and not reason.startswith("Bị thi hành"),
    }
    value = grade.value if grade else ""
    return _row(
        unit,
        SubjectChoice.MEMBER,
        m["id"],
        m["organization_id"],
        proposed=value,
        decided=decided,
        reason=reason or ("Kết nạp chưa đủ 6 tháng" if grade is None else ""),
        criteria=criteria,
        not_graded=grade is None,
    )


def _row(unit, subject, member_id, org_id, *, proposed, decided, reason="", criteria=None,
         not_graded=False) -> tuple:  # fmt: skip
    """A grade as the tuple ``bulk.insert_evaluations`` takes (its ``COLUMNS`` order)."""
    own = proposed if subject == SubjectChoice.MEMBER else ""
    return (unit.pk, YEAR, subject.value, member_id, org_id, own, proposed,
            proposed if decided else "", reason, None, json.dumps(criteria or {}),
            not_graded)  # fmt: skip


def _unit_grades(rng, units: dict, orgs: dict, by_org: dict) -> dict[int, Grade]:
    """Each organisation's collective grade, deepest first: under its ceiling, then within the
    excellent quota among the organisations of the same parent."""
    rules, grades = rules_for_year(YEAR), {}
    children_of: dict[int, list[int]] = defaultdict(list)
    for o in orgs.values():
        children_of[o.parent_id].append(o.pk)
    for org in sorted(orgs.values(), key=lambda o: -o.depth):
        unit = units.get(org.pk)
        if unit is None or unit.status in (Step.NOT_STARTED, Step.COMMENTED):
            continue
        children = [grades[c] for c in children_of[org.pk] if c in grades]
        below = count_grades(children) if children else count_grades([g for _, g in by_org[org.pk]])
        ceiling = unit_ceiling(UnitFacts(org.name, below, excellent_basis=True), rules).grade
        wish = Grade.EXCELLENT if rng.random() < 0.3 else Grade.GOOD
        grades[org.pk] = min(wish, ceiling, key=RANK.get)
    for siblings in _by_parent(grades, orgs).values():
        # _trim_to_quota edits the pairs it is given: write the trimmed grades back.
        pairs = [[pk, grades[pk]] for pk in siblings]
        _trim_to_quota(pairs, rules)
        grades.update({pk: grade for pk, grade in pairs})
    return grades


def _by_parent(grades: dict, orgs: dict) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for pk in grades:
        out[orgs[pk].parent_id].append(pk)
    return out


def _collective_rows(units: dict, grades: dict) -> list[tuple]:
    return [
        _row(
            units[pk],
            SubjectChoice.ORGANIZATION,
            None,
            pk,
            proposed=grade.value,
            decided=units[pk].status in (Step.DECIDED, Step.PUBLISHED),
            criteria={"good_basis": True, "excellent_basis": grade is Grade.EXCELLENT},
        )
        for pk, grade in grades.items()
    ]


def _leader_rows(rng, units: dict, unit_grades: dict, by_org: dict) -> list[tuple]:
    """Each head graded as a leader: never above the unit (HD 21-HD/BTCTW 2019, II.B tiết 4)."""
    rows = []
    for pk, unit_grade in unit_grades.items():
        unit = units[pk]
        if unit.leader_id is None:
            continue
        own = dict(by_org[pk]).get(unit.leader_id) or Grade.GOOD
        grade = min(
            unit_grade, own, Grade.EXCELLENT if rng.random() < 0.5 else Grade.GOOD, key=RANK.get
        )
        decided = unit.status in (Step.DECIDED, Step.PUBLISHED)
        rows.append(
            _row(
                unit,
                SubjectChoice.LEADER,
                unit.leader_id,
                pk,
                proposed=grade.value,
                decided=decided,
            )
        )
    return rows


def _dated(rng, unit: UnitReview) -> UnitReview:
    """The unit's step dates as far as its state reached; its log lines kept on it for later."""
    order = [Step.SELF_REVIEWED, Step.COMMENTED, Step.PROPOSED, Step.DECIDED, Step.PUBLISHED]
    reached = {s: order[: order.index(s) + 1] for s in order}
    reached.update({Step.NOT_STARTED: [], Step.RETURNED: order[:4]})
    day, unit.pending_logs = D(YEAR, 11, 25) + dt.timedelta(days=rng.randrange(8)), []
    for step in reached[unit.status]:
        setattr(unit, f"{step.value}_on", day)
        unit.pending_logs.append(StepLog(unit=unit, step=step, done_on=day, actor_name="demo"))
        day += dt.timedelta(days=rng.randrange(2, 9))
    if unit.status == Step.RETURNED:
        unit.decided_on, unit.returned_count = None, 1
        unit.return_reason = rng.choice(RETURN_REASONS)
        unit.pending_logs.append(StepLog(unit=unit, step=Step.RETURNED, done_on=day,
                                         actor_name="demo", note=unit.return_reason))  # fmt: skip
    return unit
