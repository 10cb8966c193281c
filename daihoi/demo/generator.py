"""Build the demo province in the database: `build_demo()` is the entry point.

The data are planned and generated in Python first (plan.py, people.py), then
written with bulk inserts in one transaction, with one audit entry. Saving
60,000 members one by one would take minutes; in bulk it takes seconds.
Organisations are inserted level by level so that parents have ids; members
go through bulk.insert_instances, the rest through bulk_create.

Later features extend the demo (congresses, personnel plans…) by adding a step
to STEPS: a function that takes the DemoContext, writes its rows and returns
its counts. Each step draws from its own random stream (`ctx.rng("congresses")`),
so adding one does not change what the others generate.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import transaction

from daihoi.audit.services import record
from daihoi.organizations.history import analyze, backfill_versions
from daihoi.organizations.models import LEVEL_ORDER, Organization, path_segment
from daihoi.people.history import backfill_assignments
from daihoi.people.models import Member, MemberStatus, Planning, Post

from .bulk import insert_instances
from .chance import stream
from .logins import create_users, demo_logins
from .people import Person, generate_people
from .plan import ProvincePlan, plan_province
from .scale import DEFAULT_SEED, DEMO_AS_OF, FULL, PROVINCE_CODE, SMALL

# Rows per INSERT for bulk_create. PostgreSQL accepts at most 65,535 parameters
# per statement; Django lowers this further on SQLite by itself.
BATCH = 2000

Progress = Callable[[str], None]
LEVEL_VI = {
    "province": "tỉnh",
    "district": "cấp trên cơ sở",
    "grassroots": "cơ sở",
    "cell": "chi bộ trực thuộc",
}


class DemoDatabaseNotEmpty(Exception):
    code = "demo.not_empty"


@dataclass
class DemoContext:
    seed: int
    as_of: dt.date
    plan: ProvincePlan
    say: Progress
    org_ids: dict[str, int] = field(default_factory=dict)  # organisation code → pk
    member_ids: dict[str, int] = field(default_factory=dict)  # member code → pk

    def rng(self, *parts: object) -> random.Random:
        return stream(self.seed, *parts)


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    scale: str
    as_of: dt.date
    districts: int
    grassroots: int
    cells: int
    members: int
    women: int
    probationary: int
    posts: int
    key_posts: int
    plannings: int
    users: int
    extra: dict[str, int] = field(default_factory=dict)  # counts of later steps

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "extra"}
        return {**data, "as_of": self.as_of.isoformat(), **self.extra}


def has_organizations() -> bool:
    return Organization.objects.exists()


def erase_database() -> None:
    """Empty every table (Django's `flush`), for `daihoi demo --flush`.

    Deleting only the demo's tables would fail as soon as another app's rows
    (a congress, a ballot) point at an organisation with on_delete=PROTECT.
    """
    call_command("flush", interactive=False, verbosity=0)


def build_demo(
    seed: int = DEFAULT_SEED,
    small: bool = False,
    progress: Progress | None = None,
    *,
    as_of: dt.date = DEMO_AS_OF,
) -> DemoSummary:
    """Plan, generate and save the demo province; the same seed gives the same data.

    Refuses (DemoDatabaseNotEmpty) when organisations exist: the demo's codes
    would collide, and mixing invented data with real data is never wanted.
    """
    say = progress or (lambda message: None)
    scale = SMALL if small else FULL
    with transaction.atomic():
        if has_organizations():
            raise DemoDatabaseNotEmpty("the database already holds organisations")
        say(f"Lập kế hoạch tỉnh mẫu ({scale.name}, seed {seed})")
        ctx = DemoContext(seed, as_of, plan_province(seed, scale), say)
        counts: dict[str, int] = {}
        for step in STEPS:
            counts.update(step(ctx))
        summary = summarise(seed, scale.name, as_of, counts)
        record(
            None,
            "demo.load",
            object_type="demo",
            summary=(
                f"Demo province loaded (seed {seed}): {summary.districts} districts, "
                f"{summary.grassroots} grassroots, {summary.cells} cells, "
                f"{summary.members} members"
            ),
            after=summary.as_dict(),
        )
    return summary


CORE_COUNTS = ("districts", "grassroots", "cells", "members", "women", "probationary")
CORE_COUNTS += ("posts", "key_posts", "plannings", "users")


def summarise(seed: int, scale: str, as_of: dt.date, counts: dict[str, int]) -> DemoSummary:
    core = {name: counts.get(name, 0) for name in CORE_COUNTS}
    extra = {k: v for k, v in counts.items() if k not in core}
    return DemoSummary(seed, scale, as_of, **core, extra=extra)


def load_organizations(ctx: DemoContext) -> dict[str, int]:
    """Insert level by level, so each level's parents already have ids; then set paths.

    The path is derived exactly as organizations.services.set_path does (the
    parent's path plus the row's own padded id), in one bulk update per level.
    """
    paths: dict[str, str] = {}
    counts = {}
    for level in LEVEL_ORDER:
        units = ctx.plan.at_level(level)
        rows = [
            Organization(
                code=u.code,
                name=u.name,
                level=u.level,
                kind=u.kind,
                parent_id=ctx.org_ids[u.parent] if u.parent else None,
                founded_on=u.founded_on,
                path="",
            )
            for u in units
        ]
        Organization.objects.bulk_create(rows, batch_size=BATCH)
        ctx.org_ids.update(Organization.objects.filter(level=level).values_list("code", "id"))
        for unit, row in zip(units, rows, strict=True):
            row.pk = ctx.org_ids[row.code]
            row.path = (paths[unit.parent] if unit.parent else "") + path_segment(row.pk)
            row.depth = row.path.count(".") - 1
            paths[row.code] = row.path
        Organization.objects.bulk_update(rows, ["path", "depth"], batch_size=BATCH)
        counts[str(level)] = len(rows)
    backfill_versions()  # each unit's first version, from its founding date
    ctx.say(
        "Tổ chức đảng: "
        + ", ".join(
            f"{LEVEL_VI.get(level, level)} {n:,}".replace(",", ".") for level, n in counts.items()
        )
    )
    return {
        "districts": counts["district"],
        "grassroots": counts["grassroots"],
        "cells": counts["cell"],
    }


def load_members(ctx: DemoContext) -> dict[str, int]:
    ctx.say(f"Tạo {ctx.plan.scale.members:,} đảng viên".replace(",", "."))
    people = generate_people(ctx.plan, ctx.as_of)
    members = []
    for person in people:
        member = Member(organization_id=ctx.org_ids[person.unit], **person.fields)
        member.fill_derived_names()  # bulk_create skips save(), which would do this
        members.append(member)
    ctx.say(f"Ghi {len(members):,} đảng viên".replace(",", "."))
    insert_instances(members)  # bulk_create would take four times as long (bulk.py)
    # The database held no organisation, hence no member, before this build.
    ctx.member_ids.update(Member.objects.values_list("code", "id"))
    backfill_assignments()  # each member's first assignment, from the day of admission
    analyze()  # PostgreSQL: statistics for the 60,000 rows just loaded
    return {
        "members": len(members),
        "women": sum(m.gender == "female" for m in members),
        "probationary": sum(m.status == MemberStatus.PROBATIONARY for m in members),
        **save_posts_and_plans(ctx, people),
    }


def save_posts_and_plans(ctx: DemoContext, people: list[Person]) -> dict[str, int]:
    posts = [
        Post(
            member_id=ctx.member_ids[person.fields["code"]],
            title=title,
            organization_id=ctx.org_ids[org_code],
            key_post=key,
            started_on=since,
            ended_on=until,
        )
        for person in people
        for title, org_code, key, since, until in person.posts
    ]
    plannings = [
        Planning(
            member_id=ctx.member_ids[person.fields["code"]],
            title=title,
            term=term,
            approved_on=approved,
        )
        for person in people
        for title, term, approved in person.plannings
    ]
    ctx.say(f"Ghi {len(posts):,} chức vụ và {len(plannings):,} quy hoạch cán bộ".replace(",", "."))
    Post.objects.bulk_create(posts, batch_size=BATCH)
    Planning.objects.bulk_create(plannings, batch_size=BATCH)
    return {
        "posts": len(posts),
        "key_posts": sum(p.key_post for p in posts),
        "plannings": len(plannings),
    }


def load_users(ctx: DemoContext) -> dict[str, int]:
    districts = [u.code for u in ctx.plan.at_level("district")]
    created = create_users(demo_logins(PROVINCE_CODE, districts), ctx.org_ids)
    ctx.say(f"Tài khoản: tạo {created}")
    return {"users": created}


# Run in order inside build_demo's transaction. Append later steps here.
STEPS: tuple[Callable[[DemoContext], dict[str, int]], ...] = (
    load_organizations,
    load_members,
    load_users,
)
