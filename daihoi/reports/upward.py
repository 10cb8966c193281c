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

from django.utils import timezone

from daihoi.elections.models import ElectionKind
from daihoi.organizations.models import LEVEL_ORDER, Level, Organization
from daihoi.rules import upward as rules

from .upward_facts import Facts, Org, gather

APPROVED = "approved"


@dataclass(frozen=True)
class Item:
    """One row behind a number: who or what, where, and the election or congress it comes from."""

    name: str
    organization: str
    congress_id: int
    election_id: int | None = None
    detail: str = ""
    approval: str = "not_requested"


@dataclass
class Group:
    """The figures of one row of the report (a level, a subordinate organisation, the total)."""

    key: str
    label: str
    org_id: int | None = None
    rows: dict[str, list[Item]] = field(default_factory=lambda: defaultdict(list))
    ages: list[int] = field(default_factory=list)

    def count(self, figure: str) -> int:
        return len(self.rows.get(figure, ()))

    @property
    def average_age(self) -> Decimal | None:
        return rules.average_age(self.ages)

    def add(self, figure: str, item: Item) -> None:
        self.rows[figure].append(item)


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
        targets = [total, levels[org.level], _child_of(children, facts.root, org)]
        _fold_congress(facts, congress, org, by_congress[congress["id"]], targets)
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


def _fold_congress(facts: Facts, congress: dict, org: Org, elections, targets) -> None:
    state = facts.approval.get(congress["id"], "not_requested")
    here = Item(congress["name"], org.name, congress["id"], approval=state)
    held = congress["status"] == "held" and (
        congress["starts_on"] is None or congress["starts_on"] <= facts.on
    )
    _add(targets, "congresses_total", here)
    if held:
        _add(targets, "congresses_held", here)
    committee = [e for e in elections if e["kind"] == ElectionKind.COMMITTEE]
    if committee:
        figure = "committees_approved" if state == APPROVED else "committees_waiting"
        _add(targets, figure, here)
        _fold_committee(facts, congress, org, committee, state, targets)
    for e in elections:
        if e["kind"] == ElectionKind.SECRETARY:
            _fold_secretary(facts, congress, org, e, state, targets)
        elif e["kind"] == ElectionKind.DELEGATES:
            _fold_delegates(congress, org, e, state, targets)


def _add(targets: list[Group], figure: str, item: Item) -> None:
    for group in targets:
        group.add(figure, item)


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


def _standing_again(facts: Facts, congress: dict, org: Org, kind: str, member_id) -> bool:
    """Re-elected (or standing for re-election): the previous term's result of the same
    organisation where the registry has it, else the personnel plan's mark."""
    key = (org.id, kind)
    known = key in facts.outgoing
    was = member_id in facts.outgoing[key] if known and member_id else (False if known else None)
    mark = facts.plan.get((congress["id"], member_id), {}) if member_id else {}
    return rules.is_re_elected(was, bool(mark.get("re_elected")))


def _fold_committee(facts, congress, org, rounds, state, targets) -> None:
    first = rounds[0]
    on = rules.reference_day(congress["starts_on"], facts.on)
    elected_names: set[str] = set()
    for election in rounds:
        for c in _elected_rows(facts, election):
            elected_names.add(c["full_name"])
            _fold_member(facts, congress, org, election, c, state, on, targets)
    listed = [c for c in facts.candidates.get(first["id"], []) if not c["withdrawn"]]
    where = Item(first["title"], org.name, congress["id"], first["id"], approval=state)
    for _ in range(rules.seats_unfilled(first["seats"], len(elected_names))):
        _add(targets, "seats_unfilled", where)
    for _ in range(rules.surplus(len(listed), first["seats"])):
        _add(targets, "surplus", where)
    seen = set(elected_names)  # a name on several rounds' lists is one person
    for election in rounds:
        for c in facts.candidates.get(election["id"], []):
            if c["full_name"] in seen or c["withdrawn"]:
                continue
            seen.add(c["full_name"])
            if _standing_again(facts, congress, org, ElectionKind.COMMITTEE, c["member_id"]):
                item = Item(c["full_name"], org.name, congress["id"], election["id"], "", state)
                _add(targets, "re_election_not_elected", item)


def _fold_member(facts, congress, org, election, c, state, on, targets) -> None:
    person = _person(c)
    again = _standing_again(facts, congress, org, ElectionKind.COMMITTEE, c["member_id"])
    age = rules.age_at(person.birth_date, on) if person else None
    detail = f"{age} tuổi" if age is not None else "không có hồ sơ đảng viên"
    item = Item(c["full_name"], org.name, congress["id"], election["id"], detail, state)
    _add(targets, "elected", item)
    _add(targets, "elected_approved" if state == APPROVED else "elected_waiting", item)
    _add(targets, "re_elected" if again else "first_time", item)
    if person is None:
        _add(targets, "no_registry_record", item)
        return
    for group in targets:
        group.ages.append(age)
    checks = {
        "women": rules.is_woman(person),
        "under_40": rules.is_under_40(person, on),
        "ethnic_minority": rules.is_ethnic_minority(person),
    }
    for figure, yes in checks.items():
        if yes:
            _add(targets, figure, item)
    _add(targets, "degree_" + rules.group_of(person.education, rules.DEGREE_GROUPS), item)
    _add(targets, "theory_" + rules.group_of(person.theory, rules.THEORY_GROUPS), item)


def _fold_secretary(facts, congress, org, election, state, targets) -> None:
    for c in _elected_rows(facts, election):
        item = Item(c["full_name"], org.name, congress["id"], election["id"], "", state)
        _add(targets, "secretaries", item)
        if _standing_again(facts, congress, org, ElectionKind.SECRETARY, c["member_id"]):
            _add(targets, "secretaries_re_elected", item)
        mark = facts.plan.get((congress["id"], c["member_id"])) if c["member_id"] else None
        if mark is not None and not mark["local"]:
            _add(targets, "secretaries_not_local", item)
        # CT 35-CT/TW 2019, CT 45-CT/TW 2025: the congress itself elects the secretary
        # (no first meeting of the new committee holds the election).
        if election["sitting_id"] is None:
            _add(targets, "secretaries_direct", item)


def _fold_delegates(congress, org, election, state, targets) -> None:
    for name in election["published__data__elected"] or []:
        _add(targets, "delegates", Item(name, org.name, congress["id"], election["id"]))
    for name in election["published__data__alternates_elected"] or []:
        _add(targets, "delegate_alternates", Item(name, org.name, congress["id"], election["id"]))


LEVEL_LABELS = dict(Level.choices)
