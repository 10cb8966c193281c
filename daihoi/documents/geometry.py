"""Pages drawn at exact places: rectangles and text lines in millimetres from the top-left.

Documents that a machine reads back (ballot papers, later badges or labels)
are laid out as plain data first and painted second, so the reader can use
the very numbers the printer used. Top-left millimetres are what a ruler on
paper and an image scan both measure; PDF's bottom-left points are converted
only when painting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

PT_TO_MM = 25.4 / 72
LINE_SPACING = 1.3  # baseline to baseline, as a multiple of the font size


@dataclass(frozen=True)
class Rect:
    """A rectangle in millimetres; (x, y) is its top-left corner, y grows down the page."""

    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class Text:
    """One line of text: ``y`` is its baseline (mm from the top), ``size`` in points."""

    x: float
    y: float
    text: str
    font: str
    size: float
    align: str = "left"  # "left", "centre" (x is the centre) or "right" (x is the right end)


def wrap(text: str, font: str, size: float, width_mm: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width_mm`` (spaces collapsed)."""
    return simpleSplit(" ".join(text.split()), font, size, width_mm * mm)


def fit(text: str, font: str, size: float, width_mm: float, floor: float = 6) -> float:
    """The largest size ≤ ``size``, in half points down to ``floor``, at which ``text`` fits.

    Returns less than ``floor`` when it does not fit even there.
    """
    while size >= floor and stringWidth(text, font, size) > width_mm * mm:
        size -= 0.5
    return size


def fits_on_one_line(text: str, font: str, size: float, width_mm: float) -> bool:
    return stringWidth(text, font, size) <= width_mm * mm


def stack(
    out: list[Text],
    lines: Iterable[str],
    x: float,
    y: float,
    font: str,
    size: float,
    align: str = "centre",
) -> float:
    """Append lines from baseline ``y`` downwards; return the baseline after the last one."""
    for line in lines:
        out.append(Text(x, y, line, font, size, align))
        y += size * PT_TO_MM * LINE_SPACING
    return y


def baseline_in(box: Rect, size: float) -> float:
    """The baseline that centres a line of capitals and small letters in ``box`` vertically."""
    return box.y + box.h / 2 + size * PT_TO_MM * 0.36


class MmPainter:
    """Paints on a ReportLab canvas in top-left millimetres for a page ``height_mm`` tall."""

    def __init__(self, canvas: Canvas, height_mm: float):
        self.canvas, self.height = canvas, height_mm

    def rect(self, r: Rect, *, fill: bool = False, stroke: bool = True) -> None:
        y = (self.height - r.y - r.h) * mm
        self.canvas.rect(r.x * mm, y, r.w * mm, r.h * mm, stroke=int(stroke), fill=int(fill))

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.canvas.line(x1 * mm, (self.height - y1) * mm, x2 * mm, (self.height - y2) * mm)

    def text(self, t: Text) -> None:
        c = self.canvas
        c.setFont(t.font, t.size)
        draw = {"centre": c.drawCentredString, "right": c.drawRightString}.get(
            t.align, c.drawString
        )
        draw(t.x * mm, (self.height - t.y) * mm, t.text)

    def lower_left(self, r: Rect) -> tuple[float, float]:
        """The rectangle's lower-left corner in PDF points (for drawing helpers that want it)."""
        return r.x * mm, (self.height - r.y - r.h) * mm
