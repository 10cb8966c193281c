"""Demo congresses for the 2025–2030 term over the demo province (after `daihoi.demo.build_demo`).

`build_demo_congresses(seed)` writes one congress per organisation, as the
tracking dashboard would see the province in mid-July 2025: every cell has
held its congress; the grassroots mostly have (about twenty pilots first), a
few postponed with their reasons; four district-level congresses held (two
of them pilots), the province's planned for October with a 350-seat plan, its
ex-officio delegates and the delegates the held district congresses elected.
Rows go in with bulk inserts; one audit entry records the step.
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Count

from daihoi.audit.services import record
from daihoi.congresses.models import Congress
from daihoi.delegates import allocation
from daihoi.delegates.models import Delegate, Kind
from daihoi.delegates.roster import new_token
from daihoi.demo.chance import date_between, stream
from daihoi.organizations.models import Organization
from daihoi.people.models import Member, MemberStatus, Post

D = dt.date
TERM = "2025-2030"
AS_OF = D(2025, 7, 15)  # the dashboard's "today" in the demo
PROVINCE_TOTAL = 350
CELL_WINDOW = (D(2025, 1, 6), D(2025, 3, 28))
PILOT_WINDOW = (D(2025, 3, 10), D(2025, 4, 11))
GRASSROOTS_WINDOW = (D(2025, 4, 14), D(2025, 6, 27))
GRASSROOTS_PILOTS = 20
DISTRICTS_HELD = 4  # the first two of them pilots
POSTPONED_REASONS = (
    "Bí thư đảng ủy điều trị bệnh dài ngày; cấp trên đang kiện toàn nhân sự",
    "Chờ kết luận giải quyết đơn tố cáo liên quan nhân sự dự kiến",
    "Thực hiện sắp xếp, sáp nhập đơn vị hành chính cấp xã",
    "Mưa lũ, sạt lở chia cắt địa bàn",
    "Nhân sự chủ chốt chưa được cấp ủy cấp trên thống nhất",
)
# Provincial committee members in the demo: the district-level leaders (the demo has no
# provincial posts of its own); titles starting with these are taken as ex officio.
EX_OFFICIO_TITLES = ("Bí thư", "Phó Bí thư", "Chủ tịch UBND")


def build_demo_congresses(seed: int = 2025) -> dict[str, int]:
    """Congresses, tracking states, the provincial seat plan and roster for the demo province."""
    rng = stream(seed, "congresses")
    with transaction.atomic():
        province = Organization.objects.get(parent__isnull=True, level="province")
        orgs = list(Organization.objects.filter(path__startswith=province.path).order_by("path"))
        full = _full_members(orgs)
        rows = _plan_congresses(rng, orgs, full)
        Congress.objects.bulk_create(rows, batch_size=1000)
        congress = Congress.objects.get(organization=province, term=TERM)
        ex_officio = _ex_officio(congress, orgs)
        plan = allocation.save_plan(
            None, congress, total=PROVINCE_TOTAL, method="hamilton", minimum=10
        )
        elected = _elected(rng, congress, plan)
        counts = {"congresses": len(rows), "ex_officio": ex_officio, "elected_delegates": elected}
        record(
            None,
            "demo.congresses",
            congress,
            summary=f"Demo congresses (seed {seed})",
            after=counts,
        )
    return counts


def load_congresses(ctx) -> dict[str, int]:
    """The same, as a step of `daihoi.demo.generator.STEPS` (takes the DemoContext)."""
    return build_demo_congresses(ctx.seed)


def _full_members(orgs: list[Organization]) -> dict[int, int]:
    """Full members of each organisation's whole subtree: one GROUP BY, rolled up by path."""
    direct = dict(
        Member.objects.filter(active=True, status=MemberStatus.FULL)
        .order_by()
        .values_list("organization_id")
        .annotate(n=Count("id"))
    )
    by_path = {o.path: o.pk for o in orgs}
    totals: dict[int, int] = defaultdict(int)
    for org in orgs:
        n = direct.get(org.pk, 0)
        segments = org.path.split(".")[:-1]
        for depth in range(1, len(segments) + 1):
            totals[by_path[".".join(segments[:depth]) + "."]] += n
    return totals


