"""The upward report after the congresses: every figure, by level and by subordinate
organisation, each with the rows behind it.

`upward_report(root, term, on)` reads the facts (upward_facts.gather: a few
set-based queries) and folds them here in one pass. A figure is the list of
its rows (`Item`: a person, an election or a congress), so a number and its
drill-down can never disagree: the page shows `len(rows)` and the drill-down
lists the rows. Who counts as what is daihoi.rules.upward.

Approval: every committee figure counts the live published results, approved
or not; the report shows beside them how many committees and members are
approved (đã chuẩn y) and how many wait (chờ chuẩn y), and each row carries
its congress's approval state.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from django.utils import timezone

from daihoi.elections.models import ElectionKind
from daihoi.organizations.models import LEVEL_ORDER, Level, Organization
from daihoi.rules import upward as rules

from .upward_facts import Facts, Org, gather

APPROVED = "approved"


class Item(NamedTuple):
    """One row behind a number: who or what, where, and the election or congress it comes from."""

    name: str
    organization: str
    congress_id: int
    election_id: int | None = None
    detail: str = ""
    approval: str = "not_requested"


@dataclass
class Part:
    """One congress's rows by figure, and the ages of its new committee."""

    rows: dict[str, list[Item]] = field(default_factory=lambda: defaultdict(list))
    ages: list[int] = field(default_factory=list)


@dataclass
class Group:
    """The figures of one row of the report (a level, a subordinate organisation, the total):
    the parts of the congresses it holds, counted once when first asked."""

    key: str
    label: str
    org_id: int | None = None
    parts: list[Part] = field(default_factory=list)

    @cached_property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for part in self.parts:
            for figure, items in part.rows.items():
                out[figure] += len(items)
        return out

    def count(self, figure: str) -> int:
        return self.counts.get(figure, 0)

    @cached_property
    def rows(self) -> dict[str, list[Item]]:
        """Every figure's rows, in the order of the congresses (for the drill-down and files)."""
        out: dict[str, list[Item]] = defaultdict(list)
        for part in self.parts:
            for figure, items in part.rows.items():
                out[figure].extend(items)
        return out

    @cached_property
    def ages(self) -> list[int]:
        return [age for part in self.parts for age in part.ages]

    @property
    def average_age(self) -> Decimal | None:
        return rules.average_age(self.ages)


@dataclass
class Report:
    root: Org
    term: str
    on: dt.date
    total: Group
    levels: list[Group]
    children: list[Group]

    def groups(self) -> list[Group]:
        return [*self.levels, *self.children, self.total]

    def group(self, key: str) -> Group | None:
        return next((g for g in self.groups() if g.key == key), None)


def upward_report(root: Organization, term: str, on: dt.date | None = None) -> Report:
    on = on or timezone.localdate()
    facts = gather(root, term, on)
    total = Group("total", "Toàn đảng bộ")
    levels = {lv.value: Group(f"level:{lv.value}", str(lv.label)) for lv in LEVEL_ORDER}
    children = _child_groups(facts)
    by_congress = defaultdict(list)
    for election in facts.elections:
        by_congress[election["congress_id"]].append(election)
    for congress in facts.congresses:
        org = facts.orgs[congress["organization_id"]]
        part = Part()
        _fold_congress(facts, congress, org, by_congress[congress["id"]], part)
        for group in (total, levels[org.level], _child_of(children, facts.root, org)):
            group.parts.append(part)
    return Report(
        root=facts.root,
        term=term,
        on=on,
        total=total,
        levels=[g for g in levels.values() if g.count("congresses_total")],
        children=[g for g in children.values() if g.count("congresses_total")],
    )


def _child_groups(facts: Facts) -> dict[str, Group]:
    """One group per direct child of the root (its whole subtree), and one for the root's own
    congress, keyed by path prefix."""
    root = facts.root
    depth = root.path.count(".")
    out = {root.path: Group(f"org:{root.id}", f"{root.name} (cấp mình)", root.id)}
    for org in sorted(facts.orgs.values(), key=lambda o: o.path):
        if org.path.count(".") == depth + 1 and org.path.startswith(root.path):
            out[org.path] = Group(f"org:{org.id}", org.name, org.id)
    return out


def _child_of(children: dict[str, Group], root: Org, org: Org) -> Group:
    if org.path == root.path:
        return children[root.path]
    width = len(root.path) + org.path[len(root.path) :].index(".") + 1
    return children[org.path[:width]]


def _fold_congress(facts: Facts, congress: dict, org: Org, elections, part) -> None:
    state = facts.approval.get(congress["id"], "not_requested")
    here = Item(congress["name"], org.name, congress["id"], approval=state)
    held = congress["status"] == "held" and (
        congress["starts_on"] is None or congress["starts_on"] <= facts.on
    )
    part.rows["congresses_total"].append(here)
    if held:
        part.rows["congresses_held"].append(here)
    committee = [e for e in elections if e["kind"] == ElectionKind.COMMITTEE]
    if committee:
        figure = "committees_approved" if state == APPROVED else "committees_waiting"
        part.rows[figure].append(here)
        _fold_committee(facts, congress, org, committee, state, part)
    for e in elections:
        if e["kind"] == ElectionKind.SECRETARY:
            _fold_secretary(facts, congress, org, e, state, part)
        elif e["kind"] == ElectionKind.DELEGATES:
            _fold_delegates(congress, org, e, state, part)


