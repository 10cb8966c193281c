"""Read one scanned page against a ballot template (see types.py for what comes back).

Steps: register on the four corner markers (register.py) → warp the scan onto
the template at ``dpi`` (warp.py) → read the QR code in its square and compare it with
the template (code.py) → find the ink against the paper's local tone (align.py)
→ find the folds' creases, clear them from the ink and note the rows they cross
(creases.py) → each row's small shift (shifts.py) → read every row (rows.py)
→ look for writing outside the rows (outside.py). Pure NumPy/OpenCV.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property, partial

import cv2
import numpy as np

from daihoi.scanning.omr.align import Page, page_tones
from daihoi.scanning.omr.code import SAME_CODE, Code, decode, mismatch, read_code, same_code
from daihoi.scanning.omr.crease_lines import crease_as_strike
from daihoi.scanning.omr.creases import (
    HIDDEN_PEN,
    HIDDEN_PEN_PLUS,
    HIDDEN_PEN_SHARE,
    Crease,
    across_profile,
    clear,
    crease_alone,
    find_creases,
    paper_only,
)
from daihoi.scanning.omr.evidence import Evidence
from daihoi.scanning.omr.outside import writing_outside
from daihoi.scanning.omr.pages import to_grey
from daihoi.scanning.omr.reference import box_px, reference_for
from daihoi.scanning.omr.register import Refusal, register
from daihoi.scanning.omr.rows import read_rows, strikes_beyond_crease
from daihoi.scanning.omr.shifts import row_shifts
from daihoi.scanning.omr.specks import without_specks
from daihoi.scanning.omr.types import Mark, PageReading, PageStatus, Template
from daihoi.scanning.omr.warp import warp

OTHER_LAYOUT = (
    "Trang mang mã của chính phiếu này nhưng dấu góc hoặc mã QR không nằm đúng chỗ, đúng cỡ của "
    "mẫu phiếu: có thể là phiếu in khổ giấy khác, hoặc trang bị co giãn. Hãy đọc trang với mẫu "
    "phiếu khổ kia, hoặc xem tờ phiếu."
)
TOO_SMALL = "Ảnh trang quá nhỏ hoặc không phải ảnh quét một trang giấy."
NO_CODE = (
    "Tìm thấy 4 dấu góc nhưng không đọc được mã QR của phiếu (mã bị mờ, bẩn, rách hoặc bị "
    "che). Hãy xem tờ phiếu; nếu đúng là phiếu của cuộc bầu này thì nhập tay."
)


def read_page(image: np.ndarray, template: Template, *, dpi: int = 200) -> PageReading:
    """Everything the reader can tell about one page (never raises on a bad scan)."""
    reading, _ = read_page_with_evidence(image, template, dpi=dpi)
    return reading


def read_page_with_evidence(
    image: np.ndarray, template: Template, *, dpi: int = 200
) -> tuple[PageReading, tuple[Evidence, ...]]:
    """``read_page`` plus the measures behind each row (for tests and the benchmark)."""
    image = np.asarray(image)
    if image.ndim not in (2, 3) or min(image.shape[:2]) < 32:
        return PageReading(PageStatus.UNREADABLE, TOO_SMALL, "", dpi=dpi), ()
    image = to_grey(image)
    registration = register(image, template, dpi)
    if isinstance(registration, Refusal):
        return _refused(image, registration, template, dpi), ()
    ref = reference_for(template, dpi)
    aligned = warp(image, registration.matrix, ref.shape)
    code, aligned, turned = _code(aligned, registration, template, ref, dpi)
    if not code.text:
        return PageReading(PageStatus.NO_CODE, NO_CODE, "", aligned=aligned, dpi=dpi), ()
    wrong = mismatch(code.text, template)
    if wrong:
        return PageReading(PageStatus.WRONG_BALLOT, wrong, code.text, aligned=aligned, dpi=dpi), ()
    if not code.in_place:
        return PageReading(PageStatus.UNREADABLE, OTHER_LAYOUT, code.text, dpi=dpi), ()
    page = page_tones(aligned, registration.ink)
    dark = without_specks(page.dark, template, ref)
    if dark is not page.dark:  # a page sown with a scanner's specks (specks.py)
        page = Page(page.aligned, dark, page.paper, page.ink)
    level = cv2.resize(page.paper, aligned.shape[::-1], interpolation=cv2.INTER_LINEAR)
    # Without the printed PDF the names' print is unknown: a crease cannot be told from it.
    creases = find_creases(paper_only(aligned, ref.printed_page, level)) if ref.exact else []
    before = page.dark
    if creases:
        page = Page(page.aligned, clear(page.dark, creases, aligned, level), page.paper, page.ink)
    shifts = row_shifts(page.dark, template, ref)
    folds = _folds(creases, template, ref.dpi)
    rows, evidence = read_rows(page, template, ref, shifts, folds)
    if creases:
        removed = _cleared(before, page.dark, creases)
        rows = _hidden_pen(rows, folds, removed, (aligned, level), template, creases, ref)
        beyond = partial(strikes_beyond_crease, page, template, ref, shifts=shifts, folds=folds)
        rows = crease_as_strike(rows, folds, before, page.dark, ref, template, shifts, beyond)
    flags = {180: ("rotated_180",), 90: ("rotated_90",), 270: ("rotated_90",)}.get(turned, ())
    if writing_outside(page.dark, ref, page.aligned, page.ink, creases):
        flags += ("writing_outside",)
    return PageReading(PageStatus.OK, "", code.text, rows, flags, aligned, dpi), evidence


def _folds(creases: list[Crease], template: Template, dpi: int) -> dict[int, tuple[int, int]]:
    """Row index → (y, half-thickness) in pixels where a crease across the page crosses the
    row's middle; a crease down the page crosses rows too, but their two sides lie side by
    side (row index → (-1, 0))."""
    s = template.px(dpi)
    folds: dict[int, tuple[int, int]] = {}
    for crease in creases:
        for i, row in enumerate(template.rows):
            x = (row.line.x + row.line.w / 2) * s
            if crease.across:
                y = float(crease.position(x))
                if row.line.y * s - 3 < y < (row.line.y + row.line.h) * s + 3:
                    folds[i] = (round(y), crease.half)
            else:
                xc = float(crease.position((row.line.y + row.line.h / 2) * s))
                if row.line.x * s < xc < (row.line.x + row.line.w) * s:
                    folds.setdefault(i, (-1, 0))
    return folds


def _cleared(before: np.ndarray, after: np.ndarray, creases: list[Crease]):
    """(the ink the creases took out of ``before``, 255 there, the page's size; the pixel
    (x, y) of each, row by row). Only the bands the creases' lines run through are compared:
    ``after`` is ``before`` less those lines (both 0/255), so their difference is what was
    cleared."""
    removed = np.zeros(before.shape, np.uint8)  # calloc: untouched pages cost nothing
    rows_only = all(crease.across for crease in creases)
    top, bottom = before.shape[0], 0
    for crease in creases:
        ends = crease.position(np.array([0.0, before.shape[1 if crease.across else 0] - 1.0]))
        lo = max(0, int(np.floor(ends.min())) - crease.half - 1)
        hi = int(np.ceil(ends.max())) + crease.half + 2
        band = np.s_[lo:hi] if crease.across else np.s_[:, lo:hi]
        removed[band] = cv2.subtract(before[band], after[band])
        if crease.across:
            top, bottom = min(top, lo), max(bottom, hi)
    if not rows_only:
        top, bottom = 0, before.shape[0]
    points = cv2.findNonZero(removed[top:bottom]) if bottom > top else None
    if points is None:
        return removed, None
    return removed, (points[:, 0, 0], points[:, 0, 1] + top)


def _hidden_pen(rows, folds, cleared, tones, template: Template, creases=(), ref=None):
    """Rows kept by the machine where the ink cleared with a crease was darker than what the
    creases left on the rest of the page, or than what the row's own crease left along its
    line, whichever is less (perhaps a strike drawn along one): a person decides them
    ("fold"). The page's mean alone was raised by one dark crease elsewhere (or by the
    strikes cleared along the same line in every column of the list): a held-out strike
    along a crease through the first names, cleared at 75-115 grey levels, stayed "kept"
    against a limit of 149.

    The ink cleared on the letters counts too. Within the print's slack a crease across a
    clean name darkens the letters' soft edges past that limit, and such names go to a
    person; counting only the ink cleared on the paper decided them kept (session 7, -0.37 %
    of held-out rows to a person), and with them a light strike drawn along a dark crease
    through a name (never-seen held-out 100257 row 45, read kept at confidence 1): reverted.
    Between the letters they can be told apart: a row whose crease there is no darker than
    beside the row and all along the name stays kept (``creases.crease_alone``; with ``ref``,
    the printed reference, which says where the paper is open)."""
    aligned, level = tones
    removed, points = cleared
    if points is None:
        return rows
    xs, ys = points
    page_mean = float((level[ys, xs].astype(np.int16) - aligned[ys, xs]).mean())
    s = aligned.shape[1] / template.width
    out = list(rows)
    alone = _Alone(tones, ref, template)
    for i in folds:
        row = out[i]
        if row.uncertain or row.mark is not Mark.KEPT:
            continue
        x0, y0, x1, y1 = box_px(template.rows[i].name, s)
        here = removed[y0:y1, x0:x1] > 0
        if not here.any():
            continue
        reference = min(page_mean, _own_crease(creases, folds[i], (x0 + x1) / 2))
        darkening = level[y0:y1, x0:x1].astype(np.int16) - aligned[y0:y1, x0:x1]
        dark = here & (darkening > HIDDEN_PEN * reference + HIDDEN_PEN_PLUS)
        if np.count_nonzero(dark.any(axis=0)) <= HIDDEN_PEN_SHARE * (x1 - x0):
            continue
        if ref is None or not _crease_alone(alone, creases, folds[i], template, i, s):
            out[i] = replace(row, confidence=0.4, uncertain=True, reason="fold")
    return tuple(out)


class _Alone:
    """What ``creases.crease_alone`` reads on one page, made when first asked: where the paper
    is open (no print near), which pixel columns lie within a row, each crease's profile."""

    def __init__(self, tones, ref, template: Template):
        self.tones, self.ref, self.template = tones, ref, template
        self.profiles: dict[int, tuple] = {}

    @cached_property
    def open_paper(self) -> np.ndarray:
        return self.ref.printed_page == 0

    @cached_property
    def rows_x(self) -> np.ndarray:
        s = self.tones[0].shape[1] / self.template.width
        inside = np.zeros(self.tones[0].shape[1], bool)
        for row in self.template.rows:
            x0, _, x1, _ = box_px(row.line, s)
            inside[max(0, x0) : max(0, x1)] = True
        return inside

    def profile(self, k: int, crease: Crease):
        if k not in self.profiles:
            self.profiles[k] = across_profile(crease, *self.tones, self.open_paper)
        return self.profiles[k]


