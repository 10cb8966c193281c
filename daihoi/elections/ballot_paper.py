"""The printed ballot paper (QĐ 190-QĐ/TW 2024, Điều 15; QĐ 244-QĐ/TW 2014, Điều 17).

``ballot_layout`` computes every mark on the page in millimetres from the
top-left corner; ``render_ballot_pdf`` only paints that layout. The scanner
(issue #7) reads the same ``Layout``, so the paper and the reader cannot drift
apart. For the reader each page carries four solid corner markers and a QR
code ``DAIHOI|e=<election>|r=<round>|l=<layout>|n=<names>``. The code holds no
per-voter identifier: every copy of a ballot is identical (ballot secrecy).

Long lists stay on ONE page: a ballot split over two sheets can lose a sheet
in the box. The list flows column by column into up to three columns and the
rows shrink down to ``MIN_ROW_MM``; a list that still does not fit raises
``BallotTooLong`` rather than printing a ballot too small to mark.
Every name is printed at the same size: no candidate may look smaller.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from daihoi.documents.common import PARTY_NAME
from daihoi.documents.fonts import SANS, SANS_BOLD, register_fonts
from daihoi.documents.geometry import (
    MmPainter,
    Rect,
    Text,
    baseline_in,
    fit,
    fits_on_one_line,
    stack,
    wrap,
)
from daihoi.documents.pdf import (
    draw_qr,
)
from daihoi.rules.ballots import Form, article, ballot_form, check_rules

MARKER_MM = 6.0  # side of a corner marker
MARKER_INSET_MM = 8.0  # from the page edge to the marker's outer edge
MIN_ROW_MM = {Form.STRIKE_THROUGH: 5.0, Form.BOXES: 7.0}
COMFORT_ROW_MM = 7.0  # below this, one more column is tried first
MAX_ROW_MM = 9.0
MIN_NAME_PT = 7.0
HEAD_ROW_MM = 8.0  # the row of column titles above each list column
GUTTER_MM = 5.0
_LAYOUT_ID = re.compile(r"^[A-Za-z0-9._-]{1,40}$")


@dataclass(frozen=True)
class BallotSpec:
    """What is printed on the ballot of one round of one election."""

    organization: str  # the convening committee, printed under the stamp box
    congress: str
    title: str  # "PHIẾU BẦU BAN CHẤP HÀNH ĐẢNG BỘ XÃ … KHÓA …, NHIỆM KỲ 2025–2030"
    round: int
    seats: int
    candidates: tuple[str, ...]  # full names in ballot order, sorted by the caller
    election_id: int
    layout_id: str  # names this layout for the scanner: 1–40 of A–Z a–z 0–9 . _ -
    rules: str = "2024"

    def __post_init__(self) -> None:
        object.__setattr__(self, "candidates", tuple(self.candidates))
        check_rules(self.rules)
        if self.round < 1 or self.seats < 1 or not self.candidates:
            raise ValueError("a ballot needs round ≥ 1, seats ≥ 1 and at least one name")
        if not all(name.strip() for name in self.candidates):
            raise ValueError("a name on the ballot is empty")
        if not _LAYOUT_ID.match(self.layout_id):
            raise ValueError("layout_id: 1–40 of A–Z a–z 0–9 . _ - (it goes into the QR code)")

    @property
    def form(self) -> Form:
        return ballot_form(len(self.candidates), self.seats)

    @property
    def qr_payload(self) -> str:
        n = len(self.candidates)
        return f"DAIHOI|e={self.election_id}|r={self.round}|l={self.layout_id}|n={n}"


@dataclass(frozen=True)
class Row:
    """One name on the ballot. ``name`` is the strip a strike through the name crosses
    (printed rules excluded); ``agree`` / ``disagree`` are the boxes of the boxes form."""

    position: int  # 1-based, the STT printed on the row
    line: Rect  # the whole row, number cell included
    name: Rect
    agree: Rect | None = None
    disagree: Rect | None = None


@dataclass(frozen=True)
class Layout:
    """Everything the PDF paints, in millimetres from the top-left of the page."""

    page_size: str
    width: float
    height: float
    form: Form
    # The corner markers' centres: top-left, top-right, bottom-left, bottom-right.
    markers: tuple[tuple[float, float], ...]
    marker_size: float
    qr: Rect  # the code's square, its 4-module quiet zone included
    qr_payload: str
    stamp: Rect
    columns: int
    rows: tuple[Row, ...]
    texts: tuple[Text, ...]
    lines: tuple[tuple[float, float, float, float], ...]  # ruled lines x1, y1, x2, y2


class BallotTooLong(ValueError):
    """The list cannot be printed legibly on one page of this size."""


@dataclass(frozen=True)
class _Page:
    width: float
    height: float
    margin: float  # content edge, clear of the corner markers
    stamp: tuple[float, float]
    qr: float
    title_pt: float
    text_pt: float
    name_pt: float  # the largest name size
    list_width: float  # a one-column list is drawn this wide, centred


_PAGES = {
    "A4": _Page(210, 297, 18, (50, 28), 24, 13, 9.5, 12, 130),
    "A5": _Page(148, 210, 17, (42, 24), 22, 11, 8.5, 11, 114),
}


def ballot_layout(spec: BallotSpec, page_size: str = "A4") -> Layout:
    """The geometry of ``spec``'s ballot on an A4 or A5 page (see the module docstring)."""
    register_fonts()
    if page_size not in _PAGES:
        raise ValueError(f"page_size must be one of {sorted(_PAGES)}")
    page = _PAGES[page_size]
    texts: list[Text] = []
    stamp, qr, top = _header(spec, page, texts)
    top = _title(spec, page, top, texts)
    rows, lines, columns = _list(spec, page, top, texts)
    note = f"Theo {article('ballot', spec.rules)} · mẫu phiếu {spec.layout_id}"
    texts.append(Text(page.width / 2, page.height - MARKER_INSET_MM - 2, note, SANS, 6.5, "centre"))
    near = MARKER_INSET_MM + MARKER_MM / 2
    far_x, far_y = page.width - near, page.height - near
    return Layout(
        page_size=page_size,
        width=page.width,
        height=page.height,
        form=spec.form,
        markers=((near, near), (far_x, near), (near, far_y), (far_x, far_y)),
        marker_size=MARKER_MM,
        qr=qr,
        qr_payload=spec.qr_payload,
        stamp=stamp,
        columns=columns,
        rows=tuple(rows),
        texts=tuple(texts),
        lines=tuple(lines),
    )