def _elected_rows(facts: Facts, election: dict) -> list[dict]:
    names = set(election["published__data__elected"] or [])
    return [c for c in facts.candidates.get(election["id"], []) if c["full_name"] in names]


def _person(c: dict) -> rules.Person | None:
    if not c["member_id"]:
        return None
    return rules.Person(
        gender=c["member__gender"],
        birth_date=c["member__birth_date"],
        ethnicity=c["member__ethnicity"],
        education=c["member__education"],
        theory=c["member__political_theory"],
    )


def _holds_office(facts: Facts, org: Org, member_id, on: dt.date, secretary=False) -> bool:
    """A committee office (or the secretary's) of this organisation held on the congress's day
    according to the registry's posts."""
    test = rules.is_secretary_office if secretary else rules.is_committee_office
    return any(
        test(title) and started <= on and (ended is None or ended > on)
        for title, started, ended in facts.posts.get((org.id, member_id), ())
    )


def _standing_again(facts: Facts, congress: dict, org: Org, kind: str, member_id) -> bool:
    """Re-elected (or standing for re-election): the previous term's result of the same
    organisation where the registry has it, else its posts or the personnel plan's mark."""
    if not member_id:
        return False
    key = (org.id, kind)
    was = (member_id in facts.outgoing[key]) if key in facts.outgoing else None
    on = rules.reference_day(congress["starts_on"], facts.on)
    office = was is None and _holds_office(
        facts, org, member_id, on, secretary=kind == ElectionKind.SECRETARY
    )
    mark = facts.plan.get((congress["id"], member_id), {})
    if kind == ElectionKind.SECRETARY and mark.get("post") != "secretary":
        mark = {}  # a plan's "tái cử" speaks of the committee, unless the post is secretary
    return rules.is_re_elected(was, office, bool(mark.get("re_elected")))


def _fold_committee(facts, congress, org, rounds, state, part) -> None:
    first = rounds[0]
    on = rules.reference_day(congress["starts_on"], facts.on)
    elected_names: set[str] = set()
    for election in rounds:
        for c in _elected_rows(facts, election):
            elected_names.add(c["full_name"])
            _fold_member(facts, congress, org, election, c, state, on, part)
    listed = [c for c in facts.candidates.get(first["id"], []) if not c["withdrawn"]]
    where = Item(first["title"], org.name, congress["id"], first["id"], approval=state)
    # One row per seat or surplus name, each pointing at the first round's election.
    part.rows["seats_unfilled"] += [where] * rules.seats_unfilled(
        first["seats"], len(elected_names)
    )
    part.rows["surplus"] += [where] * rules.surplus(len(listed), first["seats"])
    seen = set(elected_names)  # a name on several rounds' lists is one person
    for election in rounds:
        for c in facts.candidates.get(election["id"], []):
            if c["full_name"] in seen or c["withdrawn"]:
                continue
            seen.add(c["full_name"])
            if _standing_again(facts, congress, org, ElectionKind.COMMITTEE, c["member_id"]):
                item = Item(c["full_name"], org.name, congress["id"], election["id"], "", state)
                part.rows["re_election_not_elected"].append(item)


def _fold_member(facts, congress, org, election, c, state, on, part) -> None:
    person = _person(c)
    again = _standing_again(facts, congress, org, ElectionKind.COMMITTEE, c["member_id"])
    age = rules.age_at(person.birth_date, on) if person else None
    detail = f"{age} tuổi" if age is not None else "không có hồ sơ đảng viên"
    item = Item(c["full_name"], org.name, congress["id"], election["id"], detail, state)
    part.rows["elected"].append(item)
    part.rows["elected_approved" if state == APPROVED else "elected_waiting"].append(item)
    part.rows["re_elected" if again else "first_time"].append(item)
    if person is None:
        part.rows["no_registry_record"].append(item)
        return
    part.ages.append(age)
    figures = [
        "degree_" + rules.group_of(person.education, rules.DEGREE_GROUPS),
        "theory_" + rules.group_of(person.theory, rules.THEORY_GROUPS),
    ]
    if rules.is_woman(person):
        figures.append("women")
    if rules.is_under_40(person, on):
        figures.append("under_40")
    if rules.is_ethnic_minority(person):
        figures.append("ethnic_minority")
    rows = part.rows
    for figure in figures:
        rows[figure].append(item)


def _fold_secretary(facts, congress, org, election, state, part) -> None:
    for c in _elected_rows(facts, election):
        item = Item(c["full_name"], org.name, congress["id"], election["id"], "", state)
        part.rows["secretaries"].append(item)
        if _standing_again(facts, congress, org, ElectionKind.SECRETARY, c["member_id"]):
            part.rows["secretaries_re_elected"].append(item)
        mark = facts.plan.get((congress["id"], c["member_id"])) if c["member_id"] else None
        if mark is not None and not mark["local"]:
            part.rows["secretaries_not_local"].append(item)
        # CT 35-CT/TW 2019, CT 45-CT/TW 2025: the congress itself elects the secretary
        # (no first meeting of the new committee holds the election).
        if election["sitting_id"] is None:
            part.rows["secretaries_direct"].append(item)


def _fold_delegates(congress, org, election, state, part) -> None:
    for name in election["published__data__elected"] or []:
        part.rows["delegates"].append(Item(name, org.name, congress["id"], election["id"]))
    for name in election["published__data__alternates_elected"] or []:
        part.rows["delegate_alternates"].append(
            Item(name, org.name, congress["id"], election["id"])
        )


LEVEL_LABELS = dict(Level.choices)
