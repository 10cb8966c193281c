"""The reader's contract: what a template is and what reading a page returns.

``daihoi.scanning.omr`` is pure NumPy/OpenCV (no Django): the Django side
(``daihoi.scanning``) builds a ``Template`` from the election's printed ballot
layout (``daihoi.elections.ballot_paper.Layout``), hands page images to
``read_page`` and stores what comes back. Geometry is in millimetres from the
top-left corner of the page, exactly as the layout gives it; pixel boxes in a
reading refer to the *aligned* page image (the scan warped onto the template).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from daihoi.rules.ballots import Form


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres, origin top-left of the page."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class RowTemplate:
    position: int  # 1-based STT printed on the row
    line: Box  # the whole row
    name: Box  # the strip a strike through the name crosses
    agree: Box | None = None  # boxes form only
    disagree: Box | None = None


@dataclass(frozen=True)
class Template:
    width: float
    height: float
    form: Form
    markers: tuple[tuple[float, float], ...]  # centres: TL, TR, BL, BR
    marker_size: float
    qr: Box
    payload: str  # the QR text every page of this ballot must carry
    rows: tuple[RowTemplate, ...]
    stamp: Box | None = None  # where the convening committee's seal goes (not "writing")
    # The printed blank ballot (PDF bytes, first page used). With it the reader subtracts
    # the printed names from the scan and sees only the pen; without it, it falls back to
    # stroke geometry and sends more rows to a person. See reference.py.
    pdf: bytes | None = field(default=None, repr=False, compare=False)
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_layout(cls, layout, pdf: bytes | None = None) -> Template:
        """From ``elections.ballot_paper.Layout`` (duck-typed: no import of Django code).

        ``pdf`` is the ballot as printed (``render_ballot_pdf(spec, page_size=...)``):
        pass it whenever you can, the reading is far more certain with it.
        """

        def box(rect) -> Box | None:
            return None if rect is None else Box(rect.x, rect.y, rect.w, rect.h)

        rows = tuple(
            RowTemplate(r.position, box(r.line), box(r.name), box(r.agree), box(r.disagree))
            for r in layout.rows
        )
        return cls(
            width=layout.width,
            height=layout.height,
            form=Form(layout.form),
            markers=tuple(tuple(m) for m in layout.markers),
            marker_size=layout.marker_size,
            qr=box(layout.qr),
            payload=layout.qr_payload,
            rows=rows,
            stamp=box(getattr(layout, "stamp", None)),
            pdf=pdf,
        )

    def __getstate__(self):
        # Sent to worker processes without its cached renderings (rebuilt there on first use).
        return {**self.__dict__, "_cache": {}}

    def px(self, dpi: int) -> float:
        """Pixels per millimetre at ``dpi``."""
        return dpi / 25.4

    def page_shape(self, dpi: int) -> tuple[int, int]:
        """(height, width) in pixels of the aligned page at ``dpi`` (rounded up, as PDFium does)."""
        s = self.px(dpi)
        return math.ceil(self.height * s - 1e-6), math.ceil(self.width * s - 1e-6)


class PageStatus(StrEnum):
    OK = "ok"
    BLANK = "blank"  # nothing printed: a separator sheet or an empty feed
    WRONG_BALLOT = "wrong_ballot"  # a code of another election, round or layout
    NO_CODE = "no_code"  # markers found but the code cannot be read
    UNREADABLE = "unreadable"  # markers not found (torn, folded, not a ballot)
    DOUBLE_FEED = "double_feed"  # two sheets overlapped


class Mark(StrEnum):
    """A row's reading. Strike form: STRUCK / KEPT; boxes form: the other four."""

    STRUCK = "struck"
    KEPT = "kept"
    AGREE = "agree"
    DISAGREE = "disagree"
    BOTH = "both"
    NONE = "none"


@dataclass(frozen=True)
class RowReading:
    position: int
    mark: Mark
    confidence: float  # 0..1; below the reader's threshold the row is `uncertain`
    uncertain: bool  # a person must decide (adjudication)
    crop: tuple[int, int, int, int]  # x, y, w, h in the aligned image, margin included
    # Why a person must decide (uncertain rows only): one of REASONS.
    reason: str = ""


# Why the reader leaves a row to a person (shown on the adjudication screen).
REASONS = (
    "underline",  # a line under the name, not through it
    "circle",  # a circle, oval or loop around the name
    "fold",  # a fold's crease or displaced side across the row
    "partial",  # a stroke across only part of the name
    "dot",  # a dot or a small mark on or beside the name
    "mark",  # ink the reader cannot explain
    "box",  # a box mark that is not clearly in or out
)


@dataclass(frozen=True)
class PageReading:
    status: PageStatus
    message: str  # Vietnamese, for a person, when status is not OK
    payload: str  # the code as read ("" when none)
    rows: tuple[RowReading, ...] = ()  # every row of the template when status is OK
    # Reasons a person must look at the whole ballot, e.g. "writing_outside" (ink outside
    # the rows: a possible written-in name or identifying mark), "rotated_180" (corrected).
    flags: tuple[str, ...] = ()
    aligned: np.ndarray | None = field(default=None, repr=False)  # grey uint8 at `dpi`
    dpi: int = 200

    @property
    def needs_person(self) -> bool:
        return any(r.uncertain for r in self.rows) or "writing_outside" in self.flags


class ScanFileError(ValueError):
    """An uploaded file that is not a readable PDF or image (names the file and page)."""

    def __init__(self, message: str, filename: str = "", page: int | None = None):
        super().__init__(message)
        self.filename, self.page = filename, page
