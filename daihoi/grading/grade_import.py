"""Validate and write an imported grades sheet (format in ``excel_import``): all rows or none.

Validation loads what it needs in a few queries (members by code in chunks, the
cycle's units, the grades already in each grassroots organisation), then checks
every row in Python: the member, the columns, the rules of the year for that
member, and finally the excellent quota of each grassroots organisation with
the file's rows and the grades already stored for members not in the file.
Writing is a handful of bulk statements in one transaction with one audit entry.
Reading and checking each row is in ``grade_import_rows``.
"""

import datetime as dt
import json
from collections import defaultdict

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce

from daihoi.audit.services import record
from daihoi.organizations.models import Organization
from daihoi.people.models import Member
from daihoi.rules.grading import (
    Grade,
    MemberFacts,
    check_member,
    check_quota,
    member_ceiling,
    rules_for_year,
)

from .bulk import COLUMNS, insert_evaluations
from .excel_import import read_rows
from .grade_import_rows import ImportResult, _code, _Context, _Errors, _parse, _Row
from .models import Evaluation, ReviewCycle, StepLog, SubjectChoice, UnitReview
from .selectors import EFFECTIVE
from .workflow import Step, steps_filled_by

CHUNK = 5000


def import_grades(
    user, cycle: ReviewCycle, root: Organization, data: bytes, on: dt.date
) -> ImportResult:
    """Check every row, then write all of them, or write nothing and return the errors."""
    result = ImportResult()
    raw, file_errors = read_rows(data)
    if file_errors:
        result.errors = file_errors
        return result
    result.rows = len(raw)
    errors = _Errors(result)
    context = _load(cycle, root, raw)
    rows = [r for r in (_parse(n, values, context, errors) for n, values in raw) if r is not None]
    if result.ok:
        _check_rules(rows, context, errors, on)
    if result.ok:
        _check_quotas(rows, context, errors)
    if result.ok:
        with transaction.atomic():
            result.written, result.units = _write(user, cycle, rows, context, on)
            record(
                user,
                "grading.import",
                cycle,
                summary=f"Nhập {result.written} xếp loại, {result.units} tổ chức ({root.name})",
                after={"rows": result.rows, "root": root.code},
            )
    return result


def _load(cycle: ReviewCycle, root: Organization, raw) -> _Context:
    """The members of the scope in one query (those of other codes looked up apart, to say why
    they do not belong), the cycle's units and organisations."""
    fields = (
        "id",
        "code",
        "full_name",
        "status",
        "admitted_on",
        "organization_id",
        "organization__path",
    )
    members = {
        m["code"]: m
        for m in Member.objects.filter(organization__path__startswith=root.path).values(*fields)
    }
    codes = {_code(v.get("code")) for _, v in raw} - set(members) - {""}
    elsewhere = list(codes)
    for start in range(0, len(elsewhere), CHUNK):
        for m in Member.objects.filter(code__in=elsewhere[start : start + CHUNK]).values(*fields):
            members[m["code"]] = m
    units = {
        u["organization_id"]: u
        for u in UnitReview.objects.filter(cycle=cycle).values("id", "organization_id", "status")
    }
    orgs = {
        o["id"]: o
        for o in Organization.objects.filter(path__startswith=cycle.organization.path).values(
            "id", "code", "name", "level", "parent_id", "path"
        )
    }
    return _Context(cycle, root, members, units, orgs)


def _check_rules(rows: list[_Row], ctx: _Context, errors: _Errors, on: dt.date) -> None:
    rules = rules_for_year(ctx.cycle.year)
    for row in rows:
        m = row.member
        facts = MemberFacts(
            key=str(m["id"]),
            name=m["full_name"],
            status=m["status"],
            admitted_on=m["admitted_on"],
            disciplined=row.disciplined,
            excellent_basis=True,
            score=row.score,
        )
        for finding in check_member(facts, row.grade, rules, on):
            errors.add(
                row.number, "grade", f"{m['full_name']}: {finding.message} ({finding.citation})"
            )
        if row.not_graded and member_ceiling(facts, rules, on).grade is not None:
            errors.add(
                row.number,
                "grade",
                f"{m['full_name']} phải được xếp loại: KXL chỉ dành cho đảng viên miễn sinh hoạt, "
                f"đình chỉ sinh hoạt hoặc kết nạp chưa đủ 6 tháng ({rules.cite('not_graded')}).",
            )


