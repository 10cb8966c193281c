"""The summary report of a comment round (báo cáo tổng hợp ý kiến góp ý), as Word.

Counts by section and by source, each split by answer, then every comment
with its answer and reply, section by section. Until the round is final the
report says so at the top of every page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from daihoi.documents import docx as word
from daihoi.documents.common import Grid, Heading, Para, PartyHeader, Signatures, date_line

from .models import Answer, Comment, CommentRound, RoundStatus, Source

ANSWER_ORDER = [Answer.ACCEPTED, Answer.EXPLAINED, Answer.NOT_ACCEPTED, Answer.PENDING]
GENERAL = "Ý kiến chung (không gắn với mục cụ thể)"


@dataclass(frozen=True)
class Line:
    label: str
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> tuple[str, ...]:
        return (str(self.total), *(str(self.counts.get(a, 0)) for a in ANSWER_ORDER))


def count_lines(pairs: list[tuple[str, str]], order: list[str]) -> tuple[list[Line], Line]:
    """Pure: (label, answer) pairs counted by label in ``order`` (others after), and the total."""
    by_label: dict[str, Counter] = {}
    for label, answer in pairs:
        by_label.setdefault(label, Counter())[answer] += 1
    labels = [x for x in order if x in by_label] + sorted(set(by_label) - set(order))
    lines = [Line(label, by_label[label]) for label in labels]
    return lines, Line("Cộng", Counter(answer for _, answer in pairs))


def _comments(item: CommentRound) -> list[Comment]:
    qs = item.comments.select_related("section").order_by("section__position", "id")
    return list(qs)


def tables(item: CommentRound, comments: list[Comment] | None = None) -> dict:
    comments = _comments(item) if comments is None else comments
    sections = [s.title for s in item.draft.sections.order_by("position")] + [GENERAL]
    by_section = [(c.section.title if c.section else GENERAL, c.answer) for c in comments]
    labels = dict(Source.choices)
    by_source = [(str(labels[c.source]), c.answer) for c in comments]
    section_lines, total = count_lines(by_section, sections)
    source_lines, _ = count_lines(by_source, [str(labels[s]) for s in Source.values])
    authors = {(c.source, c.author) for c in comments}
    return {
        "sections": section_lines,
        "sources": source_lines,
        "total": total,
        "authors": len(authors),
        "comments": comments,
    }


HEADERS = ("TT", "{}", "Số ý kiến", "Tiếp thu", "Giải trình", "Không tiếp thu", "Chưa xử lý")
WIDTHS = (10, 62, 18, 18, 18, 18, 18)
ALIGN = ("CENTER", "LEFT") + ("RIGHT",) * 5


def _grid(first: str, lines: list[Line], total: Line) -> Grid:
    rows = tuple((str(i), x.label, *x.cells()) for i, x in enumerate(lines, start=1))
    rows += (("", "Cộng", *total.cells()),)
    headers = (HEADERS[0], first, *HEADERS[2:])
    return Grid(headers, rows, WIDTHS, ALIGN, highlight=(len(rows) - 1,))


def _header(item: CommentRound, on: dt.date) -> PartyHeader:
    org = item.draft.congress.organization
    issuer = item.draft.body.name if item.draft.body else f"Ban Chấp hành {org.name}"
    superior = org.name if item.draft.body else (org.parent.name if org.parent_id else "")
    return PartyHeader(superior, issuer, date_line("", on), number="Số   -BC/…")


def blocks(item: CommentRound, data: dict) -> list:
    draft, version = item.draft, item.version
    audiences = [
        label
        for flag, label in (
            (item.to_lower_organizations, "các tổ chức đảng trực thuộc"),
            (item.to_members, "đảng viên"),
            (item.to_delegates, "đại biểu dự đại hội"),
            (item.to_public, "nhân dân"),
        )
        if flag
    ]
    total = data["total"].total
    deadline = timezone.localtime(item.deadline)
    out = [
        Para("**BÁO CÁO**", "centre", 2),
        Para(f"**Tổng hợp ý kiến góp ý vào {draft.title}**", "centre"),
        Para(f"(dự thảo lần {version.number}, trình {draft.congress.name})", "centre"),
        Heading("I. TÌNH HÌNH LẤY Ý KIẾN"),
        Para(
            f"Đợt lấy ý kiến “{item.title}” gửi {', '.join(audiences)}; hạn góp ý "
            f"{deadline:%H:%M} ngày {deadline:%d/%m/%Y}. Đã nhận {total} ý kiến của "
            f"{data['authors']} tổ chức, cá nhân."
        ),
        Heading("II. TỔNG HỢP THEO PHẦN, MỤC CỦA DỰ THẢO"),
        _grid("Phần, mục", data["sections"], data["total"]),
        Heading("III. TỔNG HỢP THEO NGUỒN Ý KIẾN"),
        _grid("Nguồn ý kiến", data["sources"], data["total"]),
        Heading("IV. NỘI DUNG Ý KIẾN VÀ VIỆC TIẾP THU, GIẢI TRÌNH"),
    ]
    out += _detail(data["comments"])
    out.append(Signatures((("T/M TIỂU BAN", ("",)),)))
    return out


def _detail(comments: list[Comment]) -> list:
    out, current = [], None
    labels = dict(Answer.choices)
    for number, c in enumerate(comments, start=1):
        title = c.section.title if c.section else GENERAL
        if title != current:
            out.append(Para(f"**{title}**", "left"))
            current = title
        out.append(Para(f"{number}. {c.author}: {c.text}"))
        answer = labels[c.answer]
        out.append(Para(f"— **{answer}**{': ' + c.reply if c.reply else ''}", size=-1))
    return out or [Para("Không có ý kiến góp ý.")]


def summary_docx(item: CommentRound, on: dt.date | None = None) -> bytes:
    on = on or timezone.localdate()
    data = tables(item)
    doc = word.new_document(footer=f"Tổng hợp ý kiến — {item.draft.title}")
    if item.status != RoundStatus.FINAL:
        pending = data["total"].counts.get(Answer.PENDING, 0)
        word.set_page_header(doc, f"BẢN TỔNG HỢP CHƯA HOÀN THÀNH — còn {pending} ý kiến chưa xử lý")
    word.add_party_header(doc, _header(item, on))
    word.add_blocks(doc, blocks(item, data))
    return word.docx_bytes(doc)