def _crease_alone(alone: _Alone, creases, fold, template: Template, i: int, s: float) -> bool:
    """Does the crease across row ``i`` alone explain the ink cleared on its name?"""
    row = template.rows[i]
    x0, _, x1, _ = box_px(row.name, s)
    k = _own_crease_index(creases, fold, (x0 + x1) / 2)
    if k is None:
        return False
    lx0, _, lx1, _ = box_px(row.line, s)
    return crease_alone(alone.profile(k, creases[k]), (x0, x1), (lx0, lx1), alone.rows_x)


def _own_crease(creases, fold: tuple[int, int], x: float) -> float:
    """How dark the crease across the page that crosses a row at ``fold`` (y at the name's
    middle ``x``, half-thickness) is, as the crease finder measured it along the whole page
    (``Crease.dark``); +inf when there is none. The ink cleared along its line is no measure
    of it: where the crease is faint, only what is darker than the paper's ink cut (strikes
    along it among them) was ink to clear."""
    k = _own_crease_index(creases, fold, x)
    return float("inf") if k is None else creases[k].dark


def _own_crease_index(creases, fold: tuple[int, int], x: float) -> int | None:
    """The index in ``creases`` of the crease across the page that crosses a row at ``fold``
    (y at ``x``, half-thickness), or None."""
    y, _ = fold
    for k, crease in enumerate(creases):
        if crease.across and y >= 0 and abs(float(crease.position(x)) - y) <= 3:
            return k
    return None


