"""The upward report as a PDF in the layout of upward_layout ("Biểu TK-ĐH-01 (daihoi)").

A4 portrait with the project's serif TTF: the party header, the title, the
figures by level (one line per figure, one column per level and the total),
then the subordinate organisations with the main figures. Numbers are written
the Vietnamese way (1.234; 41,4).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from daihoi.documents.common import PartyHeader, vn_number
from daihoi.documents.pdf import (
    build_pdf,
    data_table,
    escape,
    frame_width,
    paragraph_styles,
    party_header,
)

from . import upward_layout as layout
from .upward import Report
from .upward_xlsx import title_lines


def _text(value) -> str:
    if value is None:
        return "—"
    return vn_number(value, 0 if isinstance(value, int) else 1)


def _by_level(report: Report):
    groups = [*report.levels, report.total]
    rows, marked = [], []
    for section, figures in layout.SECTIONS:
        marked.append(len(rows))
        rows.append([str(section).upper()] + [""] * len(groups))
        for key, label in figures:
            rows.append([str(label)] + [_text(layout.value(g, key)) for g in groups])
    room = frame_width() - 62 * mm
    widths = [62 * mm] + [room / len(groups)] * len(groups)
    headers = [_("Chỉ tiêu")] + [g.label for g in groups]
    align = ["LEFT"] + ["RIGHT"] * len(groups)
    return data_table(headers, rows, widths, align=align, highlight=marked, size=9.5)


def _by_child(report: Report):
    groups = [*report.children, report.total]
    keys = [k for k, _label in layout.CHILD_FIGURES]
    rows = [[g.label] + [_text(layout.value(g, k)) for k in keys] for g in groups]
    room = frame_width() - 44 * mm
    widths = [44 * mm] + [room / len(keys)] * len(keys)
    headers = [_("Tổ chức trực thuộc")] + [str(label) for _k, label in layout.CHILD_FIGURES]
    align = ["LEFT"] + ["RIGHT"] * len(keys)
    return data_table(headers, rows, widths, align=align, highlight=[len(rows) - 1], size=8)


def upward_pdf(report: Report) -> bytes:
    styles = paragraph_styles(size=12)
    header = PartyHeader(
        superior="",
        issuer=report.root.name,
        date_line=_("ngày %(on)s") % {"on": f"{report.on:%d/%m/%Y}"},
    )
    title, scope, form = title_lines(report)
    story = [
        party_header(header, frame_width()),
        Spacer(1, 6 * mm),
        Paragraph(f"<b>{escape(title.upper())}</b>", styles["centre"]),
        Paragraph(escape(scope), styles["centre"]),
        Paragraph(f"<i>{escape(form)}</i>", styles["centre"]),
        Spacer(1, 4 * mm),
        _by_level(report),
    ]
    if report.children:
        story += [
            Spacer(1, 6 * mm),
            Paragraph(f"<b>{escape(_('Theo tổ chức trực thuộc'))}</b>", styles["left"]),
            Spacer(1, 2 * mm),
            _by_child(report),
        ]
    note = _(
        "Số liệu tính từ kết quả bầu cử đã công bố trên hệ thống, hồ sơ đảng viên và quyết định "
        'chuẩn y; "chờ chuẩn y": kết quả chưa được cấp có thẩm quyền chuẩn y.'
    )
    story += [Spacer(1, 4 * mm), Paragraph(escape(note), styles["left"])]
    return build_pdf(story, title=title, footer=f"{form} · {report.root.name}")
