"""Synthetic scanned ballots with known marks: the reader's test set and benchmark.

``ballot_image`` renders the REAL ballot PDF (``elections.ballot_paper``) with
PDFium; ``draw_seal`` stamps the committee's seal on it and ``draw_marks`` draws
a voter's pen (voter.py); ``simulate_scan`` does to it what an office scanner
does and ``scanned_pdf`` packs scans into a PDF of JPEG pages (scanner.py);
``synthetic_ballots`` makes seeded, deterministic (scan, truth) pairs.

**The truth** (``Truth``, a ``dict`` position → ``Mark``) holds what the voter
meant. It also says what the reader should notice rather than decide:

* ``ambiguous`` — rows drawn deliberately unclear, as real voters sometimes
  do: a short stroke across one end or a corner of a name (under a third of
  it), a tick or dot beside it, a dot in a box, an X drawn mostly outside its
  box. The truth mark of such a row is what the voter *probably* meant; a
  person must decide it, so the reader should send it to adjudication and the
  benchmark counts these rows on their own line, never as errors.
* ``writing_outside`` — a scribble was drawn outside the rows;
* ``turned`` — the page was fed upside down (180);
* ``paper`` — what happened to the sheet (``"fold2"``, ``"fold3"``, ``"bleed"``,
  ``"smudge"``, ``"staple"``).

With ``conditions`` (``TUNING`` or ``HELD_OUT``, conditions.py) a ballot
carries what real ones do (marks.py, paper.py): folds in halves or thirds with
creases and a displaced side, underlines, circles, ovals and loops, dots and
short strokes (each an ``ambiguous`` row of that kind), names scribbled out, a
second lighter pen, ink bleeding, smudges, staples.

A row that is not ambiguous is drawn as a voter who followed the instructions
would: a strike crosses at least 55 % of the name's printed width ("partial"
strokes cover 55–95 %, all other strokes the whole name), an X or tick sits in
its box.
"""

from __future__ import annotations

import zlib

import numpy as np

from daihoi.elections.ballot_paper import BallotSpec, ballot_layout, render_ballot_pdf
from daihoi.rules.ballots import Form
from daihoi.scanning.omr.pages import open_pdf, render_pdf_page
from daihoi.scanning.omr.types import Mark, Template
from daihoi.scanning.synthetic import paper as sheet
from daihoi.scanning.synthetic.conditions import (
    HELD_OUT,
    OTHER_SCANNER,
    SETS,
    TUNING,
    Conditions,
)
from daihoi.scanning.synthetic.marks import OTHER_MARKS, draw_ballot, name_body
from daihoi.scanning.synthetic.scanner import (
    CRUMPLE_MM,
    decode_scan,
    scan_jpeg,
    scanned_pdf,
    simulate_scan,
)
from daihoi.scanning.synthetic.voter import (
    PENS,
    STRIKES,
    TICKS,
    draw_marks,
    draw_seal,
    draw_writing,
    name_extent,
)

__all__ = [
    "CRUMPLE_MM",
    "HELD_OUT",
    "OTHER_SCANNER",
    "OTHER_MARKS",
    "SETS",
    "TUNING",
    "Conditions",
    "name_body",
    "PENS",
    "STRIKES",
    "TICKS",
    "Truth",
    "ballot_image",
    "ballot_template",
    "draw_marks",
    "draw_seal",
    "draw_writing",
    "name_extent",
    "random_marks",
    "scanned_pdf",
    "simulate_scan",
    "scan_jpeg",
    "decode_scan",
    "synthetic_ballot",
    "synthetic_ballots",
]

AMBIGUOUS_ROW = 0.002  # share of rows drawn deliberately unclear
WRITING_OUTSIDE = 0.01  # share of ballots with a scribble outside the rows
UPSIDE_DOWN = 0.05  # share of pages fed upside down


class Truth(dict):
    """Position → Mark as the voter meant it; see the module docstring for the attributes."""

    def __init__(self, marks=(), *, ambiguous=(), writing_outside=False, turned=0, paper=()):
        super().__init__(marks)
        self.ambiguous = frozenset(ambiguous)
        # position → what was drawn there instead of a clear mark ("underline", "circle", …)
        self.kinds = dict(ambiguous) if isinstance(ambiguous, dict) else {}
        self.writing_outside = writing_outside
        self.turned = turned
        self.paper = tuple(paper)


def ballot_template(spec: BallotSpec, page_size: str = "A4") -> Template:
    """The reader's template for ``spec``, with the printed PDF as its reference."""
    return Template.from_layout(
        ballot_layout(spec, page_size), pdf=render_ballot_pdf(spec, page_size=page_size)
    )


def ballot_image(spec: BallotSpec, *, page_size: str = "A4", dpi: int = 200) -> np.ndarray:
    """The real ballot PDF rendered by PDFium: grey uint8 at ``dpi``."""
    doc = open_pdf(render_ballot_pdf(spec, page_size=page_size), "ballot")
    try:
        return render_pdf_page(doc, 0, dpi)
    finally:
        doc.close()


