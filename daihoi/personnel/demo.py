"""Demo personnel plans for the demo province: `build_demo_personnel()` after `build_demo()`.

Two congresses of the 2025–2030 term — the first district's and one of its
communes' — each with a personnel plan drawn from real demo members, so the
checks give what a subcommittee meets: people past the age for re-election, a
theory degree below the title, an unresolved letter, a discipline in force,
relatives on one list, and a women share under target.
"""

import datetime as dt
import random

from django.db import transaction

from daihoi.complaints.services import register_complaint
from daihoi.congresses.models import Congress
from daihoi.congresses.services import create_congress
from daihoi.organizations.models import Organization
from daihoi.people.models import Member, MemberStatus

from . import services
from .models import PersonnelPlan

DISTRICT_CONGRESS_ON = dt.date(2025, 7, 20)
COMMUNE_CONGRESS_ON = dt.date(2025, 5, 10)


@transaction.atomic
def build_demo_personnel(seed: int = 2025) -> dict[str, int]:
    """Create the demo plans (idempotent: does nothing when a demo plan exists); returns counts."""
    district = Organization.objects.filter(level="district", kind="rural_district").order_by("code")
    district = district.first() or Organization.objects.filter(level="district").first()
    if district is None or PersonnelPlan.objects.filter(congress__organization=district).exists():
        return {"personnel_plans": 0, "personnel_candidates": 0}
    rng = random.Random(seed)
    commune = district.children.filter(level="grassroots", kind="commune").order_by("code").first()
    plans = [_plan(district, 33, 11, 3, 36, DISTRICT_CONGRESS_ON, rng, inspection=9)]
    if commune is not None:
        plans.append(_plan(commune, 13, 4, 1, 15, COMMUNE_CONGRESS_ON, rng))
    for plan in plans:
        services.run_checks(None, plan)
    return {
        "personnel_plans": len(plans),
        "personnel_candidates": sum(p.candidates.count() for p in plans),
    }


def _plan(org, seats, standing, deputies, size, congress_on, rng, inspection=5) -> PersonnelPlan:
    # Reuse the congress the tracking demo made for this organisation, if any.
    existing = Congress.objects.filter(organization=org, term="2025-2030").first()
    congress = existing or create_congress(
        None,
        org,
        name=f"Đại hội đại biểu {org.name} nhiệm kỳ 2025–2030",
        kind="delegates",
        term="2025-2030",
        starts_on=congress_on,
    )
    plan = services.create_plan(
        None,
        congress,
        committee_size=seats,
        standing_size=standing,
        deputy_count=deputies,
        inspection_size=inspection,
        women_target=20,
        ethnic_target=None,
    )
    people = _pick(org, size, rng)
    for index, member in enumerate(people):
        post = _post(index, standing, deputies)
        holds_here = any(p.organization_id == org.pk for p in member.posts.all())
        services.add_candidate(
            None, plan, member, post=post, re_elected=holds_here, local=rng.random() < 0.7
        )
    _troubles(plan, congress_on, rng)
    return plan


def _pick(org, size: int, rng) -> list[Member]:
    """Current key cadres first (they lead the list), then planned cadres, then other members."""
    members = Member.objects.filter(
        organization__path__startswith=org.path, active=True, status=MemberStatus.FULL
    ).prefetch_related("posts", "plannings")
    cadres = [m for m in members if any(p.ended_on is None for p in m.posts.all())]
    # The organisation's own leaders head the list, then key cadres below it.
    cadres.sort(key=lambda m: (not _holds_post_in(m, org), not _holds_key(m), m.code))
    planned = [m for m in members if m.plannings.all() and m not in cadres]
    chosen = (cadres + planned)[: size * 2 // 3]
    # Working-age members with some theory fill the list; as in most files, mostly men.
    others = [
        m
        for m in members
        if m not in chosen
        and m.political_theory in ("intermediate", "advanced", "bachelor")
        and m.birth_date.year >= 1970
    ]
    rng.shuffle(others)
    others.sort(key=lambda m: m.gender == "female" and rng.random() < 0.7)
    return chosen + others[: size - len(chosen)]


def _holds_post_in(member, org) -> bool:
    return any(p.organization_id == org.pk and p.ended_on is None for p in member.posts.all())


def _holds_key(member) -> bool:
    return any(p.key_post and p.ended_on is None for p in member.posts.all())


def _post(index: int, standing: int, deputies: int) -> str:
    if index == 0:
        return "secretary"
    if index <= deputies:
        return "deputy_secretary"
    return "standing" if index < standing else "committee"


def _troubles(plan: PersonnelPlan, congress_on: dt.date, rng) -> None:
    """Letters, a discipline and a family tie, on people of the list, as a real file has them."""
    candidates = list(plan.candidates.select_related("member").order_by("position"))
    tail = candidates[len(candidates) // 2 :]
    first, second, third = tail[0], tail[1], tail[2]
    congress = plan.congress
    register_complaint(
        None,
        member=first.member,
        congress=congress,
        kind="denunciation",
        received_on=congress_on - dt.timedelta(days=75),
        sender="Một đảng viên trong chi bộ",
        summary="Phản ánh việc kê khai tài sản, thu nhập chưa đầy đủ.",
        assigned_to="Ủy ban kiểm tra",
        deadline=congress_on - dt.timedelta(days=20),
    )
    register_complaint(
        None,
        member=second.member,
        congress=congress,
        kind="complaint",
        anonymous=True,
        received_on=congress_on - dt.timedelta(days=12),
        summary="Đơn không ký tên về việc quy hoạch cán bộ.",
    )
    services.update_candidate(
        None, third, discipline_kind="warning", discipline_on=congress_on - dt.timedelta(days=150)
    )
    if len(candidates) > 6:
        services.declare_relationship(
            None, candidates[1].member, tail[-1].member, "sibling", "Anh em ruột"
        )
