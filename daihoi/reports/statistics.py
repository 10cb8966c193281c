"""The figures a report to the higher committee needs, counted in SQL over a subtree.

Members by gender, age band, ethnicity, education and political theory (the
dimensions of the central commission's summaries; HD 11-HD/BTCTW 2021 holds
the statistical forms), and the structure of the committees the congresses
elected. Each breakdown is one GROUP BY over the subtree's active members: the
60,000 rows of a province never reach Python. The committees' structure is read
from the upward report, so the two pages show one figure per fact.
"""

import datetime as dt

from django.db.models import Case, CharField, Count, QuerySet, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from daihoi.congresses.models import Congress, CongressStatus
from daihoi.organizations.models import LEVEL_ORDER, Level, Organization
from daihoi.people.ethnicities import ETHNICITIES
from daihoi.people.models import Education, Gender, Member, MemberStatus, PoliticalTheory

AGE_BANDS = [(30, "Dưới 30"), (40, "30–39"), (50, "40–49"), (60, "50–59")]
OLDEST_BAND = "Từ 60 trở lên"
ETHNIC_NAMES = dict(ETHNICITIES)
STRUCTURE_FIGURES = (
    ("elected", _("Cấp ủy viên")),
    ("women", _("Nữ")),
    ("under_40", _("Dưới 40 tuổi")),
    ("ethnic_minority", _("Dân tộc thiểu số")),
)


def members_in(root: Organization) -> QuerySet[Member]:
    return Member.objects.filter(organization__path__startswith=root.path, active=True)


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _grouped(qs: QuerySet, key: str) -> list[tuple[str, int]]:
    rows = qs.order_by().values(key).annotate(n=Count("id")).order_by("-n", key)
    return [(r[key], r["n"]) for r in rows]


def age_bands(qs: QuerySet, on: dt.date) -> list[tuple[str, int]]:
    """Ages at ``on`` in bands, by a CASE over the birth date (born after the cut-off is younger)."""
    whens = [
        When(birth_date__gt=_years_before(on, years), then=Value(label))
        for years, label in AGE_BANDS
    ]
    band = Case(*whens, default=Value(OLDEST_BAND), output_field=CharField())
    counted = dict(_grouped(qs.annotate(band=band), "band"))
    labels = [label for _, label in AGE_BANDS] + [OLDEST_BAND]
    return [(label, counted.get(label, 0)) for label in labels]


def _labelled(rows, labels: dict) -> list[tuple[str, int]]:
    return [(str(labels.get(key, key or "—")), n) for key, n in rows]


def member_statistics(root: Organization, on: dt.date) -> dict[str, list[tuple[str, int]]]:
    qs = members_in(root)
    ethnic = _grouped(qs, "ethnicity")
    top = ethnic[:6]
    rest = sum(n for _, n in ethnic[6:])
    ethnic_rows = _labelled(top, ETHNIC_NAMES) + ([("Dân tộc khác", rest)] if rest else [])
    return {
        "gender": _labelled(_grouped(qs, "gender"), dict(Gender.choices)),
        "status": _labelled(_grouped(qs, "status"), dict(MemberStatus.choices)),
        "age": age_bands(qs, on),
        "ethnicity": ethnic_rows,
        "education": _labelled(_grouped(qs, "education"), dict(Education.choices)),
        "theory": _labelled(_grouped(qs, "political_theory"), dict(PoliticalTheory.choices)),
    }


def committees_reported(root: Organization, term: str) -> list[tuple[str, int, int, int]]:
    """(level, congresses held, committee members elected, delegates elected) as reported upward."""
    rows = (
        Congress.objects.filter(
            term=term, organization__path__startswith=root.path, status=CongressStatus.HELD
        )
        .order_by()
        .values("organization__level")
        .annotate(
            n=Count("id"), committee=Sum("committee_elected"), delegates=Sum("delegates_elected")
        )
    )
    labels = dict(Level.choices)
    order = {level: i for i, level in enumerate(LEVEL_ORDER)}
    rows = sorted(rows, key=lambda r: order.get(r["organization__level"], 9))
    return [
        (str(labels[r["organization__level"]]), r["n"], r["committee"] or 0, r["delegates"] or 0)
        for r in rows
    ]


def committee_structure(root: Organization, term: str, on: dt.date) -> dict:
    """The new committees' structure as the upward report counts it on `on` (one figure per
    fact: the same population, ages on each congress's day, the same rounding), with the
    report's address for the rows behind each number."""
    from .upward import upward_report

    total = upward_report(root, term, on).total
    rows = [(figure, label, total.count(figure)) for figure, label in STRUCTURE_FIGURES]
    rows.append(("average_age", _("Tuổi bình quân"), total.average_age))
    return {
        "elected": total.count("elected"),
        "rows": rows,
        "query": f"org={root.pk}&term={term}&on={on:%d/%m/%Y}",
    }
