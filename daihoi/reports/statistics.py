"""The figures a report to the higher committee needs, counted in SQL over a subtree.

Members by gender, age band, ethnicity, education and political theory (the
dimensions of the central commission's summaries; HD 11-HD/BTCTW 2021 holds
the statistical forms), and the structure of the committees the congresses
elected. Each breakdown is one GROUP BY over the subtree's active members:
the 60,000 rows of a province never reach Python.
"""

import datetime as dt

from django.db.models import Case, CharField, Count, QuerySet, Sum, Value, When

from daihoi.congresses.models import Congress, CongressStatus
from daihoi.organizations.models import LEVEL_ORDER, Level, Organization
from daihoi.people.ethnicities import ETHNICITIES
from daihoi.people.models import Education, Gender, Member, MemberStatus, PoliticalTheory
from daihoi.rules.retirement import age_at

AGE_BANDS = [(30, "Dưới 30"), (40, "30–39"), (50, "40–49"), (60, "50–59")]
OLDEST_BAND = "Từ 60 trở lên"
ETHNIC_NAMES = dict(ETHNICITIES)


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


def new_committee_members(root: Organization, term: str) -> list[tuple]:
    """(birth date, gender, ethnicity) of each member elected to a committee in the subtree's
    published results of the term.

    One query over the candidates of every published committee election (a province has
    thousands): who was elected is in each result's frozen data, matched by name in Python.
    """
    from daihoi.elections.models import Candidate, ElectionKind, PublishedResult

    published = PublishedResult.objects.filter(
        election__kind=ElectionKind.COMMITTEE,
        election__congress__term=term,
        election__congress__organization__path__startswith=root.path,
    )
    elected = {
        election_id: set(data.get("elected", []))
        for election_id, data in published.values_list("election_id", "data")
    }
    rows = Candidate.objects.filter(
        election_id__in=published.values("election_id"), member__isnull=False
    ).values_list(
        "election_id",
        "full_name",
        "member_id",
        "member__birth_date",
        "member__gender",
        "member__ethnicity",
    )
    people = {}
    for election_id, name, member_id, born, gender, ethnicity in rows.iterator(chunk_size=5000):
        if name in elected.get(election_id, ()):
            people[member_id] = (born, gender, ethnicity)  # one person elected twice counts once
    return list(people.values())


def committee_structure(root: Organization, term: str, on: dt.date) -> dict:
    people = new_committee_members(root, term)
    ages = [age_at(born, on) for born, _, _ in people]
    return {
        "total": len(people),
        "women": sum(gender == "female" for _, gender, _ in people),
        "under_40": sum(a < 40 for a in ages),
        "ethnic_minority": sum(ethnicity != "01" for _, _, ethnicity in people),
        "average_age": round(sum(ages) / len(ages), 1) if ages else None,
    }
