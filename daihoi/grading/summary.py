"""The year's summary tables sent upward: grades counted by level, organisation kind and unit.

All tables of an organisation's subtree come from one GROUP BY over the year's
evaluations (``evaluation_year_org_idx``): counts by subject, organisation and
grade, a few thousand rows for a province, folded in Python with the subtree's
organisations (one more query). The grade counted is the committee's once
decided, else the meeting's proposal; rows with neither are "chưa xếp loại".
"""

from dataclasses import dataclass, field

from django.db.models import Count

from daihoi.organizations.models import LEVEL_ORDER, Kind, Level, Organization
from daihoi.rules.grading import GRADES, Grade

from .models import Evaluation, SubjectChoice, UnitReview
from .selectors import EFFECTIVE

SUBJECTS = (SubjectChoice.MEMBER, SubjectChoice.ORGANIZATION, SubjectChoice.LEADER)


@dataclass
class Row:
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GRADES, 0))
    ungraded: int = 0
    key: str = ""

    @property
    def graded(self) -> int:
        return sum(self.counts.values())

    @property
    def total(self) -> int:
        return self.graded + self.ungraded

    def share(self, grade: str) -> float | None:
        """0.52 for 52 %: the share of the graded (None when none are)."""
        return self.counts[grade] / self.graded if self.graded else None

    def add(self, grade: str | None, n: int) -> None:
        if grade:
            self.counts[Grade(grade)] += n
        else:
            self.ungraded += n


def counted(year: int, root: Organization) -> list[tuple[str, int, str | None, int]]:
    """(subject, organisation id, grade, count) for the year under ``root``: two queries.

    The population of organisations (and of their heads) is the year's unit reviews,
    not the evaluation rows: a unit reviewed but not yet graded has no row, and must
    still count as "chưa xếp loại" so that the totals add up to the units reviewed.
    """
    qs = Evaluation.objects.filter(year=year, organization__path__startswith=root.path)
    qs = qs.annotate(g=EFFECTIVE).order_by()
    rows = list(qs.values_list("subject", "organization_id", "g").annotate(n=Count("id")))
    return rows + _not_yet_graded(year, root, rows)


def _not_yet_graded(year: int, root: Organization, rows) -> list[tuple[str, int, None, int]]:
    have = {(subject, org_id) for subject, org_id, _, _ in rows}
    units = UnitReview.objects.filter(year=year, organization__path__startswith=root.path)
    missing = []
    for org_id, leader_id in units.values_list("organization_id", "leader_id").order_by():
        if (SubjectChoice.ORGANIZATION, org_id) not in have:
            missing.append((SubjectChoice.ORGANIZATION.value, org_id, None, 1))
        if leader_id and (SubjectChoice.LEADER, org_id) not in have:
            missing.append((SubjectChoice.LEADER.value, org_id, None, 1))
    return missing


def _tables(rows, orgs: dict[int, tuple], root: Organization) -> dict:
    child_len = len(root.path) + 8
    children = {o[2]: o[3] for o in orgs.values() if len(o[2]) == child_len}
    out = {}
    for subject in SUBJECTS:
        levels = {lv.value: Row(str(Level(lv).label), key=lv.value) for lv in LEVEL_ORDER}
        kinds = {k.value: Row(str(k.label), key=k.value) for k in Kind}
        by_child = {path: Row(name, key=path) for path, name in sorted(children.items())}
        total = Row(str(root))
        for row_subject, org_id, grade, n in rows:
            if row_subject != subject or org_id not in orgs:
                continue
            level, kind, path, _ = orgs[org_id]
            total.add(grade, n)
            levels[level].add(grade, n)
            kinds[kind].add(grade, n)
            if path[:child_len] in by_child and path != root.path:
                by_child[path[:child_len]].add(grade, n)
        out[subject] = {
            "total": total,
            "levels": [r for r in levels.values() if r.total],
            "kinds": [r for r in kinds.values() if r.total],
            "children": [r for r in by_child.values() if r.total],
        }
    return out


def leaders(year: int, root: Organization, limit: int = 5000) -> list[Evaluation]:
    """The heads graded as leaders, with their unit: one query."""
    qs = Evaluation.objects.filter(
        year=year, subject=SubjectChoice.LEADER, organization__path__startswith=root.path
    ).select_related("member", "organization")
    return list(qs.order_by("organization__path")[:limit])


def all_summaries(year: int, root: Organization) -> dict:
    """Everything the upward report prints, for members, organisations and leaders."""
    orgs = {
        pk: (level, kind, path, name)
        for pk, level, kind, path, name in Organization.objects.filter(
            path__startswith=root.path
        ).values_list("id", "level", "kind", "path", "name")
    }
    out: dict = _tables(counted(year, root), orgs, root)
    out["leaders"] = leaders(year, root)
    return out


def total(year: int, root: Organization, subject: str) -> Row:
    """One subject's grand total under ``root``."""
    row = Row(str(root))
    for row_subject, _, grade, n in counted(year, root):
        if row_subject == subject:
            row.add(grade, n)
    return row


def members_by_grade(year: int, root: Organization) -> dict[str, int]:
    """How many members hold each grade (and how many are not yet graded) under ``root``."""
    row = total(year, root, SubjectChoice.MEMBER)
    return {**{g.value: row.counts[g] for g in GRADES}, "ungraded": row.ungraded}