def random_marks(template: Template, rng: np.random.Generator) -> dict[int, Mark]:
    """One voter's marks: strikes at a ballot-wide rate; boxes mostly "agree"."""
    positions = [row.position for row in template.rows]
    if template.form is Form.STRIKE_THROUGH:
        rate = rng.uniform(0.05, 0.6)
        return {p: Mark.STRUCK if rng.random() < rate else Mark.KEPT for p in positions}
    choices = [Mark.AGREE, Mark.DISAGREE, Mark.BOTH, Mark.NONE]
    picks = rng.choice(len(choices), len(positions), p=[0.74, 0.2, 0.02, 0.04])
    return {p: choices[i] for p, i in zip(positions, picks, strict=True)}


def synthetic_ballot(
    template: Template,
    blank: np.ndarray,
    rng: np.random.Generator,
    *,
    dpi: int = 200,
    severity: float = 1.0,
    ambiguous: float = AMBIGUOUS_ROW,
    conditions: Conditions | None = None,
    encoded: bool = False,
) -> tuple[np.ndarray | bytes, Truth]:
    """One voter's scanned ballot and its truth (see the module docstring); ``ambiguous``
    is the share of rows drawn deliberately unclear. With ``conditions``, the ballot carries
    what real paper does (then ``ambiguous`` is not used). With ``encoded`` the scan comes
    as the scanner's JPEG bytes (``decode_scan`` gives the same pixels), to be kept."""
    if conditions is not None:
        return _real_paper(template, blank, rng, conditions, dpi, encoded)
    marks = random_marks(template, rng)
    style: dict[int, str] = {}
    for row in template.rows:
        if rng.random() < ambiguous:
            if template.form is Form.STRIKE_THROUGH:
                style[row.position] = "ambiguous" if rng.random() < 0.7 else "tick_beside"
                marks[row.position] = (
                    Mark.STRUCK if style[row.position] == "ambiguous" else Mark.KEPT
                )
            else:
                style[row.position] = "ambiguous_dot" if rng.random() < 0.5 else "ambiguous_outside"
                marks[row.position] = Mark.NONE
    paper = blank.copy()
    draw_seal(paper, template, rng, dpi=dpi)
    paper = draw_marks(paper, template, marks, rng, dpi=dpi, style=style)
    writing = rng.random() < WRITING_OUTSIDE and draw_writing(paper, template, rng, dpi=dpi)
    turned = 180 if rng.random() < UPSIDE_DOWN else 0
    scan = scan_jpeg(paper, rng, severity=severity, upside_down=bool(turned))
    scan = scan if encoded else decode_scan(scan)
    return scan, Truth(marks, ambiguous=style, writing_outside=writing, turned=turned)


def synthetic_ballots(
    spec: BallotSpec, n: int, seed: int, *, page_size: str = "A4", dpi: int = 200
) -> list[tuple[np.ndarray, dict[int, Mark]]]:
    """``n`` (scan, truth) pairs; the i-th depends only on (spec, seed, i)."""
    template = ballot_template(spec, page_size)
    blank = ballot_image(spec, page_size=page_size, dpi=dpi)
    children = np.random.SeedSequence([seed, zlib.crc32(spec.qr_payload.encode())]).spawn(n)
    return [synthetic_ballot(template, blank, np.random.default_rng(c), dpi=dpi) for c in children]


def _real_paper(
    template: Template, blank: np.ndarray, rng, c: Conditions, dpi: int, encoded: bool = False
):
    """A ballot as it comes out of a real box (see ``conditions.py``)."""
    marks = random_marks(template, rng)
    clean = blank.copy()
    draw_seal(clean, template, rng, dpi=dpi)
    paper, others = draw_ballot(clean, template, marks, rng, c, dpi=dpi)
    happened = []
    if rng.random() < c.bleed_rate:
        sheet.bleed(paper, clean, rng, c, dpi)
        happened.append("bleed")
    writing = rng.random() < WRITING_OUTSIDE and draw_writing(paper, template, rng, dpi=dpi)
    if rng.random() < c.smudge_rate:
        sheet.smudge(paper, rng, c, dpi)
        happened.append("smudge")
    if rng.random() < c.staple_rate:
        sheet.staple(paper, rng, dpi)
        happened.append("staple")
    if rng.random() < c.fold_rate:
        happened.append(f"fold{len(sheet.fold(paper, rng, c, dpi)) + 1}")
    turned = 180 if rng.random() < c.upside_down else 0
    scan = scan_jpeg(paper, rng, upside_down=bool(turned), scanner=c.scanner)
    scan = scan if encoded else decode_scan(scan)
    truth = Truth(marks, ambiguous=others, writing_outside=writing, turned=turned, paper=happened)
    return scan, truth
