"""The printed programme (PDF and Word) and the show-of-hands section of the congress minutes."""

from __future__ import annotations

import datetime as dt

from daihoi.documents import docx as word
from daihoi.documents.common import (
    Grid,
    Heading,
    Para,
    PartyHeader,
    date_line,
    vn_percent,
)
from daihoi.documents.pdf import build_pdf, flowables, frame_width, party_header

from .models import Session

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def day_words(day: dt.date, at: dt.time | None = None) -> str:
    """ "Sáng Thứ Năm, ngày 09/10/2025" (buổi from the time when given)."""
    part = ""
    if at is not None:
        part = "Sáng " if at.hour < 12 else ("Chiều " if at.hour < 18 else "Tối ")
    weekday = WEEKDAYS[day.weekday()]
    return f"{part}{weekday if not part else weekday.lower()}, ngày {day:%d/%m/%Y}"


def _header(congress, on: dt.date, number: str) -> PartyHeader:
    org = congress.organization
    superior = org.parent.name if org.parent_id else ""
    return PartyHeader(superior, f"Ban Chấp hành {org.name}", date_line("", on), number=number)


def _when(item) -> str:
    return item.starts_at.strftime("%H:%M") if item.starts_at else ""


def _what(item) -> str:
    text = item.title
    if item.draft_id:
        text += f" (tài liệu: {item.draft.title})"
    return text


def programme_blocks(congress, sessions: list[Session]) -> list:
    out = [
        Para("**CHƯƠNG TRÌNH**", "centre", 2),
        Para(f"**{congress.name}**", "centre"),
    ]
    if congress.venue:
        out.append(Para(f"Địa điểm: {congress.venue}", "centre"))
    for session in sessions:
        head = f"{session.get_kind_display().upper()} — {day_words(session.day, session.starts_at)}"
        out.append(Heading(f"{head}, {session.starts_at:%H:%M}"))
        if session.venue and session.venue != congress.venue:
            out.append(Para(f"Địa điểm: {session.venue}", "left", -1))
        rows = tuple((_when(item), _what(item), item.speaker or "") for item in session.items.all())
        if rows:
            out.append(
                Grid(
                    ("Thời gian", "Nội dung", "Người thực hiện"),
                    rows,
                    (22, 100, 48),
                    ("CENTER", "LEFT", "LEFT"),
                )
            )
    return out


def programme_pdf(congress, sessions: list[Session], on: dt.date) -> bytes:
    story = [party_header(_header(congress, on, ""), frame_width())]
    story += flowables(programme_blocks(congress, sessions))
    return build_pdf(story, title=f"Chương trình — {congress.name}", footer=congress.name)


def programme_docx(congress, sessions: list[Session], on: dt.date) -> bytes:
    doc = word.new_document(footer=f"Chương trình — {congress.name}")
    word.add_party_header(doc, _header(congress, on, ""))
    word.add_blocks(doc, programme_blocks(congress, sessions))
    return word.docx_bytes(doc)


# --- The minutes' section -------------------------------------------------------------------


def decision_rows(congress, sessions: list[Session]) -> tuple[tuple[str, ...], ...]:
    rows = []
    base = congress.present
    for session in sessions:
        for item in session.items.all():
            if not item.decision:
                continue
            vote = item.vote
            if vote is None:
                rows.append((item.title, "", "", "", "chưa biểu quyết"))
                continue
            share = vn_percent(100 * vote.votes_for / base) if base else ""
            agreed = f"{vote.votes_for}" + (f" ({share})" if share else "")
            outcome = "thông qua" if vote.passed else "không thông qua"
            rows.append((item.title, agreed, str(vote.votes_against), str(vote.abstain), outcome))
    return tuple((str(i), *row) for i, row in enumerate(rows, start=1))


def minutes_blocks(congress, sessions: list[Session]) -> list:
    present = congress.present
    who = "đại biểu" if congress.kind == "delegates" else "đảng viên"
    out = [
        Heading("BIỂU QUYẾT TẠI ĐẠI HỘI"),
        Para(
            "Đại hội biểu quyết bằng hình thức giơ tay (giơ thẻ đại biểu) các nội dung sau"
            + (f"; có mặt {present} {who}." if present else ".")
        ),
    ]
    rows = decision_rows(congress, sessions)
    if rows:
        headers = (
            "TT",
            "Nội dung biểu quyết",
            "Tán thành",
            "Không tán thành",
            "Không biểu quyết",
            "Kết quả",
        )
        out.append(
            Grid(
                headers,
                rows,
                (10, 62, 26, 22, 22, 28),
                ("CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "CENTER"),
            )
        )
    else:
        out.append(Para("Chương trình chưa có nội dung biểu quyết."))
    return out + _course(sessions)


def _course(sessions: list[Session]) -> list:
    """The programme as carried out, session by session."""
    out = [Heading("DIỄN BIẾN ĐẠI HỘI THEO CHƯƠNG TRÌNH")]
    for session in sessions:
        out.append(
            Para(
                f"**{session.get_kind_display()}** — {day_words(session.day, session.starts_at)}",
                "left",
            )
        )
        for number, item in enumerate(session.items.all(), start=1):
            who = f" ({item.speaker})" if item.speaker else ""
            out.append(Para(f"{number}. {item.title}{who}.", "left", -1))
    return out


def minutes_docx(congress, sessions: list[Session]) -> bytes:
    doc = word.new_document(footer=f"Biên bản đại hội — {congress.name}")
    word.add_blocks(
        doc, [Para(f"**{congress.name.upper()}**", "centre"), *minutes_blocks(congress, sessions)]
    )
    return word.docx_bytes(doc)


def minutes_pdf(congress, sessions: list[Session]) -> bytes:
    story = flowables(
        [Para(f"**{congress.name.upper()}**", "centre"), *minutes_blocks(congress, sessions)]
    )
    return build_pdf(story, title=f"Biểu quyết — {congress.name}", footer=congress.name)