def suggested_page_size(spec: BallotSpec) -> str:
    """A5 when the list fits in one comfortable column there, else A4 (half the paper)."""
    try:
        layout = ballot_layout(spec, "A5")
    except BallotTooLong:
        return "A4"
    comfortable = layout.columns == 1 and layout.rows[0].line.h >= COMFORT_ROW_MM
    return "A5" if comfortable else "A4"


def render_ballot_pdf(spec: BallotSpec, *, page_size: str = "A4", copies: int = 1) -> bytes:
    """``copies`` identical pages of the ballot, painted from ``ballot_layout``.

    The page is drawn once as a PDF form and placed on every page, so 500
    copies cost little more than one.
    """
    if copies < 1:
        raise ValueError("copies must be at least 1")
    layout = ballot_layout(spec, page_size)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(layout.width * mm, layout.height * mm), invariant=1)
    canvas.setTitle(spec.title)
    canvas.setAuthor("daihoi")
    canvas.beginForm("ballot")
    _paint(MmPainter(canvas, layout.height), layout)
    canvas.endForm()
    for _ in range(copies):
        canvas.doForm("ballot")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _header(spec: BallotSpec, page: _Page, texts: list[Text]) -> tuple[Rect, Rect, float]:
    """Stamp box and organisation top-left, QR top-right, party and congress between."""
    top = MARKER_INSET_MM + 3
    stamp = Rect(page.margin, top, *page.stamp)
    qr = Rect(page.width - page.margin - page.qr, top, page.qr, page.qr)
    texts.append(Text(stamp.centre[0], top + 4, "Dấu của cấp ủy triệu tập", SANS, 6.5, "centre"))
    size = page.text_pt - 1
    org = wrap(spec.organization.upper(), SANS_BOLD, size, stamp.w + 8)
    y_left = stack(texts, org, stamp.centre[0], stamp.y + stamp.h + 4, SANS_BOLD, size)
    left, right = stamp.x + stamp.w + 4, qr.x - 4
    middle = (left + right) / 2
    party_pt = fit(PARTY_NAME, SANS_BOLD, page.text_pt + 0.5, right - left)
    texts.append(Text(middle, top + 5, PARTY_NAME, SANS_BOLD, party_pt, "centre"))
    congress = wrap(spec.congress.upper(), SANS, size, right - left)
    y_mid = stack(texts, congress, middle, top + 11, SANS, size)
    return stamp, qr, max(y_left, y_mid, qr.y + qr.h) + 3


