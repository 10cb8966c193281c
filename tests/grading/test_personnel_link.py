"""Grades feed personnel: a candidate graded "not completed" in 2024 is flagged for a 2025 congress."""

import datetime as dt

from daihoi.congresses.services import create_congress
from daihoi.personnel import services as personnel
from daihoi.rules.findings import Severity
from daihoi.rules.standards import TERM_2025, Person, check_person

from .conftest import C, G, N, sheet

D = dt.date


def test_the_plan_checks_flag_a_candidate_graded_not_completed_last_year(users, tree, cell, unit):
    from daihoi.grading import services

    services.save_grades(users.east, unit, sheet(cell, [G, G, C, G, N]))
    congress = create_congress(
        users.province,
        tree.east,
        name="Đại hội Đảng bộ huyện Đông",
        kind="delegates",
        starts_on=D(2025, 7, 20),
    )
    plan = personnel.create_plan(users.east, congress, committee_size=3)
    for member in (cell.members[1], cell.members[4]):
        personnel.add_candidate(users.east, plan, member)
    report = personnel.run_checks(users.east, plan)
    flagged = [f for f in report.findings if f["code"] == "grade_not_completed"]
    assert [f["subject"] for f in flagged] == ["Vũ Thị Mai"]
    assert flagged[0]["severity"] == "blocking" and "năm 2024" in flagged[0]["message"]


def test_check_person_reads_the_grade_facts():
    person = Person(
        key="1",
        name="Vũ Thị Mai",
        gender="female",
        birth_date=D(1980, 1, 1),
        theory_rank=3,
        grades=((2023, "good"), (2024, "not_completed")),
    )
    found = check_person(person, TERM_2025, "district", (2025, 6), D(2025, 7, 20))
    graded = [f for f in found if f.code == "grade_not_completed"]
    assert len(graded) == 1 and graded[0].severity is Severity.BLOCKING
    clean = Person(key="2", name="x", gender="male", birth_date=D(1980, 1, 1), theory_rank=3)
    later = check_person(clean, TERM_2025, "district", (2025, 6), D(2025, 7, 20))
    assert "grade_not_completed" not in [f.code for f in later]
