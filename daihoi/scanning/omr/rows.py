"""Reading each row: is the name struck, which box is marked, and how sure is that.

The pen (pen.py) is what is dark on the scan and not printed on the reference (the
printed ink grown by 2 px at 200 dpi; see reference.py), each piece of the row
read where shifts.py places it. Then:

* **strike-through form** — where the pen lies against the printed name
  (strokes.py): a strike is pen whose strokes cross the name's *body* (between
  the x-height line and the baseline) along enough of its width, or one
  straight line crossing the body along the whole name. Where the pen crossed a
  letter it was subtracted with it, so inked stretches are joined across gaps
  up to 5 mm, and a joined stretch counts only if it holds as much ink per
  millimetre as a pen line leaves. A strike across the whole name covers ~1; a
  sloppy one most of it; a nick at one end little. Where a straight strike seems to
  cover too little to decide, it is followed along its line into the letters, where
  the mask lost it (strike_extent.py). An underline (under the
  baseline), a circle or loop (above and below), a dot, a short stroke: never
  a strike, and never "kept" either, since the row is not clean: a person
  decides, told why (``RowReading.reason``). *Stray ink*: pen in the row
  (number cell included) that is not a strike; hairlines under 2 px (a printed
  edge a pixel off) are not pen. Creases were cleared from the page before
  (creases.py); a row a crease crosses is placed again on each side of it. A row read
  struck beside a crease left inked in both page margins goes to a person (margins.py).
* **boxes form** — the share of each box's inside covered by pen (boxes.py).

Each measure is decided against four cut points (evidence.py).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import cv2
import numpy as np

from daihoi.rules.ballots import Form
from daihoi.scanning.omr.align import Page
from daihoi.scanning.omr.boxes import read_boxes
from daihoi.scanning.omr.evidence import STRAY_MM2, Evidence, area_mm2, decide, quiet, ramp
from daihoi.scanning.omr.letters import hidden_pen
from daihoi.scanning.omr.margins import crease_beside, margin_lines, margins_px, rows_span
from daihoi.scanning.omr.pen import Refold, no_hairlines, pen_mask, taller
from daihoi.scanning.omr.reference import Reference, box_px
from daihoi.scanning.omr.shifts import Shift
from daihoi.scanning.omr.strike_checks import (
    PIECE_PX,
    beyond_crease,
    by_rule_band,
    horizontal,
    inset,
    plain_strike,
    under_by_rule,
    widest_piece,
)
from daihoi.scanning.omr.strike_extent import followed
from daihoi.scanning.omr.strokes import NO_PEN, Zones, zones
from daihoi.scanning.omr.types import Box, Mark, RowReading, RowTemplate, Template

CONFIDENT = 0.5
STRIKE_CUTS = (0.03, 0.08, 0.45, 0.58)  # coverage of the name's body
NOT_A_STRIKE = 0.3  # this share of the name under it (or over it) is an underline (or circle)
SCRIBBLE_PX = 2.0  # pen pixels per column through the body: a name scribbled out, not a ring
DOT_MM2 = 1.0  # stray pen up to this is a dot or a nick
CREASE_MARGIN_PX = 4  # a strike along a crease: the line taken out this much wider
GAP_MM = 5.0  # gaps a strike may show where it crossed (and lost) a printed glyph
CROP_MARGIN_MM = 1.5
FRAGMENT_MM2 = 0.1  # the least ink a strike leaves visible (6 pixels at 200 dpi)
# A partial strike is followed into the letters (strike_extent.py) only with pen over the name
# along less than this share of it: the partial strikes tuning decides so have none.
ALONE = 0.1
# ... and decides only when so it covers this much: a stroke over 40 % of the name measures up
# to 0.43 followed (200 strokes; 0.41 before), a wider pen or a shorter name more. The margin
# sends 10 of the 39 strikes it decided on the 320 check pages (0.45-0.50) back to a person.
EXTENT_CUT = 0.50
# On a fold the crease's residue and each displaced side's letters add to what crosses the
# body, so a strike there is decided in the sure zone (STRIKE_CUTS d) only, or from this share
# of the name when the pen darker than the paper beside the row strikes through as much
# (strike_checks.beyond_crease: a crease darkens the paper beside the row alike). The
# followed strikes' margin (EXTENT_CUT), as a 40-44 % stroke across a fold must stay a
# person's too: drawn over 44 % of a name across a crease (100 strokes, creases 15-80 grey
# levels from under the feet to over the tops, sides displaced up to 0.45 mm), strokes
# measured up to 0.453, and two of them were decided struck at a cut of 0.45
# (test_fold_zone.py). The check pages' strikes so freed measure 0.50-0.58 both ways.
FOLD_CUT = EXTENT_CUT
INK_PER_MM = 0.04  # mm² of visible pen per mm of strike, at the least (a faint line over text)


def read_rows(
    page: Page,
    template: Template,
    ref: Reference,
    shifts: list[Shift],
    folds: dict[int, tuple[int, int]] | None = None,
) -> tuple[tuple[RowReading, ...], tuple[Evidence, ...]]:
    """One reading per template row, in template order, and the evidence behind each.
    ``folds``: row index → (y, half-thickness) in reference pixels where a crease crosses
    the row (y -1: a crease down the page)."""
    s = template.px(ref.dpi)
    folds = folds or {}
    spans = margins_px(template, ref.dpi, page.dark.shape[1]) if ref.exact else ()
    # The margins beside the rows, measured once for the page when a row is first read struck.
    lines = cache(lambda: margin_lines(page.dark, ref, spans, rows_span(template, ref.dpi)))
    # The rows a crease crosses or a fold displaces: their letters are no model of a letter's
    # scanned shape for the others (letters.hidden_pen, glyphs.py).
    folded = cache(lambda: set(folds) | {j for j, shift in enumerate(shifts) if shift.split})
    readings, evidence = [], []
    for i, row in enumerate(template.rows):
        creased = ref.exact and (i in folds or shifts[i].split)
        shift = placed(ref, i, shifts, folds)
        if template.form is Form.STRIKE_THROUGH:
            row_pen, band = _row_pens(page, ref, row, shift, s) if ref.exact else (None, None)
            mark, confidence, found = _strike(page, ref, i, row, shift, s, row_pen)
            if mark is Mark.KEPT and confidence >= CONFIDENT and ref.exact:
                # Clean to the pen mask: is there ink on the letters the print does not explain?
                sides = shift.sides() if isinstance(shift, Refold) else None
                crease = (shifts, folded()), folds.get(i, (-1, 0))
                hidden = hidden_pen(page, template, ref, i, shifts[i], creased, sides, *crease)
                if hidden > 0:
                    confidence, found = min(confidence, 0.4), replace(found, hidden=hidden)
                by_rule = confidence >= CONFIDENT
                under = under_by_rule(page, ref, i, row, shift, s, band) if by_rule else 0
                if under >= NOT_A_STRIKE:
                    zones = replace(found.zones, below=under, any=max(found.zones.any, under))
                    confidence, found = min(confidence, 0.4), replace(found, zones=zones)
            beside = (page.dark, ref, spans, row.line, shifts[i])
            if mark is Mark.STRUCK and crease_beside(*beside, lines=lines()):
                confidence, found = min(confidence, 0.4), replace(found, creased=True)
        else:
            mark, confidence, found = read_boxes(page, ref, row, shift, s)
        uncertain = bool(confidence < CONFIDENT)
        reason = _why(template.form, found, creased or found.creased) if uncertain else ""
        crop = _crop(row.line, *shifts[i].mean, s, page.dark.shape)
        readings.append(
            RowReading(row.position, mark, round(float(confidence), 3), uncertain, crop, reason)
        )
        evidence.append(replace(found, creased=True) if creased else found)
    return tuple(readings), tuple(evidence)


def placed(ref: Reference, i: int, shifts: list[Shift], folds: dict[int, tuple[int, int]]):
    """How row ``i`` is placed on the page: by its shift, or each side of a fold on its own
    (``Refold``, see ``_refold``)."""
    creased = ref.exact and (i in folds or shifts[i].split)
    at, half = folds.get(i, (-1, 0))
    return Refold(shifts[i], at, half) if _refold(creased, at, shifts[i]) else shifts[i]


def strikes_beyond_crease(
    page: Page, template: Template, ref: Reference, i: int, shifts, folds
) -> float:
    """``strike_checks.beyond_crease`` of row ``i``'s pen over its name, placed as ``read_rows``
    placed it (on a fold, ``pen_mask`` of the row's box with its ``Refold``, as ``_row_pens``
    gives it there): asked by crease_lines.crease_as_strike of the few struck rows it would
    send to a person (0.6 ms a call; measured on every struck folded row it cost 0.7 ms a
    held-out page). 0 where the row is not read across a fold or has no name."""
    s, row, name = template.px(ref.dpi), template.rows[i], ref.names[i]
    shift = placed(ref, i, shifts, folds)
    if name is None or not isinstance(shift, Refold) or shift.at < 0:
        return 0.0
    whole = box_px(inset(row.line, 0.6), s)
    a, _, pen, join = _over_name(pen_mask(page, ref, whole, shift), whole, row, s)
    if pen is None:
        return 0.0
    return _beyond(page, ref, pen, (a, whole[1]), name, row, shift, join, s)


def _over_name(row_pen, whole, row: RowTemplate, s: float):
    """(a, b, pen, join): the name's columns within the row's box ``whole`` (reference x from
    ``a`` to ``b``), ``row_pen`` over them with hairlines taken out, and the joiner of its
    columns across the gaps a strike shows where it crossed a glyph; pen and join None where
    the name lies outside the box."""
    sx0, sx1 = box_px(row.name, s)[0::2]
    a, b = max(sx0, whole[0]), min(sx1, whole[2])
    if b <= a:
        return a, b, None, None
    gap = max(3, round(GAP_MM * s))
    pen = no_hairlines(row_pen[:, a - whole[0] : b - whole[0]])
    return a, b, pen, lambda ink: _strike_columns(ink, gap, s)


def _once(compute):
    """``compute``, asked at most once: its first answer kept (a plain closure:
    functools.cache's wrapper, made for every row, cost ~6 us a row)."""
    answer: list = []

    def get():
        if not answer:
            answer.append(compute())
        return answer[0]

    return get


def _row_pens(page: Page, ref: Reference, row: RowTemplate, shift, s: float):
    """(the row's pen over its box inset by 0.6 mm, the pen in ``under_by_rule``'s band above
    its lower rule or None): one mask for both where it gives the same pixels (``taller``),
    most rows; the band, a few pixels high, cost a mask of its own on every clean row."""
    whole = box_px(inset(row.line, 0.6), s)
    x0, top, x1, rule = by_rule_band(row, s)
    if (x0, x1) != (whole[0], whole[2]) or top < whole[1]:
        return pen_mask(page, ref, whole, shift), None
    tall = taller(page, ref, whole, shift, max(rule, whole[3]))
    if tall is None:
        return pen_mask(page, ref, whole, shift), None
    return tall[: whole[3] - whole[1]], tall[top - whole[1] : rule - whole[1]]


def _refold(creased: bool, at: int, shift: Shift) -> bool:
    """Is the row read with the sides of a fold placed each on its own? Only where a crease
    across the page crosses it (``at`` ≥ 0) or its rules above and below lie apart: one side
    lies above the other. A crease down the page (``at`` -1 with the rules in place) leaves the
    row's left and right side by side, each placed already (the row's pieces); placing its
    upper and lower parts apart there, where each leaves least pen, pushed a strike along the
    middle of the body out of both (tuning: full-length strikes read kept at 0.03 coverage)."""
    return creased and (at >= 0 or shift.split)


def _why(form: Form, found: Evidence, creased: bool) -> str:
    """The reason a person is asked (types.REASONS), from what was measured."""
    if form is not Form.STRIKE_THROUGH:
        return (
            "fold" if creased and found.stray_mm2 == 0 else ("mark" if found.stray_mm2 else "box")
        )
    z = found.zones
    if (z.above >= NOT_A_STRIKE and z.below >= NOT_A_STRIKE) or z.both >= NOT_A_STRIKE:
        return "circle"
    if z.below >= NOT_A_STRIKE and z.through < STRIKE_CUTS[2]:
        return "underline"
    if creased:
        return "fold"
    if z.through >= STRIKE_CUTS[0] or z.any >= NOT_A_STRIKE:
        return "partial"
    if found.stray_mm2 <= DOT_MM2:
        return "dot"
    return "mark"


def _strike_columns(ink: np.ndarray, gap: int, s: float) -> np.ndarray:
    """Columns a stroke runs along, from ``ink`` (pen pixels per column): inked columns
    joined across gaps up to ``gap`` (where the pen crossed a letter and was subtracted with
    it), keeping only runs with as much ink per millimetre as a pen line leaves even when
    mostly hidden, not a scatter of leftover specks."""
    inked = (ink > 0).view(np.uint8)[None, :]
    closed = cv2.morphologyEx(inked, cv2.MORPH_CLOSE, horizontal(gap))[0]
    padded = np.zeros(closed.size + 2, bool)
    padded[1:-1] = closed
    changes = np.flatnonzero(padded[1:] != padded[:-1])  # a run's start, then its end
    starts, ends = changes[0::2], changes[1::2]
    # Every run's ink at once: ``ink`` counts pixels (whole numbers), so these sums are exact.
    total = np.zeros(ink.size + 1)
    np.cumsum(ink, out=total[1:])
    mass = (total[ends] - total[starts]) / (s * s)  # mm²
    thin = (mass < FRAGMENT_MM2) | (mass < INK_PER_MM * (ends - starts) / s)
    for a, b in zip(starts[thin], ends[thin], strict=True):
        closed[a:b] = 0
    return closed


def _strike(page: Page, ref: Reference, i: int, row: RowTemplate, shift, s: float, row_pen):
    """``row_pen``: the pen over the row's box inset by 0.6 mm (``_row_pens``)."""
    if not ref.exact:
        return _strike_by_shape(page, ref, row, shift, s)
    if not row_pen.any():
        # Most rows: no pen anywhere in the row, so none on the name either; what the steps
        # below measure on such a row, without them (no strike, no stray pen).
        return Mark.KEPT, 1.0, Evidence(zones=NO_PEN)
    whole = box_px(inset(row.line, 0.6), s)
    a, b, pen, join = _over_name(row_pen, whole, row, s)
    name = ref.names[i]
    found = NO_PEN
    if name is not None and pen is not None:
        feet = not isinstance(shift, Refold)  # on a fold, a crease's residue lies so too
        found = zones(pen, whole[1], a, name, join, s, enough=STRIKE_CUTS[3], feet=feet)
    coverage = max(found.through, found.line, found.slant)
    extent = 0.0
    if name is not None and not isinstance(shift, Refold) and _partial(found):
        extent = followed(page, ref, pen, (a, whole[1]), name, join, shift, s)
        if extent >= EXTENT_CUT:
            coverage = max(coverage, extent)
    struck, confidence = decide(coverage, STRIKE_CUTS)
    ring = coverage < STRIKE_CUTS[3] or found.mass < SCRIBBLE_PX
    if struck and found.both >= NOT_A_STRIKE and ring:
        # Pen above and below the name in the same columns: a ring round it (an oval's ends
        # cross the body too; on a fold, the displaced print's specks in the body join into
        # a full "strike"), not one line through it. A name scribbled out has pen above and
        # below it too, but its body is dense with pen.
        confidence = min(confidence, 0.4)
    if struck and isinstance(shift, Refold) and name is not None:
        # Each side of the fold placed where it leaves least pen can lift an underline into
        # the letters' body (never-seen held-out 106066 row 45, read struck at 1.0): placed as
        # measured, the pen must still cross the body, and not lie under it instead.
        measured = no_hairlines(
            pen_mask(page, ref, whole, shift.shift)[:, a - whole[0] : b - whole[0]]
        )
        seen = zones(measured, whole[1], a, name, join, s, feet=False)
        if max(seen.through, seen.line) < STRIKE_CUTS[2] and seen.below >= NOT_A_STRIKE:
            confidence = min(confidence, 0.4)
    alone = None
    # Asked by both fold checks below, the same question: answered once, when first asked.
    # Plain to see: drawn as a pen line is, or darker than the paper beside the row along
    # ``need`` of the name (a crease darkens both alike; ``beyond``, asked once too).
    plain = _once(
        lambda: (
            plain_strike(page, pen, (a, whole[1]), name, shift, alone, STRIKE_CUTS[3])
            or beyond() >= need
        )
    )
    beyond = _once(lambda: _beyond(page, ref, pen, (a, whole[1]), name, row, shift, join, s))

    # On a fold, crease residue adds: only the sure zone, or from FOLD_CUT where the pen darker
    # than the paper beside the row strikes through as much (``need``: what every fold check
    # below asks of the pen with the crease taken out).
    need = STRIKE_CUTS[3] if coverage >= STRIKE_CUTS[3] else FOLD_CUT
    if struck and isinstance(shift, Refold) and coverage < STRIKE_CUTS[3]:
        if coverage < FOLD_CUT or name is None or beyond() < FOLD_CUT:
            confidence = min(confidence, 0.4)
    if struck and isinstance(shift, Refold) and shift.at >= 0:
        # A strike must not be the crease itself: it must still be one with the crease's
        # line (and a margin) taken out; else a person decides.
        band = pen.copy()
        top = shift.at - whole[1] - shift.half - CREASE_MARGIN_PX
        band[max(0, top) : max(0, top + 2 * (shift.half + CREASE_MARGIN_PX) + 1)] = False
        cut = zones(band, whole[1], a, name, join, s, feet=False)
        alone = max(cut.through, cut.line)
        along = name is not None and coverage >= need
        if alone < STRIKE_CUTS[2] and not (along and plain()):
            confidence = min(confidence, 0.4)
    if struck and isinstance(shift, Refold) and name is not None:
        reach = shift.half + CREASE_MARGIN_PX
        on_name = name.y0 - reach <= shift.at <= name.y1 + reach
        if on_name and not plain():
            # A crease across the printed name itself: what is left of it and of the letters
            # displaced on either side cannot be told from a strike at a glance, unless the
            # pen is a plain strike (see strike_checks.plain_strike).
            confidence = min(confidence, 0.4)
    if struck and name is not None and widest_piece(pen, whole[1], a, name, PIECE_PX) < PIECE_PX:
        # Joined across the letters, slivers of pen each a few pixels wide (the letters' edges
        # where a fold the reader missed left the print displaced) can cover the name; a pen
        # line shows somewhere between two letters or across a word's gap.
        confidence = min(confidence, 0.4)
    stray = 0.0 if struck else area_mm2(row_pen, s)  # a struck row's ink is its strike
    if not struck:
        confidence = min(confidence, quiet(stray, STRAY_MM2))
    return (
        (Mark.STRUCK if struck else Mark.KEPT),
        confidence,
        Evidence(coverage=coverage, stray_mm2=stray, zones=found, extent=extent),
    )


def _beyond(page: Page, ref: Reference, pen, origin, name, row: RowTemplate, shift, join, s):
    """``strike_checks.beyond_crease`` of the row's pen over its name (``origin``: its
    top-left): how much of the name the pen darker than the paper beside the row strikes
    through."""
    line = box_px(row.line, s)
    return beyond_crease(page, ref, pen, origin, name, shift, (line[0], line[2]), join, s)


def _partial(found: Zones) -> bool:
    """Is the pen a strike through the body covering too little of the name to decide, and
    no ring or underline? A curved pen (an oval's arc where it crosses the body) followed along
    its tangent grows too (held-out stress: an oval from 0.33 to 0.44): so no pen over the
    name (an oval's or a circle's top), in no column above and below it at once, and no line
    under it along ``NOT_A_STRIKE`` of it (the decided strikes: over 0, under up to 0.23)."""
    if not STRIKE_CUTS[1] <= found.through < STRIKE_CUTS[2] or found.line > 0:
        return False
    return found.above < ALONE and found.both == 0 and found.below < NOT_A_STRIKE


def _strike_by_shape(page: Page, ref: Reference, row: RowTemplate, shift: Shift, s: float):
    """Without the printed names: a strike joins the glyphs it crosses into one long blob.

    Only the clear cases are decided: a blob along most of the inked width is a
    strike; glyph-sized blobs only are no strike; the rest goes to a person."""
    x0, y0, x1, y1 = box_px(row.name, s)
    ink = pen_mask(page, ref, (x0, y0, x1, y1), shift).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 2:
        return Mark.KEPT, 1.0, Evidence(coverage=0.0, stray_mm2=0.0)
    left = stats[1:, cv2.CC_STAT_LEFT]
    right = left + stats[1:, cv2.CC_STAT_WIDTH]
    span = max(1, int(right.max() - left.min()))
    longest = int(stats[1:, cv2.CC_STAT_WIDTH].max())
    share = longest / span
    glyph = 0.9 * row.name.h * s  # the widest letters are about as wide as the strip is high
    if share >= 0.75 and longest > 2 * glyph:
        return Mark.STRUCK, 0.5 + 0.5 * ramp(share, 0.75, 0.9), Evidence(coverage=share)
    if share <= 0.35 or longest <= glyph:
        return Mark.KEPT, 0.75, Evidence(coverage=share)
    return (Mark.STRUCK if share >= 0.55 else Mark.KEPT), 0.25, Evidence(coverage=share)


def _crop(line: Box, dx: int, dy: int, s: float, shape) -> tuple[int, int, int, int]:
    m = CROP_MARGIN_MM
    x0, y0, x1, y1 = box_px(Box(line.x - m, line.y - m, line.w + 2 * m, line.h + 2 * m), s)
    x0, y0 = max(0, x0 + dx), max(0, y0 + dy)
    x1, y1 = min(shape[1], x1 + dx), min(shape[0], y1 + dy)
    return x0, y0, x1 - x0, y1 - y0
