"""Issue 15 point 8: a congress is marked held after its subordinates', or with a recorded exception."""

import datetime as dt

import pytest
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.congresses import tracking
from daihoi.congresses.bottom_up import LateException
from daihoi.congresses.models import Congress
from daihoi.congresses.services import create_congress
from daihoi.congresses.tracking import TrackingError

D = dt.date


@pytest.fixture
def district(tree, users):
    c = create_congress(users.east, tree.east, name="Đại hội huyện Đông", kind="delegates")
    return tracking.prepare_congress(users.east, c)


@pytest.fixture
def commune(tree, users):
    return create_congress(
        users.east, tree.east_commune, name="Đại hội xã Đông Hòa", kind="delegates"
    )


def test_it_refuses_to_mark_held_while_a_subordinate_congress_is_not(district, commune, users):
    with pytest.raises(TrackingError) as refused:
        tracking.hold_congress(users.east, district, D(2025, 6, 10))
    assert refused.value.code == "tracking.subordinates_not_held"
    assert "Đảng bộ xã Đông Hòa" in refused.value.message
    assert Congress.objects.get(pk=district.pk).status == "prepared"
    assert not AuditEntry.objects.filter(action="congress.hold").exists()


def test_an_exception_needs_the_decision_number_and_date(district, commune, users):
    with pytest.raises(TrackingError):
        tracking.hold_congress(
            users.east, district, D(2025, 6, 10), LateException("15-QĐ/TU", None)
        )
    late = LateException("15-QĐ/TU", D(2025, 6, 1), "Xã Đông Hòa tổ chức sau do sáp nhập")
    held = tracking.hold_congress(users.east, district, D(2025, 6, 10), late)
    assert held.status == "held"
    record = AuditEntry.objects.get(action="congress.hold").after["late_exception"]
    assert record["decision_number"] == "15-QĐ/TU" and record["decided_on"] == "2025-06-01"
    assert record["pending"] == [commune.pk]


def test_no_exception_is_needed_once_the_subordinates_are_held(district, commune, users):
    tracking.prepare_congress(users.east, commune)
    tracking.hold_congress(users.east, commune, D(2025, 5, 20))
    assert tracking.hold_congress(users.east, district, D(2025, 6, 10)).status == "held"


def test_the_tracking_page_lists_the_late_units_and_records_the_decision(
    client, district, commune, users
):
    client.force_login(users.east)
    page = client.get(reverse("reports:tracking", args=[district.pk]))
    assert "Đảng bộ xã Đông Hòa" in page.content.decode()
    url = reverse("reports:tracking_action", args=[district.pk, "hold"])
    client.post(url, {"held_on": "2025-06-10"})
    assert Congress.objects.get(pk=district.pk).status == "prepared"
    client.post(
        url,
        {
            "held_on": "2025-06-10",
            "late_decision_number": "15-QĐ/TU",
            "late_decided_on": "2025-06-01",
        },
    )
    assert Congress.objects.get(pk=district.pk).status == "held"
    page = client.get(reverse("reports:tracking", args=[district.pk])).content.decode()
    assert "Theo quyết định 15-QĐ/TU ngày 01/06/2025" in page
