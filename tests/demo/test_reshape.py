"""`daihoi demo --shape 2025`: the 2020 province rearranged by dated decisions, both kept."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from daihoi.audit.services import verify_chain
from daihoi.demo.generator import build_demo
from daihoi.demo.reshape2025 import TWO_LEVEL_ON, AlreadyReshaped, reshape_2025
from daihoi.organizations import selectors
from daihoi.organizations.models import Organization, Restructuring
from daihoi.people.models import Member, MemberAssignment

from .conftest import SEED

EVE = TWO_LEVEL_ON - dt.timedelta(days=1)


@pytest.fixture
def reshaped(db):
    build_demo(SEED, small=True)
    counts = reshape_2025(SEED)
    return Organization.objects.get(code="99", parent__isnull=True), counts


def test_it_ends_the_district_level_and_hangs_communes_under_the_province(reshaped):
    province, counts = reshaped
    assert not Organization.objects.filter(level="district", kind="rural_district", active=True)
    for org in Organization.objects.filter(level="grassroots", active=True):
        assert org.parent == province or org.parent.code == "99.UBND", org
    localities = province.children.filter(kind__in=["commune", "ward", "township"], active=True)
    under = province.children.filter(level="grassroots", active=True).count()
    assert counts["grassroots_under_province"] == under and localities.count() >= 2
    assert counts["districts_closed"] == 2 and counts["new_grassroots"] >= 2


def test_it_keeps_the_2020_shape_the_day_before(reshaped):
    province, _counts = reshaped
    eve = {c.code: c for c in selectors.children_with_counts(province, as_of=EVE)}
    assert {"99.01", "99.02"} <= set(eve) and all(eve[c].active for c in ("99.01", "99.02"))
    after = {c.code: c for c in selectors.children_with_counts(province, as_of=TWO_LEVEL_ON)}
    assert not after["99.01"].active and after["99.01"].member_total == 0


def test_it_keeps_every_member_exactly_once_across_the_change(reshaped):
    province, _counts = reshaped
    total = Member.objects.filter(active=True).count()
    for day in (EVE, TWO_LEVEL_ON, None):
        assert selectors.member_count(province, as_of=day) == total
    doubles = (
        MemberAssignment.objects.filter(kind="official", valid_to__isnull=True)
        .values("member_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not doubles.exists()


def test_every_change_rests_on_a_decision_and_the_audit_chain_holds(reshaped):
    assert Restructuring.objects.filter(effective_on=TWO_LEVEL_ON).exists()
    assert not Restructuring.objects.filter(decision_number="").exists()
    assert verify_chain().ok


def test_it_refuses_to_reshape_twice(reshaped):
    with pytest.raises(AlreadyReshaped):
        reshape_2025(SEED)


def test_the_command_takes_the_shape_flag(db):
    out = StringIO()
    call_command("demo", "--small", "--seed", str(SEED), "--shape", "2025", stdout=out)
    assert "reshape_2025" in out.getvalue()
    assert Organization.objects.filter(code="99.UBND", active=True).exists()
