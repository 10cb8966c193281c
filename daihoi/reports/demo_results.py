"""Demo election results for the demo province's held congresses (after build_demo_congresses).

Each held congress of the 2025–2030 term gets, in the published state, what a
counted congress would leave behind: its committee election (a list with a
10–15 % surplus drawn from the organisation's own members, the committee the
tracking demo recorded elected), the secretary (elected by the congress itself
in cells and in about one grassroots congress in five, by the new committee's
first meeting elsewhere), the delegates to the higher congress with one
alternate, and the approval of the result (most approved, some requested,
some not yet). Invented data for the upward report and its benchmark: the
votes are plausible figures, not a count of ballots. Bulk inserts; one audit
entry records the step.
"""

import bisect
import datetime as dt
import math
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.approvals.models import Approval, ApprovalEvent
from daihoi.audit.services import record
from daihoi.congresses.models import Congress
from daihoi.demo.chance import stream
from daihoi.elections.models import Candidate, Election, PublishedResult, Sitting
from daihoi.people.models import Member, MemberStatus, Post
from daihoi.rules.upward import is_committee_office, is_secretary_office

from .demo import TERM

DEMO_NOTE = " (dữ liệu mẫu)"


def build_demo_results(seed: int = 2025) -> dict[str, int]:
    rng = stream(seed, "upward-results")
    with transaction.atomic():
        actor = User.objects.filter(is_superuser=True).order_by("id").first()
        if actor is None or Election.objects.filter(title__endswith=DEMO_NOTE).exists():
            return {"demo_elections": 0}
        congresses = list(
            Congress.objects.filter(term=TERM, status="held")
            .select_related("organization")
            .order_by("organization__path")
        )
        pool = _Pool()
        plans = [p for p in (_plan(rng, c, pool) for c in congresses) if p]
        # One audit entry stands for the whole invented step; every demo result cites it, so
        # the chain check (ballot_digest.verify_ballots) finds each publication in the chain.
        entry = record(
            actor,
            "demo.results",
            None,
            object_type="demo",
            summary=f"Demo election results (seed {seed})",
            after={"congresses": [p["congress"].pk for p in plans]},
        )
        return _write(rng, actor, plans, entry.hash)


class _Pool:
    """The active full members sorted by their organisation's path: a subtree is a slice."""

    def __init__(self):
        rows = (
            Member.objects.filter(active=True, status=MemberStatus.FULL)
            .order_by("organization__path", "id")
            .values_list(
                "organization__path", "id", "full_name", "family_name", "middle_name", "given_name"
            )
        )
        self.rows = list(rows)
        self.paths = [r[0] for r in self.rows]

        self.by_id = {r[1]: r for r in self.rows}
        # The sitting office-holders of each organisation (secretary first): they stand again.
        offices: dict[int, list[tuple[int, str]]] = defaultdict(list)
        posts = Post.objects.filter(ended_on__isnull=True, organization__isnull=False)
        for org_id, member_id, title in posts.values_list("organization_id", "member_id", "title"):
            if is_committee_office(title):
                offices[org_id].append((not is_secretary_office(title), member_id))
        self.incumbents = {k: [m for _, m in sorted(v)] for k, v in offices.items()}

    def under(self, path: str) -> list[tuple]:
        lo = bisect.bisect_left(self.paths, path)
        hi = bisect.bisect_left(self.paths, path + "\x7f")
        return self.rows[lo:hi]


def _distinct(rng, people: list[tuple], n: int) -> list[tuple]:
    """n people with n different full names (a ballot never lists one name twice)."""
    out, names = [], set()
    for person in rng.sample(people, min(len(people), n * 2)):
        if person[2] not in names:
            names.add(person[2])
            out.append(person)
        if len(out) == n:
            break
    return out


def _with_incumbents(rng, pool, congress, people, seats: int, need: int) -> list[tuple]:
    """The organisation's sitting office-holders first (its secretary heading the list),
    then others drawn at random; no full name twice."""
    ids = {p[1] for p in people}
    sitting, names = [], set()
    for member_id in pool.incumbents.get(congress.organization_id, ())[:seats]:
        row = pool.by_id.get(member_id)
        if row is not None and member_id in ids and row[2] not in names:
            sitting.append(row)
            names.add(row[2])
    taken = {p[1] for p in sitting}
    others = [p for p in people if p[1] not in taken and p[2] not in names]
    return sitting + _distinct(rng, others, need - len(sitting))


def _plan(rng, congress, pool) -> dict | None:
    people = pool.under(congress.organization.path)
    seats = congress.committee_elected or 0
    surplus = math.ceil(seats * rng.choice((0.10, 0.12, 0.15))) if seats >= 3 else 0
    delegates = congress.delegates_elected or 0
    need = seats + surplus + delegates + 1
    if not seats or len(people) < need:
        return None
    chosen = _with_incumbents(rng, pool, congress, people, seats, need)
    if len(chosen) < need:
        return None
    # Now and then a sitting member stands again and ends in the surplus (a re-election
    # candidate not elected).
    sitting = len(pool.incumbents.get(congress.organization_id, ()))
    if 1 < sitting <= seats and surplus and rng.random() < 0.15:
        chosen.insert(seats + surplus - 1, chosen.pop(sitting - 1))
    committee, rest = chosen[: seats + surplus], chosen[seats + surplus :]
    return {
        "congress": congress,
        "committee": committee,
        "seats": seats,
        "delegates": rest[: delegates + 1],
        "delegate_seats": delegates,
        "direct": congress.organization.level == "cell" or rng.random() < 0.2,
        "approval": rng.choices(("approved", "requested", None), (6, 3, 1))[0],
    }


