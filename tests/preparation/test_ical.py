"""The calendar export: RFC 5545 line endings, folding, escaping, required properties, UIDs."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from daihoi.preparation import ical, plans, timeline
from daihoi.preparation.models import TaskStatus

STAMP = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)


def unfold(text: str) -> list[str]:
    """A reader's view (RFC 5545 3.1): join continuation lines, split on CRLF."""
    assert text.endswith("\r\n")
    body = text.replace("\r\n ", "").replace("\r\n\t", "")
    return body.split("\r\n")[:-1]


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"n": "\n", "N": "\n"}.get(value[i + 1], value[i + 1]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def test_text_values_escape_backslash_semicolon_comma_and_newlines():
    assert ical.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert ical.escape_text("giờ: 8:00") == "giờ: 8:00"  # colons stay as they are


def test_long_vietnamese_lines_fold_at_75_octets_without_splitting_a_letter():
    line = "SUMMARY:" + "Hoàn thành đại hội đảng bộ cấp cơ sở, ưu tiên đại hội điểm " * 4
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 2
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


@given(st.text(min_size=0, max_size=400))
def test_any_summary_survives_escape_fold_unfold_unescape(text):
    event = ical.Event(uid="task-1@daihoi", summary=text, start=dt.date(2025, 6, 30), stamp=STAMP)
    out = ical.calendar("Lịch", [event])
    assert all(len(line.encode("utf-8")) <= 75 for line in out.split("\r\n"))
    lines = unfold(out)
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert unescape(summary[len("SUMMARY:") :]) == expected


def test_the_calendar_has_the_required_properties_and_whole_day_events():
    event = ical.Event(uid="x@daihoi", summary="Mốc", start=dt.date(2025, 12, 31), stamp=STAMP)
    lines = unfold(ical.calendar("Kế hoạch, tỉnh A", [event]))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert "X-WR-CALNAME:Kế hoạch\\, tỉnh A" in lines
    assert "DTSTAMP:20250301T080000Z" in lines
    assert "DTSTART;VALUE=DATE:20251231" in lines
    assert "DTEND;VALUE=DATE:20260101" in lines  # the day after: DTEND is exclusive
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


def test_the_plan_calendar_keeps_its_uids_when_dates_move(plan, users, tree):
    task = plans.add_task(
        users.province,
        plan,
        title="Duyệt văn kiện, đề án nhân sự",
        due_on=dt.date(2025, 5, 20),
        owner_organization=tree.east,
    )
    today = dt.date(2025, 5, 1)
    first = unfold(timeline.calendar_text(plan, today))
    plans.move_task(users.province, task, dt.date(2025, 5, 27))
    plan.refresh_from_db()
    second = unfold(timeline.calendar_text(plan, today))
    uids = [line for line in first if line.startswith("UID:")]
    assert uids == [line for line in second if line.startswith("UID:")]
    assert f"UID:task-{task.pk}@daihoi" in uids
    assert f"UID:plan{plan.pk}-finish-grassroots@daihoi" in uids
    assert "DTSTART;VALUE=DATE:20250527" in second

    # The task's SEQUENCE went up, so calendar programs take the new date.
    def sequence(lines):
        at = lines.index(f"UID:task-{task.pk}@daihoi")
        return next(line for line in lines[at:] if line.startswith("SEQUENCE:"))

    assert sequence(first) != sequence(second)


def test_a_cancelled_task_is_exported_as_cancelled(plan, users, tree):
    task = plans.add_task(
        users.province,
        plan,
        title="Hội nghị",
        due_on=dt.date(2025, 5, 20),
        owner_organization=tree.west,
    )
    plans.report_task(users.province, task, status=TaskStatus.CANCELLED)
    lines = unfold(timeline.calendar_text(plan, dt.date(2025, 5, 1)))
    at = lines.index(f"UID:task-{task.pk}@daihoi")
    block = lines[at : lines.index("END:VEVENT", at)]
    assert "STATUS:CANCELLED" in block


def test_the_calendar_page_is_text_calendar(client, plan, users):
    client.force_login(users.east)  # a district reads the province's plan and its calendar
    response = client.get(f"/preparation/plans/{plan.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