def _refused(image: np.ndarray, refusal: Refusal, template: Template, dpi: int) -> PageReading:
    """The page refused at registration; when no markers match, perhaps another ballot's
    page (another paper size): its code, if it can be read anywhere, says which."""
    if refusal.status is PageStatus.UNREADABLE:
        found = decode(image)
        wrong = mismatch(found, template) if found else None
        if wrong:
            return PageReading(PageStatus.WRONG_BALLOT, wrong, found, dpi=dpi)
        if found:  # this ballot's code on a page of another layout or size
            return PageReading(PageStatus.UNREADABLE, OTHER_LAYOUT, found, dpi=dpi)
    return PageReading(refusal.status, refusal.message, "", dpi=dpi)


def _code(aligned, registration, template: Template, ref, dpi: int) -> tuple[Code, np.ndarray, int]:
    """(code, aligned page, degrees turned): the expected code recognised by comparison,
    else decoded in its square, on the page turned round, then anywhere on the page."""
    turned = registration.turned
    if ref.exact:
        cut = (registration.paper + registration.ink) / 2
        if same_code(aligned, cut, ref, template) <= SAME_CODE:
            return Code(template.payload, True), aligned, turned
    flipped = cv2.rotate(aligned, cv2.ROTATE_180)
    if ref.exact and same_code(flipped, cut, ref, template) <= SAME_CODE:
        return Code(template.payload, True), flipped, (turned + 180) % 360
    code = read_code(aligned, template, dpi)
    if code.text:
        return code, aligned, turned
    # The code's corner decided which way up the page lies; if it was wrong, the
    # code is now in the opposite corner.
    code = read_code(flipped, template, dpi)
    if code.text:
        return code, flipped, (turned + 180) % 360
    return read_code(aligned, template, dpi, whole_page=True), aligned, turned
