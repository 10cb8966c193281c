"""A small tree with hand-counted congress results for the upward report.

Rows are written directly (elections in the published state with their frozen
result): how a result gets published is the elections app's business and its
own tests'; here only what the report reads matters. The expected numbers in
test_upward.py are counted by hand from this file.
"""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from daihoi.approvals.models import Annulment, Approval, ApprovalEvent
from daihoi.congresses.models import Congress
from daihoi.elections.models import Candidate, Election, PublishedResult, Sitting
from daihoi.people.models import Post
from daihoi.personnel.models import Candidate as PlanCandidate
from daihoi.personnel.models import PersonnelPlan
from tests.conftest import make_member

ON = dt.date(2025, 7, 1)
PLAN = {"level_key": "grassroots", "reference_month": dt.date(2025, 4, 1), "committee_size": 5}


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def congress(org, term="2025-2030", status="held", starts_on=dt.date(2025, 6, 10)):
    return Congress.objects.create(
        organization=org,
        term=term,
        name=f"Đại hội {org.name} {term}",
        kind="members",
        status=status,
        starts_on=starts_on,
    )


def publish(c, kind, seats, listed, elected, user, *, round=1, alternates=(), on=None, **extra):
    """An election of `c` in the published state: `listed` are (name, member or None) or
    (name, member, withdrawn); `elected` the names the frozen result declares."""
    e = Election.objects.create(
        congress=c,
        kind=kind,
        title=f"{kind} {c.organization.name} {round}",
        seats=seats,
        round=round,
        status="published",
        **extra,
    )
    for i, row in enumerate(listed, 1):
        name, member, *rest = row
        family, *_, given = name.split()
        Candidate.objects.create(
            election=e,
            member=member,
            family_name=family,
            given_name=given,
            full_name=name,
            position=i,
            withdrawn=bool(rest and rest[0]),
        )
    PublishedResult.objects.create(
        election=e,
        data={"elected": list(elected), "alternates_elected": list(alternates)},
        published_at=at(on or c.starts_on or ON),
        published_by=user,
        audit_hash="0" * 64,
    )
    return e


def approve(c, user, state, day):
    approval = Approval.objects.create(congress=c, state=state)
    ApprovalEvent.objects.create(approval=approval, action=state, state_after=state, actor=user)
    ApprovalEvent.objects.filter(approval=approval).update(at=at(day))
    return approval


