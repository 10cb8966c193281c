"""What pages and documents show of a plan: structure rows against targets, findings grouped."""

from collections import OrderedDict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from daihoi.rules.retirement import age_at, months_left
from daihoi.rules.standards import Person, TermRules
from daihoi.rules.structure import Figures, Targets, reference_day


@dataclass(frozen=True)
class StructureRow:
    label: str
    count: int | None
    share: float | None  # percent
    target: float | None  # percent
    ok: bool | None  # None when there is no target


def structure_rows(figures: Figures, targets: Targets) -> list[StructureRow]:
    """Each share is of the body it describes: the committee, or the standing committee."""

    def row(label, count, target, of=figures.size):
        share = count * 100 / of if of else None
        ok = None if target is None or share is None else share + 1e-9 >= target * 100
        return StructureRow(label, count, share, None if target is None else target * 100, ok)

    return [
        row(_("Nữ"), figures.women, targets.women),
        row(_("Cán bộ trẻ (dưới 40 tuổi)"), figures.youth, targets.youth),
        row(_("Dân tộc thiểu số"), figures.ethnic_minority, targets.ethnic_minority),
        row(_("Tham gia lần đầu (đổi mới)"), figures.first_time, targets.renewal),
        row(_("Tái cử"), figures.re_elected, None),
        row(_("Từ 40 đến 50 tuổi"), figures.from_40_to_50, None),
        row(_("Trên 50 tuổi"), figures.over_50, None),
        row(_("Nữ trong ban thường vụ"), figures.standing_women, None, of=figures.standing),
    ]


def findings_by_person(rows: list[dict]) -> "OrderedDict[str, list[dict]]":
    grouped: OrderedDict[str, list[dict]] = OrderedDict()
    for row in sorted(rows, key=lambda r: (r["subject"] == "", r["subject"])):
        grouped.setdefault(row["subject"] or _("Toàn đề án"), []).append(row)
    return grouped


def findings_by_rule(rows: list[dict]) -> "OrderedDict[str, list[dict]]":
    grouped: OrderedDict[str, list[dict]] = OrderedDict()
    for row in rows:
        grouped.setdefault(row["citation"], []).append(row)
    return grouped


def counts(rows: list[dict]) -> dict[str, int]:
    live = [r for r in rows if not r["overridden"]]
    return {
        "blocking": sum(r["severity"] == "blocking" for r in live),
        "warning": sum(r["severity"] == "warning" for r in live),
        "info": sum(r["severity"] == "info" for r in live),
        "overridden": sum(r["overridden"] for r in rows),
    }


def person_facts(person: Person, rules: TermRules, reference: tuple[int, int]) -> dict:
    """Age and months of service left at the reference month, for tables and dossiers."""
    return {
        "age": age_at(person.birth_date, reference_day(reference)),
        # Past retirement shows as 0: a negative count of months reads as an error.
        "months_left": max(
            0, months_left(person.birth_date, person.gender, reference, rules.retirement_schedule)
        ),
    }
