"""Official transfers and temporary attachments: counts on both sides and the congress base."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from daihoi.audit.models import AuditEntry
from daihoi.congresses.models import Congress
from daihoi.organizations import selectors
from daihoi.people import transfers
from daihoi.people.models import Member, MemberAssignment, Transfer
from daihoi.rules.tally import base_for_members_congress
from tests.conftest import make_member

ON = dt.date(2025, 9, 1)
DAY_BEFORE = ON - dt.timedelta(days=1)


def congress(org, kind="members", status="planned", summoned=None):
    full = selectors.member_count(org, status="full")
    return Congress.objects.create(
        organization=org,
        name=f"Đại hội {org.name}",
        kind=kind,
        status=status,
        summoned=full if summoned is None else summoned,
    )


def base(c: Congress) -> int:
    c.refresh_from_db()
    return base_for_members_congress(c.summoned, attached_elsewhere=c.excluded_attached_elsewhere)


@pytest.fixture
def congresses(tree, members):
    return {
        "east_commune": congress(tree.east_commune),  # 3 full members
        "east_cell": congress(tree.east_cells[0]),  # An, Bình
        "east_district": congress(tree.east, kind="delegates", summoned=120),
        "west_commune": congress(tree.west_commune),  # 2
        "west_cell_held": congress(tree.west_cells[0], status="held"),
    }


def test_an_official_transfer_moves_the_member_and_both_counts(tree, members, congresses):
    transfers.transfer_member(
        None, members.an, tree.west_cells[1], on=ON, letter_number="15-GGT/ĐU"
    )
    members.an.refresh_from_db()
    assert members.an.organization == tree.west_cells[1]
    assert selectors.member_count(tree.east) == 2 and selectors.member_count(tree.west) == 3
    assert selectors.member_count(tree.east, as_of=DAY_BEFORE) == 3
    assert selectors.member_count(tree.east, as_of=ON) == 2
    rows = list(
        members.an.assignments.order_by("valid_from").values_list(
            "organization_id", "valid_to", "reference"
        )
    )
    assert rows == [
        (tree.east_cells[0].pk, ON, ""),
        (tree.west_cells[1].pk, None, "15-GGT/ĐU"),
    ]


def test_an_official_transfer_updates_the_open_congresses_it_crosses(tree, members, congresses):
    transfers.transfer_member(None, members.an, tree.west_cells[1], on=ON, letter_number="15")
    assert base(congresses["east_commune"]) == 2 and base(congresses["east_cell"]) == 1
    assert base(congresses["west_commune"]) == 3
    assert Congress.objects.get(pk=congresses["east_district"].pk).summoned == 120
    assert Congress.objects.get(pk=congresses["west_cell_held"].pk).summoned == 2
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-4:] == ["congress.base", "congress.base", "congress.base", "member.transfer"]


def test_a_transfer_between_cells_of_one_commune_leaves_the_communes_base(
    tree, members, congresses
):
    transfers.transfer_member(None, members.an, tree.east_cells[1], on=ON, letter_number="16")
    assert base(congresses["east_commune"]) == 3 and base(congresses["east_cell"]) == 1


def test_a_temporary_attachment_takes_the_member_out_of_the_origins_base(tree, members, congresses):
    transfers.attach_temporarily(
        None,
        members.binh,
        tree.west_cells[0],
        on=ON,
        letter_number="7-GGT",
        until=dt.date(2026, 3, 1),
    )
    members.binh.refresh_from_db()
    assert members.binh.status == "attached_temporarily"
    assert members.binh.organization == tree.east_cells[0]  # still on the origin's roll
    assert selectors.member_count(tree.east) == 3 and selectors.member_count(tree.west) == 2
    assert base(congresses["east_commune"]) == 2 and base(congresses["east_cell"]) == 1
    assert base(congresses["west_commune"]) == 2
    host = MemberAssignment.objects.get(member=members.binh, kind="temporary")
    assert (host.organization, host.valid_from, host.valid_to) == (tree.west_cells[0], ON, None)


def test_the_end_of_an_attachment_puts_the_member_back_in_the_base(tree, members, congresses):
    transfers.attach_temporarily(None, members.binh, tree.west_cells[0], on=ON, letter_number="7")
    transfers.end_temporary_attachment(None, members.binh, on=ON + dt.timedelta(days=40))
    members.binh.refresh_from_db()
    assert members.binh.status == "full"
    assert base(congresses["east_commune"]) == 3
    transfer = Transfer.objects.get(member=members.binh)
    assert transfer.ended_on == ON + dt.timedelta(days=40) and transfer.kind == "temporary"


def test_a_probationary_member_moves_without_touching_any_base(tree, congresses):
    new = make_member(
        tree.east_cells[0],
        "M090",
        given="Tú",
        status="probationary",
        full_member_on=None,
        admitted_on=dt.date(2025, 1, 10),
    )
    transfers.transfer_member(None, new, tree.west_cells[0], on=ON, letter_number="17")
    assert base(congresses["east_commune"]) == 3 and base(congresses["west_commune"]) == 2


def test_an_attached_member_transferred_officially_ends_the_attachment_first(
    tree, members, congresses
):
    transfers.attach_temporarily(None, members.binh, tree.west_cells[0], on=ON, letter_number="7")
    later = ON + dt.timedelta(days=10)
    transfers.transfer_member(None, members.binh, tree.west_cells[0], on=later, letter_number="8")
    members.binh.refresh_from_db()
    assert members.binh.status == "full" and members.binh.organization == tree.west_cells[0]
    assert not MemberAssignment.objects.filter(
        member=members.binh, valid_to__isnull=True, kind="temporary"
    ).exists()
    c = Congress.objects.get(pk=congresses["east_commune"].pk)
    assert (c.summoned, c.excluded_attached_elsewhere) == (2, 0)
    assert base(congresses["west_commune"]) == 3


@pytest.mark.parametrize(
    "destination, changes, field",
    [
        (lambda t: t.west, {}, "destination"),
        (lambda t: t.east_cells[0], {}, "destination"),
        (lambda t: t.west_cells[0], {"on": dt.date.today() + dt.timedelta(days=1)}, "on"),
        (lambda t: t.west_cells[0], {"on": dt.date(1999, 1, 1)}, "on"),
        (lambda t: t.west_cells[0], {"letter_number": "  "}, "letter_number"),
    ],
    ids=["district", "same-cell", "future", "before-admission-history", "no-letter"],
)
def test_it_refuses_a_bad_transfer_and_writes_nothing(
    tree, members, congresses, destination, changes, field
):
    kwargs = {"on": ON, "letter_number": "15", **changes}
    count = (Transfer.objects.count(), MemberAssignment.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as error:
        transfers.transfer_member(None, members.an, destination(tree), **kwargs)
    assert field in error.value.message_dict
    assert count == (
        Transfer.objects.count(),
        MemberAssignment.objects.count(),
        AuditEntry.objects.count(),
    )
    assert Member.objects.get(pk=members.an.pk).organization == tree.east_cells[0]


def test_a_failure_inside_a_transfer_leaves_nothing_behind(tree, members, congresses, monkeypatch):
    from daihoi.people import transfer_hooks

    def broken(*args, **kwargs):
        raise RuntimeError("lost connection")

    # The congress wing's answer (congresses/member_base.py) fails inside the transfer.
    monkeypatch.setattr(transfer_hooks.official_transfer, "answer", broken)
    with pytest.raises(RuntimeError):
        transfers.transfer_member(None, members.an, tree.west_cells[1], on=ON, letter_number="15")
    assert Member.objects.get(pk=members.an.pk).organization == tree.east_cells[0]
    assert not Transfer.objects.exists()
    assert not MemberAssignment.objects.filter(valid_to__isnull=False).exists()
    assert base(congresses["east_commune"]) == 3