def _title(spec: BallotSpec, page: _Page, top: float, texts: list[Text]) -> float:
    """Title, round, and how to vote; returns where the list may start."""
    width = page.width - 2 * page.margin
    centre = page.width / 2
    title = wrap(spec.title.upper(), SANS_BOLD, page.title_pt, width)
    y = stack(texts, title, centre, top + page.title_pt * 0.35, SANS_BOLD, page.title_pt)
    if spec.round > 1:
        y = stack(
            texts, [f"Lần bầu thứ {spec.round}"], centre, y + 0.5, SANS_BOLD, page.text_pt + 1
        )
    how = wrap(_instructions(spec), SANS, page.text_pt, width)
    return stack(texts, how, page.margin, y + 1.5, SANS, page.text_pt, "left") - 1


def _instructions(spec: BallotSpec) -> str:
    seats, n = spec.seats, len(spec.candidates)
    how_many = f"Số lượng cần bầu: {seats} đồng chí."
    extra = "Không ghi thêm tên hay bất kỳ ký hiệu nào khác lên phiếu."
    if spec.form is Form.STRIKE_THROUGH:
        return (
            "Cách bầu: đồng ý bầu đồng chí nào thì để nguyên họ và tên đồng chí đó; "
            "không đồng ý bầu đồng chí nào thì gạch một đường ngang qua cả họ và tên "
            f"đồng chí đó. {how_many} Danh sách có {n} đồng chí. Phiếu để nguyên quá "
            f"{seats} họ tên, hoặc gạch hết mọi họ tên, là phiếu không hợp lệ. {extra}"
        )
    if n == 1:
        return (
            "Cách bầu: đánh dấu X vào một trong hai ô “Đồng ý” hoặc “Không đồng ý”. "
            "Phiếu đánh dấu cả hai ô hoặc không đánh dấu ô nào là phiếu không hợp lệ. "
            f"{how_many} {extra}"
        )
    return (
        "Cách bầu: ở mỗi dòng, đánh dấu X vào một ô: ô “Đồng ý” nếu đồng ý bầu, "
        f"ô “Không đồng ý” nếu không đồng ý bầu đồng chí đó. {how_many} {extra}"
    )


def _list(spec: BallotSpec, page: _Page, top: float, texts: list[Text]):
    """Choose the columns and row height, then lay out each column's table."""
    form, names = spec.form, spec.candidates
    bottom = page.height - MARKER_INSET_MM - MARKER_MM - 3
    columns, row_h, col_w = _choose_columns(form, names, page, bottom - top - HEAD_ROW_MM)
    per_column = math.ceil(len(names) / columns)
    x0 = (page.width - columns * col_w - (columns - 1) * GUTTER_MM) / 2
    size = min(page.name_pt, max(8.0, row_h * 1.5))
    size = min(fit(name, SANS, size, _cells(form, col_w)[1] - 4) for name in names)
    rows: list[Row] = []
    lines: list[tuple[float, float, float, float]] = []
    for c in range(columns):
        chunk = list(range(c * per_column + 1, min(len(names), (c + 1) * per_column) + 1))
        frame = Rect(x0 + c * (col_w + GUTTER_MM), top, col_w, HEAD_ROW_MM + row_h * len(chunk))
        _column(spec, chunk, frame, row_h, size, (rows, lines, texts))
    return rows, lines, columns


def _choose_columns(form: Form, names: tuple[str, ...], page: _Page, height: float):
    """Fewest columns with comfortable rows; else the most that still fit legibly."""
    content = page.width - 2 * page.margin
    best = None
    for columns in (1, 2, 3):
        width = page.list_width if columns == 1 else (content - (columns - 1) * GUTTER_MM) / columns
        row_h = min(MAX_ROW_MM, height / math.ceil(len(names) / columns))
        room = _cells(form, width)[1] - 4
        legible = all(fit(name, SANS, MIN_NAME_PT, room) >= MIN_NAME_PT for name in names)
        if width < _MIN_COLUMN_MM[form] or not legible or row_h < MIN_ROW_MM[form]:
            continue
        best = (columns, row_h, width)
        if row_h >= COMFORT_ROW_MM:
            break
    if best is None:
        raise BallotTooLong(
            f"{len(names)} tên không in vừa một trang {page.width:.0f}×{page.height:.0f} mm "
            "đủ rõ để gạch hoặc đánh dấu; hãy dùng khổ giấy lớn hơn."
        )
    return best