def _plan_congresses(rng, orgs, full) -> list[Congress]:
    # Shares rather than fixed counts where the small demo (two districts) has fewer units.
    grassroots = [o for o in orgs if o.level == "grassroots"]
    districts = [o for o in orgs if o.level == "district"]
    held_districts = {d.pk for d in districts[: min(DISTRICTS_HELD, len(districts) // 2)]}
    pilots = {o.pk for o in rng.sample(grassroots, min(GRASSROOTS_PILOTS, len(grassroots) // 10))}
    waiting = [o for o in grassroots if o.parent_id not in held_districts and o.pk not in pilots]
    late = rng.sample(waiting, min(len(POSTPONED_REASONS), len(waiting) // 10))
    postponed = {o.pk: reason for o, reason in zip(late, POSTPONED_REASONS, strict=False)}
    rest = [o for o in waiting if o.pk not in postponed]
    prepared = {o.pk for o in rng.sample(rest, min(6, len(rest) // 4))}
    out = []
    for org in orgs:
        congress = _congress(org, full.get(org.pk, 0))
        if org.level == "cell":
            _held(rng, congress, CELL_WINDOW, committee=(1, 3))
        elif org.level == "grassroots":
            _grassroots(rng, congress, org, pilots, postponed, prepared)
        elif org.level == "district":
            _district(rng, congress, districts.index(org), len(held_districts))
        else:
            congress.planned_on, congress.number = D(2025, 10, 14), 20
        out.append(congress)
    return out


def _congress(org: Organization, full: int) -> Congress:
    delegates = org.level in ("province", "district") or full >= 200
    kind = "delegates" if delegates else "members"
    title = "Đại hội đại biểu" if delegates else "Đại hội"
    return Congress(
        organization=org,
        term=TERM,
        name=f"{title} {org.name}, nhiệm kỳ 2025–2030",
        kind=kind,
        summoned=full if kind == "members" else min(250, max(60, full // 3)),
    )


def _held(rng, congress: Congress, window, committee=(9, 15), pilot=False) -> None:
    day = date_between(rng, *window)
    congress.status, congress.pilot = "held", pilot
    congress.planned_on = congress.starts_on = congress.ends_on = day
    congress.present = congress.summoned - rng.randint(0, max(1, congress.summoned // 12))
    congress.committee_elected = rng.randint(*committee)
    congress.documents_received_on = day + dt.timedelta(days=rng.randint(3, 10))
    congress.results_reported_on = day + dt.timedelta(days=rng.randint(1, 5))


def _grassroots(rng, congress, org, pilots, postponed, prepared) -> None:
    if org.pk in pilots:
        _held(rng, congress, PILOT_WINDOW, pilot=True)
    elif org.pk in postponed:
        congress.status, congress.planned_on = "postponed", D(2025, 6, 20)
        congress.postponed_reason = postponed[org.pk]
        congress.postponed_to = date_between(rng, D(2025, 7, 25), D(2025, 8, 20))
    elif org.pk in prepared:
        congress.status = "prepared"
        congress.planned_on = date_between(rng, D(2025, 7, 16), D(2025, 7, 31))
    else:
        _held(rng, congress, GRASSROOTS_WINDOW)
    if congress.status == "held":
        congress.delegates_elected = rng.randint(5, 20)


def _district(rng, congress, index: int, held: int) -> None:
    if index < held:
        window = (D(2025, 6, 2), D(2025, 6, 20)) if index < 2 else (D(2025, 7, 1), D(2025, 7, 11))
        _held(rng, congress, window, committee=(33, 45), pilot=index < 2)
    elif index < held + 3:
        congress.status = "prepared"
        congress.planned_on = date_between(rng, D(2025, 7, 21), D(2025, 8, 8))
    else:
        congress.planned_on = date_between(rng, D(2025, 8, 11), D(2025, 8, 29))
    congress.number = 25


def _ex_officio(congress: Congress, orgs: list[Organization]) -> int:
    """Holders of the district-level leading posts, each in their own district's delegation."""
    districts = {o.pk: o for o in orgs if o.level == "district"}
    posts = (
        Post.objects.filter(organization_id__in=districts, ended_on__isnull=True)
        .order_by("organization__path", "id")
        .values_list("member_id", "organization_id", "title")
    )
    seen: dict[int, int] = {}
    for member_id, org_id, title in posts:
        if title.startswith(EX_OFFICIO_TITLES) and member_id not in seen:
            seen[member_id] = org_id
    _bulk_delegates(congress, [(m, o, Kind.EX_OFFICIO, None) for m, o in seen.items()])
    return len(seen)


def _elected(rng, congress: Congress, plan) -> int:
    """The delegates (and two alternates each) the held district congresses elected."""
    held = Congress.objects.filter(
        term=TERM, status="held", organization__parent=congress.organization
    ).values_list("organization_id", flat=True)
    taken = set(Delegate.objects.filter(congress=congress).values_list("member_id", flat=True))
    rows = []
    for line in plan.lines.filter(organization_id__in=list(held)).select_related("organization"):
        pool = list(
            Member.objects.filter(
                organization__path__startswith=line.organization.path,
                status=MemberStatus.FULL,
                active=True,
            )
            .exclude(pk__in=taken)
            .order_by("id")
            .values_list("id", flat=True)
        )
        chosen = rng.sample(pool, line.seats + 2)
        rows += [(m, line.organization_id, Kind.ELECTED, None) for m in chosen[: line.seats]]
        rows += [(m, line.organization_id, Kind.ALTERNATE, i) for i, m in enumerate(chosen[-2:], 1)]
        Congress.objects.filter(organization=line.organization, term=TERM).update(
            delegates_elected=line.seats
        )
    _bulk_delegates(congress, rows)
    return len(rows)


def _bulk_delegates(congress: Congress, rows) -> None:
    start = Delegate.objects.filter(congress=congress).count()
    Delegate.objects.bulk_create(
        Delegate(
            congress=congress,
            member_id=member_id,
            delegation_id=org_id,
            kind=kind,
            rank=rank,
            number=start + i,
            token=new_token(),
        )
        for i, (member_id, org_id, kind, rank) in enumerate(rows, start=1)
    )