def build(tree, user):
    east, west = tree.east_commune, tree.west_commune
    m = SimpleNamespace(
        an=make_member(
            east,
            "U01",
            "Nguyễn",
            "Văn",
            "An",
            birth_date=dt.date(1975, 5, 1),
            education="doctor",
            political_theory="advanced",
        ),
        binh=make_member(
            east,
            "U02",
            "Trần",
            "Thị",
            "Bình",
            gender="female",
            birth_date=dt.date(1990, 6, 11),
            education="master",
            political_theory="intermediate",
        ),
        cuong=make_member(
            east,
            "U03",
            "Lê",
            "Quốc",
            "Cường",
            birth_date=dt.date(1986, 6, 10),
            education="university",
            political_theory="elementary",
        ),
        dung=make_member(east, "U04", "Phạm", "Tiến", "Dũng", birth_date=dt.date(1985, 6, 10)),
        hoa=make_member(
            east,
            "U05",
            "Lò",
            "Thị",
            "Hoa",
            gender="female",
            ethnicity="02",
            birth_date=dt.date(1995, 1, 1),
            education="college",
            political_theory="none",
        ),
        xuan=make_member(west, "U06", "Đỗ", "Văn", "Xuân", birth_date=dt.date(1970, 3, 3)),
        yen=make_member(
            west, "U07", "Vũ", "Thị", "Yến", gender="female", birth_date=dt.date(1980, 3, 3)
        ),
        vinh=make_member(west, "U08", "Hà", "Văn", "Vinh", birth_date=dt.date(1988, 3, 3)),
    )
    # The previous term: Huyện Đông's commune elected An, Bình and Dũng; An its secretary.
    old = congress(east, term="2020-2025", starts_on=dt.date(2020, 6, 1))
    publish(
        old,
        "committee",
        3,
        [("Nguyễn Văn An", m.an), ("Trần Thị Bình", m.binh), ("Phạm Tiến Dũng", m.dung)],
        ["Nguyễn Văn An", "Trần Thị Bình", "Phạm Tiến Dũng"],
        user,
    )
    publish(old, "secretary", 1, [("Nguyễn Văn An", m.an)], ["Nguyễn Văn An"], user)

    # East commune 2025: 5 seats, 6 names on the ballot (+1 withdrawn), 3 elected in round 1,
    # 1 more in round 2: 4 elected, 1 seat unfilled, surplus 1, Dũng re-standing not elected.
    ce = congress(east)
    first = publish(
        ce,
        "committee",
        5,
        [
            ("Nguyễn Văn An", m.an),
            ("Trần Thị Bình", m.binh),
            ("Lê Quốc Cường", m.cuong),
            ("Phạm Tiến Dũng", m.dung),
            ("Lò Thị Hoa", m.hoa),
            ("Mai Văn Giang", None),
            ("Tạ Văn Rút", None, True),
        ],
        ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường"],
        user,
    )
    publish(
        ce,
        "committee",
        2,
        [("Phạm Tiến Dũng", m.dung), ("Lò Thị Hoa", m.hoa), ("Mai Văn Giang", None)],
        ["Lò Thị Hoa"],
        user,
        round=2,
        previous_round=first,
    )
    publish(ce, "secretary", 1, [("Nguyễn Văn An", m.an)], ["Nguyễn Văn An"], user)
    publish(ce, "delegates", 3, [], ["A Một", "B Hai", "C Ba"], user, alternates=["D Bốn"])
    plan = PersonnelPlan.objects.create(congress=ce, **PLAN)
    PlanCandidate.objects.create(plan=plan, member=m.an, post="secretary", local=False)
    approve(ce, user, "approved", dt.date(2025, 6, 20))

    # West commune 2025: 3 seats, all 3 elected, approval requested (waiting); no previous
    # term in the registry, so the plan's mark makes Yến re-elected. Its secretary is
    # elected by the new committee's first meeting (not directly).
    cw = congress(west, starts_on=dt.date(2025, 6, 15))
    publish(
        cw,
        "committee",
        3,
        [("Đỗ Văn Xuân", m.xuan), ("Vũ Thị Yến", m.yen), ("Hà Văn Vinh", m.vinh)],
        ["Đỗ Văn Xuân", "Vũ Thị Yến", "Hà Văn Vinh"],
        user,
    )
    sitting = Sitting.objects.create(
        congress=cw,
        kind="first_meeting",
        title="Hội nghị lần 1",
        opened_at=at(dt.date(2025, 6, 15)),
        opened_by=user,
    )
    publish(cw, "secretary", 1, [("Đỗ Văn Xuân", m.xuan)], ["Đỗ Văn Xuân"], user, sitting=sitting)
    # The registry's posts: Xuân is the commune's sitting secretary (so re-elected, twice
    # over); Vinh chairs its People's Committee, a State post, not a committee office.
    Post.objects.create(
        member=m.xuan,
        title="Bí thư Đảng ủy xã Tây Sơn",
        organization=west,
        started_on=dt.date(2020, 8, 1),
    )
    Post.objects.create(
        member=m.vinh,
        title="Chủ tịch UBND xã Tây Sơn",
        organization=west,
        started_on=dt.date(2021, 6, 1),
    )
    plan = PersonnelPlan.objects.create(congress=cw, **PLAN)
    PlanCandidate.objects.create(plan=plan, member=m.yen, re_elected=True)
    approve(cw, user, "requested", dt.date(2025, 6, 25))

    # Cells: one held without elections in the app, one planned, one whose committee
    # result was annulled, one published only after the report's day.
    congress(tree.east_cells[0], starts_on=dt.date(2025, 3, 1))
    congress(tree.west_cells[0], status="planned", starts_on=None)
    annulled = congress(tree.east_cells[1], starts_on=dt.date(2025, 3, 2))
    gone = publish(annulled, "committee", 1, [("Nguyễn Văn An", m.an)], ["Nguyễn Văn An"], user)
    Annulment.objects.create(
        election=gone,
        decision_number="5-QĐ/HU",
        decided_on=dt.date(2025, 4, 1),
        issued_by="Huyện ủy Đông",
        reason="vi phạm",
        recorded_by=user,
    )
    late = congress(tree.west_cells[1], starts_on=dt.date(2025, 7, 5))
    publish(late, "committee", 1, [("Vũ Thị Yến", m.yen)], ["Vũ Thị Yến"], user)
    return m
