"""iCalendar (RFC 5545) text for a plan's milestones and tasks, written by hand (pure).

What the RFC asks and this module does:
- lines end with CRLF (3.1); a content line longer than 75 octets is folded
  by a CRLF and one space, never inside a UTF-8 character (3.1);
- TEXT values escape backslash, semicolon, comma and newline (3.3.11);
- each VEVENT carries UID and DTSTAMP (3.6.1); whole-day events use
  ``VALUE=DATE`` with DTEND the day after (3.6.1, 3.8.2.2);
- DTSTAMP is in UTC (3.8.7.2).
UIDs are stable ("<kind>-<id>@daihoi"): exporting again after a date changes
updates the same event in a calendar program instead of adding another one;
SEQUENCE carries the plan's version so that programs accept the change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

CRLF = "\r\n"
LIMIT = 75  # octets per line, the line break excluded
PRODID = "-//daihoi//Chuan bi dai hoi//VI"
UID_DOMAIN = "daihoi"


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: dt.date
    stamp: dt.datetime  # when the event last changed; must be timezone-aware
    description: str = ""
    categories: tuple[str, ...] = ()
    url: str = ""
    status: str = ""  # "CONFIRMED", "TENTATIVE" or "CANCELLED"
    sequence: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def uid(kind: str, pk: int | str) -> str:
    return f"{kind}-{pk}@{UID_DOMAIN}"


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11: backslash first, then ; , and newlines (CRLF, CR or LF → \\n)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line at 75 octets; continuation lines start with a space (counted)."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LIMIT:
            out.append(current)
            current, size = " ", 1  # the leading space of a continuation line is an octet
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("DTSTAMP needs a timezone-aware datetime")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def event_lines(event: Event) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"LAST-MODIFIED:{_utc(event.stamp)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTART;VALUE=DATE:{_date(event.start)}",
        f"DTEND;VALUE=DATE:{_date(event.start + dt.timedelta(days=1))}",
        f"SUMMARY:{escape_text(event.summary)}",
        "TRANSP:TRANSPARENT",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    if event.status:
        lines.append(f"STATUS:{event.status}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines += [f"{name}:{escape_text(value)}" for name, value in event.extra.items()]
    lines.append("END:VEVENT")
    return lines


def calendar(name: str, events: Iterable[Event]) -> str:
    """The whole VCALENDAR object, folded, with CRLF after every line (the last one too)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for event in events:
        lines += event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