def quota_org(org_id: int, orgs: dict[int, dict]) -> int:
    org = orgs[org_id]
    return org["parent_id"] if org["level"] == "cell" and org["parent_id"] else org_id


def _check_quotas(rows: list[_Row], ctx: _Context, errors: _Errors) -> None:
    """The member quota of each grassroots organisation: file rows plus stored grades of the rest."""
    rules = rules_for_year(ctx.cycle.year)
    counts: dict[int, dict[Grade, int]] = defaultdict(lambda: defaultdict(int))
    excellent_rows: dict[int, list[int]] = defaultdict(list)
    in_file = set()
    for row in rows:
        key = quota_org(row.member["organization_id"], ctx.orgs)
        in_file.add(row.member["id"])
        if row.grade:
            counts[key][row.grade] += 1
        if row.grade is Grade.EXCELLENT:
            excellent_rows[key].append(row.number)
    stored = (
        Evaluation.objects.filter(unit__cycle=ctx.cycle, subject=SubjectChoice.MEMBER)
        .annotate(g=EFFECTIVE)
        .exclude(g__isnull=True)
        .values_list("organization_id", "member_id", "g")
    )
    for org_id, member_id, grade in stored.iterator(5000):
        if member_id not in in_file and quota_org(org_id, ctx.orgs) in counts:
            counts[quota_org(org_id, ctx.orgs)][Grade(grade)] += 1
    for key, by_grade in counts.items():
        name = ctx.orgs[key]["name"]
        for finding in check_quota(
            by_grade[Grade.EXCELLENT], by_grade[Grade.GOOD], rules, unit=name
        ):
            lines = ", ".join(str(n) for n in excellent_rows[key][:20])
            errors.add(excellent_rows[key][0] if excellent_rows[key] else 0, "grade",
                       f"{finding.message} Các dòng HTXS: {lines}. ({finding.citation})")  # fmt: skip


def _write(
    user, cycle: ReviewCycle, rows: list[_Row], ctx: _Context, on: dt.date
) -> tuple[int, int]:
    """New grades in one prepared INSERT (COPY on PostgreSQL); grades already there updated."""
    existing = dict(
        Evaluation.objects.filter(unit__cycle=cycle, subject=SubjectChoice.MEMBER).values_list(
            "member_id", "id"
        )
    )
    new, changed, touched = [], [], set()
    for row in rows:
        unit_id = ctx.units[row.member["organization_id"]]["id"]
        touched.add(unit_id)
        values = (
            unit_id,
            cycle.year,
            SubjectChoice.MEMBER.value,
            row.member["id"],
            row.member["organization_id"],
            row.self_grade.value if row.self_grade else "",
            row.grade.value if row.grade else "",
            "",
            row.reason,
            row.score,
            json.dumps({"disciplined": row.disciplined, "good_basis": True}),
            row.not_graded,
        )
        pk = existing.get(row.member["id"])
        if pk is None:
            new.append(values)
        else:
            changed.append(Evaluation(id=pk, **dict(zip(COLUMNS, values, strict=True))))
    insert_evaluations(new)
    for e in changed:
        e.criteria = json.loads(e.criteria)
    fields = ["self_grade", "proposed_grade", "reason", "score", "criteria", "not_graded"]
    Evaluation.objects.bulk_update(changed, fields, batch_size=500)
    _advance(user, touched, on)
    return len(new) + len(changed), len(touched)


def _advance(user, unit_ids: set[int], on: dt.date) -> None:
    """Units graded by the file move to "proposed"; the steps before take the import's date."""
    ids = sorted(unit_ids)
    for start in range(0, len(ids), 5000):
        UnitReview.objects.filter(pk__in=ids[start : start + 5000]).update(
            status=Step.PROPOSED,
            proposed_on=on,
            **{
                f"{s.value}_on": Coalesce(f"{s.value}_on", Value(on))
                for s in steps_filled_by(Step.PROPOSED)
            },
        )
    name = getattr(user, "username", "") or ""
    logs = [
        StepLog(
            unit_id=pk,
            step=Step.PROPOSED,
            done_on=on,
            actor=user,
            actor_name=name,
            note="nhập từ Excel",
        )
        for pk in ids
    ]
    StepLog.objects.bulk_create(logs, batch_size=2000)
