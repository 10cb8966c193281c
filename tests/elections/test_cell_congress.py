"""Cell congresses elect their secretary directly, against the congress's base (issue 15, point 4)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import lists, results, sittings
from daihoi.elections.models import Election
from tests.documents.pdftools import pdf_text
from tests.elections.conftest import name_the_signers
from tests.elections.test_sittings import elect


def cell_congress(users, org, members: int, rules: str = "2024", **extra):
    c = create_congress(
        users.east, org, name=f"Đại hội {org.name}", kind="members", rules_version=rules, **extra
    )
    return update_attendance(users.east, c, summoned=members, present=members)


@pytest.fixture
def congress(tree, users):
    """Overrides the shared fixture: a 7-member cell (its counting team is made on it)."""
    return cell_congress(users, tree.east_cells[0], 7)


@pytest.mark.parametrize("rules", ["2014", "2024"])
def test_a_seven_member_cell_elects_its_secretary_with_the_congress_base(tree, users, rules):
    congress = cell_congress(users, tree.east_cells[0], 7, rules)
    secretary = lists.create_election(
        users.east, congress, kind="secretary", title="Bầu Bí thư", seats=1
    )
    assert secretary.sitting is None
    assert results.base_explained(secretary) == (7, [("Đảng viên chính thức", 7)])
    with pytest.raises(ValidationError, match="không bầu chi ủy"):
        lists.create_election(users.east, congress, kind="committee", title="Bầu chi ủy", seats=3)
    with pytest.raises(ValidationError, match="Chi bộ không bầu ban thường vụ"):
        lists.create_election(users.east, congress, kind="standing_committee", title="x", seats=3)
    with pytest.raises(ValidationError, match="một phó bí thư"):
        lists.create_election(users.east, congress, kind="deputy_secretary", title="x", seats=2)
    with pytest.raises(ValidationError, match="không họp hội nghị chi ủy"):
        sittings.open_first_meeting(users.east, congress)
    assert Election.objects.count() == 1


def test_a_larger_cell_elects_its_chi_uy_then_its_secretary_at_the_congress(tree, users):
    congress = cell_congress(users, tree.east_cells[1], 12, "2014")
    lists.create_election(users.east, congress, kind="committee", title="Bầu chi ủy", seats=3)
    secretary = lists.create_election(
        users.east, congress, kind="secretary", title="Bầu Bí thư", seats=1
    )
    assert results.base_explained(secretary)[0] == 12


def test_a_pilot_congress_elects_its_secretary_directly_with_its_own_base(tree, users):
    congress = create_congress(
        users.east,
        tree.east_commune,
        name="Đại hội điểm xã Đông Hòa",
        kind="delegates",
        secretary_elected_directly=True,
    )
    congress = update_attendance(users.east, congress, summoned=150, present=148)
    secretary = lists.create_election(
        users.east, congress, kind="secretary", title="Bầu Bí thư", seats=1
    )
    assert results.base_explained(secretary)[0] == 150
    with pytest.raises(ValidationError, match="hội nghị lần thứ nhất"):
        lists.create_election(users.east, congress, kind="deputy_secretary", title="x", seats=2)


def test_the_cells_minutes_print_the_congress_figures(client, congress, users, counting):
    secretary = elect(
        users.east,
        congress,
        counting,
        kind="secretary",
        seats=1,
        candidates=["Nguyễn Văn An"],
        ballots=[{"marks": {"1": "agree"}}] * 6 + [{"marks": {"1": "disagree"}}],
        issued=7,
    )
    data = results.publish_result(users.east, secretary).data
    assert data["elected"] == ["Nguyễn Văn An"] and data["base"] == 7
    name_the_signers(congress)
    client.force_login(users.east)
    text = " ".join(
        pdf_text(client.get(reverse("elections:minutes_pdf", args=[secretary.pk])).content).split()
    )
    assert "Số đảng viên được triệu tập: 7" in text
    assert "cấp ủy viên được triệu tập" not in text