def _write(rng, actor, plans: list[dict], audit_hash: str) -> dict[str, int]:
    elections, lists, sittings = [], [], []
    for p in plans:
        c = p["congress"]
        when = timezone.make_aware(dt.datetime.combine(c.starts_on, dt.time(16)))
        p["when"] = when
        if not p["direct"]:
            sittings.append(
                Sitting(
                    congress=c,
                    kind="first_meeting",
                    title="Hội nghị Ban Chấp hành lần thứ nhất",
                    opened_at=when,
                    opened_by=actor,
                )
            )
    Sitting.objects.bulk_create(sittings, batch_size=1000)
    by_congress = {
        s.congress_id: s
        for s in Sitting.objects.filter(congress__in=[p["congress"] for p in plans])
    }
    for p in plans:
        c = p["congress"]
        secretary = p["committee"][0]
        spec = [
            ("committee", "Bầu Ban Chấp hành", p["seats"], p["committee"], None),
            ("secretary", "Bầu Bí thư", 1, [secretary], None if p["direct"] else by_congress[c.pk]),
        ]
        if p["delegate_seats"]:
            spec.append(
                (
                    "delegates",
                    "Bầu đại biểu dự đại hội cấp trên",
                    p["delegate_seats"],
                    p["delegates"],
                    None,
                )
            )
        for kind, title, seats, people, sitting in spec:
            e = Election(
                congress=c,
                kind=kind,
                title=f"{title} {c.organization.name}{DEMO_NOTE}",
                seats=seats,
                status="published",
                sitting=sitting,
                alternates=1 if kind == "delegates" else 0,
            )
            elections.append(e)
            lists.append((e, seats, people, p["when"], c))
    Election.objects.bulk_create(elections, batch_size=1000)
    candidates, results = [], []
    for e, seats, people, when, c in lists:
        for i, (_path, member_id, full, family, middle, given) in enumerate(people, 1):
            candidates.append(
                Candidate(
                    election=e,
                    member_id=member_id,
                    full_name=full,
                    family_name=family,
                    middle_name=middle,
                    given_name=given,
                    position=i,
                )
            )
        results.append(
            PublishedResult(
                election=e,
                data=_result(rng, e, seats, people, c),
                published_at=when,
                published_by=actor,
                audit_hash=audit_hash,
            )
        )
    Candidate.objects.bulk_create(candidates, batch_size=2000)
    PublishedResult.objects.bulk_create(results, batch_size=1000)
    approvals = _approvals(actor, plans)
    return {
        "demo_elections": len(elections),
        "demo_candidates": len(candidates),
        "demo_approvals": approvals,
    }


def _result(rng, election, seats, people, congress) -> dict:
    """A result of the published shape (elections.results): votes falling down the list."""
    base = max(congress.present, len(people), 1)
    votes = sorted((rng.randint(base // 2 + 1, base) for _ in people), reverse=True)
    names = [p[2] for p in people]
    alternates = names[seats : seats + election.alternates]
    return {
        "election": {"title": election.title, "kind": election.kind, "seats": seats, "round": 1},
        "base": base,
        "present": congress.present,
        "valid": base,
        "invalid": 0,
        "candidates": [
            {
                "position": i,
                "name": n,
                "votes": v,
                "elected": i <= seats,
                "alternate": n in alternates,
            }
            for i, (n, v) in enumerate(zip(names, votes, strict=True), 1)
        ],
        "elected": names[:seats],
        "alternates_elected": alternates,
        "tied_for_last_seat": [],
        "seats_unfilled": 0,
        "published": True,
        "demo": True,
    }


def _approvals(actor, plans) -> int:
    """Requested five days after the congress; approved (where so) fifteen days later."""
    rows = [(p["congress"], p["approval"], p["when"].date()) for p in plans if p["approval"]]
    Approval.objects.bulk_create(
        [
            Approval(
                congress=c,
                state=state,
                requested_on=day + dt.timedelta(days=5),
                decided_on=day + dt.timedelta(days=20) if state == "approved" else None,
                decision_number=f"{c.pk}-QĐ/TU" if state == "approved" else "",
            )
            for c, state, day in rows
        ],
        batch_size=1000,
    )
    ids = dict(
        Approval.objects.filter(congress__in=[c for c, _, _ in rows]).values_list(
            "congress_id", "id"
        )
    )
    events, dated = [], defaultdict(list)
    for c, state, day in rows:
        steps = [("request", "requested", 5)] + (
            [("approve", "approved", 20)] if state == "approved" else []
        )
        for action, after, days in steps:
            event = ApprovalEvent(
                approval_id=ids[c.pk], action=action, state_after=after, actor=actor
            )
            events.append(event)
            dated[day + dt.timedelta(days=days)].append(event)
    ApprovalEvent.objects.bulk_create(events, batch_size=1000)
    # `at` is stamped on insert (auto_now_add): date the events as the committee decided them.
    for day, group in dated.items():
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        ApprovalEvent.objects.filter(pk__in=[e.pk for e in group]).update(at=at)
    return len(rows)