_MIN_COLUMN_MM = {Form.STRIKE_THROUGH: 52.0, Form.BOXES: 80.0}


def _cells(form: Form, width: float) -> list[float]:
    """Cell widths across one list column: STT, name, and (boxes form) two boxes."""
    number = 9.0
    if form is Form.STRIKE_THROUGH:
        return [number, width - number]
    box = min(22.0, max(16.0, width * 0.16))
    return [number, width - number - 2 * box, box, box]


def _column(spec: BallotSpec, positions: list[int], frame: Rect, row_h: float, size, out) -> None:
    """One column of the list: a row of column titles, then a row per name, all ruled."""
    rows, lines, texts = out
    widths = _cells(spec.form, frame.w)
    edges = [frame.x + sum(widths[:i]) for i in range(len(widths) + 1)]
    heads = ["STT", "Họ và tên", "Đồng ý", "Không đồng ý"][: len(widths)]
    for head, (left, right) in zip(heads, _pairs(edges), strict=True):
        fits = fits_on_one_line(head, SANS_BOLD, 8, right - left - 1)
        parts = [head] if fits else head.split(" ", 1)  # "Không" over "đồng ý"
        y = frame.y + 4.6 - (len(parts) - 1) * 1.8
        stack(texts, parts, (left + right) / 2, y, SANS_BOLD, 8)
    first = frame.y + HEAD_ROW_MM
    for offset, position in enumerate(positions):
        line = Rect(frame.x, first + offset * row_h, frame.w, row_h)
        rows.append(_row(spec, position, line, edges, size, texts))
    ys = [frame.y] + [first + i * row_h for i in range(len(positions) + 1)]
    lines.extend((frame.x, y, frame.x + frame.w, y) for y in ys)
    lines.extend((x, frame.y, x, frame.y + frame.h) for x in edges)


def _row(spec: BallotSpec, position: int, line: Rect, edges, size: float, texts) -> Row:
    number_pt = min(size, 10)
    number_x = (edges[0] + edges[1]) / 2
    texts.append(
        Text(number_x, baseline_in(line, number_pt), f"{position}.", SANS, number_pt, "centre")
    )
    strip = Rect(edges[1] + 0.6, line.y + 0.6, edges[2] - edges[1] - 1.2, line.h - 1.2)
    name = spec.candidates[position - 1]
    texts.append(Text(strip.x + 1.4, baseline_in(line, size), name, SANS, size))
    if spec.form is Form.STRIKE_THROUGH:
        return Row(position, line, strip)
    side = min(6.0, line.h - 2)
    top = line.y + (line.h - side) / 2
    agree, disagree = (Rect((a + b - side) / 2, top, side, side) for a, b in _pairs(edges[2:]))
    return Row(position, line, strip, agree, disagree)


def _pairs(edges: list[float]) -> list[tuple[float, float]]:
    """Each cell's (left, right) from the edges between cells."""
    return list(zip(edges, edges[1:], strict=False))


def _paint(painter: MmPainter, layout: Layout) -> None:
    """Paint the layout and nothing else: the scanner trusts it."""
    canvas = painter.canvas
    half = layout.marker_size / 2
    canvas.setFillColorRGB(0, 0, 0)
    for cx, cy in layout.markers:
        painter.rect(Rect(cx - half, cy - half, 2 * half, 2 * half), fill=True, stroke=False)
    draw_qr(canvas, layout.qr_payload, *painter.lower_left(layout.qr), layout.qr.w * mm)
    canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
    canvas.setDash(2, 2)
    painter.rect(layout.stamp)
    canvas.setDash()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.5)
    for line in layout.lines:
        painter.line(*line)
    canvas.setLineWidth(0.9)
    for box in (b for row in layout.rows for b in (row.agree, row.disagree) if b):
        painter.rect(box)
    for text in layout.texts:
        painter.text(text)
