"""Run every rule over a plan: turn loaded rows into the rules' plain facts, then collect findings.

No query here: ``selectors.load_plan_data`` loads everything first, so a plan of
300 candidates is checked with a handful of queries and pure Python.
"""

from dataclasses import dataclass

from daihoi.people.models import THEORY_RANK
from daihoi.rules.findings import Finding
from daihoi.rules.standards import Letter, Person, TermRules, check_person, term_rules
from daihoi.rules.structure import (
    Figures,
    Sizes,
    Targets,
    check_family_ties,
    check_sizes,
    check_structure,
    committee_figures,
)

from .models import Candidate, PersonnelPlan, ProposedPost
from .selectors import PlanData

PARTY_TITLES = ("Bí thư", "Phó Bí thư")
SEVERITY_ORDER = {"blocking": 0, "warning": 1, "info": 2}


def rules_of(plan: PersonnelPlan) -> TermRules:
    return term_rules(plan.congress.term)


def reference_of(plan: PersonnelPlan) -> tuple[int, int]:
    return plan.reference_month.year, plan.reference_month.month


def key_titles(candidate: Candidate) -> tuple[str, ...]:
    """Key titles the person would hold: current non-party key posts plus the proposed party title."""
    held = [
        p.title
        for p in candidate.member.posts.all()
        if p.key_post and not p.title.startswith(PARTY_TITLES)
    ]
    if candidate.post in (ProposedPost.SECRETARY, ProposedPost.DEPUTY_SECRETARY):
        held.insert(0, str(ProposedPost(candidate.post).label))
    return tuple(dict.fromkeys(held))


def to_person(candidate: Candidate, letters, grades=()) -> Person:
    member = candidate.member
    discipline = ()
    if candidate.discipline_kind and candidate.discipline_on:
        discipline = ((candidate.discipline_kind, candidate.discipline_on),)
    return Person(
        key=str(candidate.pk),
        name=member.full_name,
        gender=member.gender,
        birth_date=member.birth_date,
        birth_year_only=member.birth_year_only,
        ethnicity=member.ethnicity,
        theory_rank=THEORY_RANK.get(member.political_theory, 0),
        post=candidate.post,
        re_elected=candidate.re_elected,
        local=candidate.local,
        key_titles=key_titles(candidate),
        discipline=discipline,
        letters=tuple(
            Letter(x.received_on, x.resolved, x.anonymous, x.substantiated) for x in letters
        ),
        grades=tuple(grades),
    )


def targets_of(plan: PersonnelPlan, rules: TermRules) -> Targets:
    def share(value):
        return None if value is None else float(value) / 100

    return Targets.of_term(
        rules,
        plan.level_key,
        women=share(plan.women_target),
        youth=share(plan.youth_target),
        ethnic_minority=share(plan.ethnic_target),
        renewal=share(plan.renewal_target),
    )


def sizes_of(plan: PersonnelPlan) -> Sizes:
    return Sizes(
        committee=plan.committee_size,
        standing=plan.standing_size,
        deputies=plan.deputy_count,
        inspection=plan.inspection_size,
        previous_max=plan.previous_max_committee,
        merged_from=plan.merged_from,
    )


@dataclass
class Report:
    findings: list[dict]
    figures: Figures
    targets: Targets
    people: list[Person]


def evaluate(plan: PersonnelPlan, data: PlanData) -> Report:
    """Every rule over the plan: each person's standards, then sizes, structure and family ties."""
    rules, level, reference = rules_of(plan), plan.level_key, reference_of(plan)
    congress_on = plan.congress.starts_on
    people = [
        to_person(c, data.letters.get(c.member_id, ()), data.grades.get(c.member_id, ()))
        for c in data.candidates
    ]
    by_member = {c.member_id: str(c.pk) for c in data.candidates}
    rows: list[dict] = []
    for candidate, person in zip(data.candidates, people, strict=True):
        for finding in check_person(person, rules, level, reference, congress_on):
            rows.append(_row(finding, candidate.pk, data))
    figures = committee_figures(people, reference, rules.youth_age)
    targets = targets_of(plan, rules)
    ties = [
        (by_member[a], by_member[b]) for a, b, _ in data.ties if a in by_member and b in by_member
    ]
    # Family findings name their person; map the name back to the candidate for overrides.
    by_name = {p.name: int(p.key) for p in people}
    plan_level = [
        *check_sizes(sizes_of(plan), rules, level),
        *check_structure(figures, targets, rules),
    ]
    rows += [_row(f, None, data) for f in plan_level]
    for finding in check_family_ties(people, ties, rules):
        rows.append(_row(finding, by_name.get(finding.subject), data))
    rows.sort(key=lambda r: SEVERITY_ORDER[r["severity"]])
    return Report(rows, figures, targets, people)


def _row(finding: Finding, candidate_id: int | None, data: PlanData) -> dict:
    override = data.overrides.get((candidate_id, finding.code)) if candidate_id else None
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "citation": finding.citation,
        "message": finding.message,
        "subject": finding.subject,
        "candidate": candidate_id,
        "overridden": override is not None,
        "override_reason": override.reason if override else "",
    }


def figures_dict(figures: Figures) -> dict:
    return {k: getattr(figures, k) for k in Figures.__dataclass_fields__}
