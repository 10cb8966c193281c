"""The base comes from one place, says where from, and changes only by an audited action
(issue 19, "One figure per fact")."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.congresses.base import congress_figures
from daihoi.congresses.services import update_attendance
from daihoi.delegates import attendance


def refreshed(congress):
    congress.refresh_from_db()
    return congress


def test_check_in_never_silently_rewrites_typed_figures(congress, hall, users):
    """The provincial case: base typed as 250; the roster's first check-in rewrote it."""
    update_attendance(users.province, congress, summoned=250, present=240)
    attendance.check_in(users.province, congress, str(hall.chief.number))
    c = refreshed(congress)
    assert (c.summoned, c.present, c.base_source) == (250, 240, "typed")
    assert congress_figures(c).base == 250
    assert not AuditEntry.objects.filter(action="congress.base_source").exists()


def test_switching_to_the_roster_is_audited_and_writes_the_roster_figures(congress, hall, users):
    update_attendance(users.province, congress, summoned=250, present=240)
    attendance.check_in(users.province, congress, str(hall.chief.number))
    with pytest.raises(ValidationError):
        attendance.use_roster_for_base(users.province, congress, "  ")
    attendance.use_roster_for_base(users.province, congress, "Dùng số điểm danh tại hội trường")
    c = refreshed(congress)
    assert (c.summoned, c.present, c.base_source) == (7, 1, "roster")
    entry = AuditEntry.objects.get(action="congress.base_source")
    assert (entry.before, entry.after) == ({"base_source": "typed"}, {"base_source": "roster"})
    assert entry.summary == "Dùng số điểm danh tại hội trường"


def test_a_congress_with_nothing_typed_takes_the_roster_at_first_check_in_audited(
    congress, hall, users
):
    attendance.check_in(users.province, congress, str(hall.chief.number))
    assert refreshed(congress).base_source == "roster"
    assert AuditEntry.objects.filter(action="congress.base_source").count() == 1


def test_while_the_roster_counts_typing_its_figures_is_refused(congress, hall, users):
    attendance.check_in(users.province, congress, str(hall.chief.number))
    with pytest.raises(ValidationError, match="đang lấy từ danh sách đại biểu"):
        update_attendance(users.province, congress, summoned=250)


def test_the_congress_and_delegates_pages_show_the_same_base_and_its_source(
    client, congress, hall, users
):
    update_attendance(users.province, congress, summoned=250, present=240)
    attendance.check_in(users.province, congress, str(hall.chief.number))
    client.force_login(users.province)
    congress_page = client.get(reverse("congresses:detail", args=[congress.pk])).text
    delegates_page = client.get(reverse("delegates:overview", args=[congress.pk])).text
    assert 'data-base="250"' in delegates_page
    assert "ít nhất 126 phiếu" in congress_page
    assert "Nhập tay" in congress_page and "Nhập tay" in delegates_page
    assert "danh sách đại biểu cho" in delegates_page  # the roster's own figure, named as such
