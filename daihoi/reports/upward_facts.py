"""The facts behind the upward report, read in a handful of set-based queries.

As of a day: the tree as it stood that day (organisation versions), the term's
congresses of that subtree, their elections published by the end of that day
and not annulled by then, each approval's state on that day (its last event),
the candidates of the committee and secretary lists with their registry
records, the previous term's committees of the same organisations (who is
re-elected) and the personnel plans' marks. Nothing here counts: upward.py
folds these rows with daihoi.rules.upward.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from daihoi.approvals.models import ApprovalEvent
from daihoi.congresses.models import Congress
from daihoi.elections.models import Candidate, Election, ElectionKind, ElectionStatus
from daihoi.organizations import history
from daihoi.organizations.models import Organization
from daihoi.people.models import Post
from daihoi.personnel.models import Candidate as PlanCandidate
from daihoi.rules import upward as rules

LIST_KINDS = (ElectionKind.COMMITTEE, ElectionKind.SECRETARY)
MEMBER_FIELDS = ("gender", "birth_date", "ethnicity", "education", "political_theory")


@dataclass(frozen=True)
class Org:
    id: int
    path: str
    level: str
    name: str


@dataclass
class Facts:
    root: Org
    on: dt.date
    term: str
    orgs: dict[int, Org]
    congresses: list[dict]
    elections: list[dict]
    candidates: dict[int, list[dict]]  # election id → its list
    approval: dict[int, str]  # congress id → state on the day
    outgoing: dict[tuple[int, str], set[int]]  # (organisation, kind) → member ids last term
    plan: dict[tuple[int, int], dict] = field(default_factory=dict)  # (congress, member) → marks
    # (organisation, member) → the registry's committee posts there: (title, from, to or None)
    posts: dict[tuple[int, int], list[tuple]] = field(default_factory=dict)


def previous_term(term: str) -> str:
    """ "2025-2030" → "2020-2025"."""
    start, end = (int(x) for x in term.split("-"))
    return f"{2 * start - end}-{start}"


def tree_on(root: Organization, on: dt.date) -> dict[int, Org]:
    """Every organisation of root's subtree as it stood on `on` (today: the rows themselves)."""
    if history.is_current(on):
        rows = Organization.objects.filter(path__startswith=root.path)
        values = rows.values_list("id", "path", "level", "name")
    else:
        path = history.path_on(root.pk, on)
        if path is None:
            return {}
        rows = history.versions_on(on).filter(path__startswith=path)
        values = rows.values_list("organization_id", "path", "level", "name")
    return {pk: Org(pk, path, level, name) for pk, path, level, name in values}


def _day_end(on: dt.date) -> dt.datetime:
    """The first instant after `on` in the project's time zone (published_at is aware)."""
    start = dt.datetime.combine(on + dt.timedelta(days=1), dt.time())
    return timezone.make_aware(start)


def _subtree_ids(root: Organization, on: dt.date):
    """The subtree's organisation ids on `on`, as a subquery (never a long IN list)."""
    if history.is_current(on):
        return Organization.objects.filter(path__startswith=root.path).values("id")
    path = history.path_on(root.pk, on) or "-"  # "-" matches no path
    return history.versions_on(on).filter(path__startswith=path).values("organization_id")


def gather(root: Organization, term: str, on: dt.date) -> Facts:
    orgs = tree_on(root, on)
    top = orgs.get(root.pk) or Org(root.pk, root.path, root.level, root.name)
    in_tree = Congress.objects.filter(term=term, organization_id__in=_subtree_ids(root, on))
    congresses = list(
        in_tree.order_by("organization__path").values(
            "id", "organization_id", "status", "starts_on", "name"
        )
    )
    live = _live(Q(congress__in=in_tree.values("id")), on)
    facts = Facts(
        root=top,
        on=on,
        term=term,
        orgs=orgs,
        congresses=congresses,
        elections=_elections(live),
        candidates=_candidates(live.filter(kind__in=LIST_KINDS)),
        approval=_approval_states(in_tree.values("id"), on),
        outgoing=_outgoing(_subtree_ids(root, on), previous_term(term), on),
    )
    facts.plan = _plan_marks(in_tree.values("id"))
    facts.posts = _committee_posts(_subtree_ids(root, on))
    return facts


