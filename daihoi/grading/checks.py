"""Run the grading rules over one unit's sheet: the page's live check and the save use the same code.

``evaluate`` takes the loaded ``selectors.Sheet`` and what was typed (``SheetInput``)
and returns every finding: each member's ceiling, the member quota counted over
the grassroots organisation (this unit's proposal plus what its other cells
already gave), the unit's own grade against its members (or its cells), and the
head against the unit. No query here.
"""

import datetime as dt
from dataclasses import dataclass, field, replace

from daihoi.people.models import Member
from daihoi.rules.findings import Finding, Severity
from daihoi.rules.grading import (
    GRADES,
    Grade,
    MemberFacts,
    UnitFacts,
    check_leader,
    check_member,
    check_quota,
    check_unit,
    count_grades,
    excellent_quota,
    member_ceiling,
)

from .selectors import Sheet

MEMBER_FLAGS = (
    "excellent_basis",
    "good_basis",
    "disciplined",
    "degradation",
    "under_half",
    "sick_leave",
)
UNIT_FLAGS = ("excellent_basis", "good_basis", "leadership_disciplined")
DEFAULT_CRITERIA = {"good_basis": True}


@dataclass
class RowInput:
    member_id: int
    grade: Grade | None = None
    self_grade: Grade | None = None
    reason: str = ""
    score: int | None = None
    criteria: dict = field(default_factory=lambda: dict(DEFAULT_CRITERIA))
    civil_servant: Grade | None = None


@dataclass
class SheetInput:
    rows: dict[int, RowInput]
    on: dt.date
    unit_grade: Grade | None = None
    unit_reason: str = ""
    unit_score: int | None = None
    unit_criteria: dict = field(default_factory=lambda: dict(DEFAULT_CRITERIA))
    leader_grade: Grade | None = None
    leader_reason: str = ""
    meeting: dict = field(default_factory=dict)  # present, chair, recorder, place


@dataclass
class SheetReport:
    findings: list[Finding]
    by_member: dict[int, list[Finding]]
    ceilings: dict[int, Grade | None]
    counts: dict[Grade, int]
    quota: dict

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]


def member_facts(member: Member, row: RowInput) -> MemberFacts:
    c = row.criteria
    return MemberFacts(
        key=str(member.pk),
        name=member.full_name,
        status=member.status,
        admitted_on=member.admitted_on,
        disciplined=bool(c.get("disciplined")),
        degradation=bool(c.get("degradation")),
        under_half=bool(c.get("under_half")),
        sick_leave=bool(c.get("sick_leave")),
        good_basis=bool(c.get("good_basis")),
        excellent_basis=bool(c.get("excellent_basis")),
        civil_servant_grade=row.civil_servant,
        score=row.score,
    )


def evaluate(sheet: Sheet, data: SheetInput) -> SheetReport:
    rules, by_member, ceilings = sheet.rules, {}, {}
    findings: list[Finding] = []
    for member in sheet.members:
        row = data.rows.get(member.pk) or RowInput(member.pk)
        facts = member_facts(member, row)
        ceilings[member.pk] = member_ceiling(facts, rules, data.on).grade
        found = check_member(facts, row.grade, rules, data.on)
        by_member[member.pk] = found
        findings += found
    counts = count_grades([(data.rows.get(m.pk) or RowInput(m.pk)).grade for m in sheet.members])
    quota_findings, quota = _quotas(sheet, counts, data)
    findings += quota_findings
    findings += _unit_and_leader(sheet, counts, data)
    return SheetReport(findings, by_member, ceilings, counts, quota)


def _quotas(sheet: Sheet, counts: dict[Grade, int], data: SheetInput) -> tuple[list, dict]:
    rules, name = sheet.rules, sheet.quota_org.name
    elsewhere = sheet.others.get("member") or dict.fromkeys(GRADES, 0)
    excellent = counts[Grade.EXCELLENT] + elsewhere[Grade.EXCELLENT]
    good = counts[Grade.GOOD] + elsewhere[Grade.GOOD]
    found = check_quota(excellent, good, rules, unit=name)
    if found and sheet.quota_org.pk != sheet.unit.organization_id:
        here = (
            f"Trong đó {sheet.unit.organization.name}: {counts[Grade.EXCELLENT]} HTXS, "
            f"{counts[Grade.GOOD]} HTT; các chi bộ khác: {elsewhere[Grade.EXCELLENT]} HTXS, "
            f"{elsewhere[Grade.GOOD]} HTT."
        )
        found = [replace(f, message=f"{f.message} {here}") for f in found]
    if found and not counts[Grade.EXCELLENT]:
        # This unit proposes no excellent: it does not cause the overrun; the grassroots
        # committee settles it when it decides (where the check blocks again).
        note = "Tổ chức này không đề xuất HTXS; cấp ủy cơ sở điều chỉnh khi quyết định."
        found = [
            replace(f, severity=Severity.WARNING, message=f"{f.message} {note}") for f in found
        ]
    quota = {"unit": name, "excellent": excellent, "good": good}
    quota["allowed"] = excellent_quota(good, rules)
    # Collectives and heads of the cells: the grassroots committee shares its quota between
    # them, so at one cell the count is a warning, not a refusal.
    for subject, grade, who in (
        ("organization", data.unit_grade, "chi bộ"),
        ("leader", data.leader_grade, "bí thư chi bộ"),
    ):
        if sheet.quota_org.pk == sheet.unit.organization_id or grade is None:
            continue
        other = sheet.others.get(subject) or dict.fromkeys(GRADES, 0)
        mine = count_grades([grade])
        for f in check_quota(
            mine[Grade.EXCELLENT] + other[Grade.EXCELLENT],
            mine[Grade.GOOD] + other[Grade.GOOD],
            rules,
            unit=name,
            who=who,
        ):
            found.append(replace(f, severity=Severity.WARNING))
    return found, quota


def _unit_and_leader(sheet: Sheet, counts: dict[Grade, int], data: SheetInput) -> list[Finding]:
    unit_name = sheet.unit.organization.name
    below = sheet.children if sheet.has_children else counts
    c = data.unit_criteria
    facts = UnitFacts(
        unit_name,
        below,
        excellent_basis=bool(c.get("excellent_basis")),
        good_basis=bool(c.get("good_basis")),
        leadership_disciplined=bool(c.get("leadership_disciplined")),
        score=data.unit_score,
    )
    out = check_unit(facts, data.unit_grade, sheet.rules)
    leader = sheet.unit.leader
    if leader is not None:
        out += check_leader(
            data.leader_grade, data.unit_grade, sheet.rules, name=leader.full_name, unit=unit_name
        )
    return out