def _live(where: Q, on: dt.date):
    """Elections published by the end of `on` and not annulled by then."""
    annulled = Q(annulment__isnull=False, annulment__decided_on__lte=on)
    return (
        Election.objects.filter(where, status=ElectionStatus.PUBLISHED)
        .filter(published__published_at__lt=_day_end(on))
        .exclude(annulled)
    )


def _elections(live) -> list[dict]:
    """The elected names read from the published result in SQL (only that key of the JSON
    leaves the database; the alternates' key only for the delegates' elections)."""
    fields = ("id", "congress_id", "congress__organization_id", "kind", "title", "seats")
    rows = list(
        live.order_by("congress_id", "round", "id").values(
            *fields, "round", "sitting_id", "published__data__elected"
        )
    )
    alternates = dict(
        live.filter(kind=ElectionKind.DELEGATES)
        .order_by()
        .values_list("id", "published__data__alternates_elected")
    )
    for row in rows:
        row["published__data__alternates_elected"] = alternates.get(row["id"])
    return rows


def _candidates(elections) -> dict[int, list[dict]]:
    fields = [f"member__{f}" for f in MEMBER_FIELDS]
    rows = Candidate.objects.filter(election__in=elections.values("id")).values(
        "election_id", "full_name", "member_id", "withdrawn", *fields
    )
    out: dict[int, list[dict]] = defaultdict(list)
    for row in rows.order_by("election_id", "position", "id"):
        out[row["election_id"]].append(row)
    return out


def _approval_states(congress_ids, on: dt.date) -> dict[int, str]:
    """Each congress's approval state on `on`: the state after its last event by then."""
    events = (
        ApprovalEvent.objects.filter(approval__congress_id__in=congress_ids, at__lt=_day_end(on))
        .order_by("approval_id", "at", "id")
        .values_list("approval__congress_id", "state_after")
    )
    return dict(events)  # later events overwrite earlier ones


def _outgoing(org_ids, term: str, on: dt.date) -> dict[tuple[int, str], set[int]]:
    """The members the previous term's congresses of these organisations elected (committee,
    secretary), by registry link: who counts as re-elected."""
    where = Q(congress__organization_id__in=org_ids, congress__term=term, kind__in=LIST_KINDS)
    live = _live(where, on)
    elections = _elections(live)
    lists = _candidates(live)
    out: dict[tuple[int, str], set[int]] = defaultdict(set)
    for e in elections:
        key = (e["congress__organization_id"], e["kind"])
        names = set(e["published__data__elected"] or [])
        out[key] |= {
            c["member_id"]
            for c in lists.get(e["id"], [])
            if c["member_id"] and c["full_name"] in names
        }
    return out


def _plan_marks(congress_ids) -> dict[tuple[int, int], dict]:
    """The personnel plans' "tái cử" and "người địa phương" marks and proposed posts."""
    rows = PlanCandidate.objects.filter(plan__congress_id__in=congress_ids).values(
        "plan__congress_id", "member_id", "re_elected", "local", "post"
    )
    return {(r["plan__congress_id"], r["member_id"]): r for r in rows}


def _committee_posts(org_ids) -> dict[tuple[int, int], list[tuple]]:
    """The registry's posts held in these organisations that are committee offices (who sat
    on the outgoing committee, where no previous result is on record)."""
    rows = Post.objects.filter(organization_id__in=org_ids).values_list(
        "organization_id", "member_id", "title", "started_on", "ended_on"
    )
    out: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for org_id, member_id, title, started, ended in rows.order_by():
        if rules.is_committee_office(title):
            out[(org_id, member_id)].append((title, started, ended))
    return out
