"""What real ballots carry, as ranges: the tuning set and the held-out set.

The reader's cut points are set on ``TUNING`` only. ``HELD_OUT`` is drawn with
another seed and other, mostly wider ranges (deeper and shallower underlines,
tighter and looser circles, larger fold displacements, darker creases, strikes
drawn further from the middle of the name, more of every nuisance), so that
it measures the reader on paper it was not tuned on. The ranges are this
project's own guesses at an office's paper, not fitted to any reported figure.

Lengths in millimetres; ``*_rate`` are shares of ballots (or of rows, where
said); ranges are (low, high) for a uniform draw.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from daihoi.scanning.synthetic.scanner import SCANNER, Scanner


@dataclass(frozen=True)
class Conditions:
    name: str
    seed: int  # mixed into every ballot's seed: the two sets share no ballot
    # Marks on a name that are not strikes (share of rows): each sent to a person.
    other_mark_rate: float
    other_marks: tuple[tuple[str, float], ...]  # (kind, weight)
    underline_depth: tuple[float, float]  # below the printed baseline, to the line's centre
    circle_margin: tuple[float, float]  # how far the circle passes outside the name's ends
    short_share: tuple[float, float]  # of the name's width, for a short stroke
    # Where a real strike runs: its centre from the middle of the x-height band, as a share of
    # the band's height (0 = the middle, 0.5 = on the baseline or the x-height line).
    strike_offset: float
    scribble_rate: float  # of struck rows: a name scribbled out instead of one line
    second_pen_rate: float  # of ballots: some rows in a second, lighter pen
    second_pen_ink: tuple[float, float]  # its grey as the scanner sees it
    # The sheet.
    fold_rate: float  # of ballots folded (in halves or in thirds)
    thirds_rate: float  # of folded ballots, folded in thirds
    fold_shift: tuple[float, float]  # displacement of one side of a crease against the other
    crease_dark: tuple[float, float]  # grey levels the crease's shadow takes off the paper
    crease_width: tuple[float, float]
    bleed_rate: float
    bleed_sigma: tuple[float, float]
    smudge_rate: float
    smudge_dark: tuple[float, float]
    staple_rate: float
    upside_down: float
    scanner: Scanner = SCANNER


TUNING = Conditions(
    name="tuning",
    seed=1801,
    other_mark_rate=0.004,
    other_marks=(
        ("underline", 3),
        ("circle", 2),
        ("oval", 1),
        ("loop", 1),
        ("dot", 1),
        ("short", 1),
    ),
    underline_depth=(0.35, 2.0),
    circle_margin=(1.0, 4.0),
    short_share=(0.08, 0.3),
    strike_offset=0.2,
    scribble_rate=0.05,
    second_pen_rate=0.1,
    second_pen_ink=(110, 150),
    fold_rate=0.7,
    thirds_rate=0.5,
    fold_shift=(0.0, 0.35),
    crease_dark=(15, 60),
    crease_width=(0.15, 0.4),
    bleed_rate=0.1,
    bleed_sigma=(0.05, 0.15),
    smudge_rate=0.05,
    smudge_dark=(8, 25),
    staple_rate=0.05,
    upside_down=0.05,
)

HELD_OUT = Conditions(
    name="held-out",
    seed=990_017,
    other_mark_rate=0.006,
    other_marks=(
        ("underline", 2),
        ("circle", 2),
        ("oval", 2),
        ("loop", 1),
        ("dot", 1),
        ("short", 2),
    ),
    underline_depth=(0.25, 2.3),
    circle_margin=(0.6, 5.0),
    short_share=(0.05, 0.35),
    strike_offset=0.25,
    scribble_rate=0.08,
    second_pen_rate=0.15,
    second_pen_ink=(100, 165),
    fold_rate=0.9,
    thirds_rate=0.6,
    fold_shift=(0.0, 0.45),
    crease_dark=(10, 80),
    crease_width=(0.1, 0.5),
    bleed_rate=0.15,
    bleed_sigma=(0.05, 0.2),
    smudge_rate=0.08,
    smudge_dark=(8, 30),
    staple_rate=0.08,
    upside_down=0.06,
)

# The held-out ballots through another scanner, wider than the one both sets above were made
# with: turned up to 4.5°, scaled ±3.5 %, more perspective, JPEG down to quality 38, tinted
# paper, a noisy sensor's salt on up to 0.1 % of the pixels, a shadow along one edge. Nothing
# in the reader was tuned on it.
OTHER_SCANNER = replace(
    HELD_OUT,
    name="other-scanner",
    seed=424_242,
    scanner=Scanner(
        rotation=4.5,
        scale=0.035,
        perspective=0.005,
        quality=(38, 90),
        paper_low=195,
        salt=(0.0, 0.001),
        shadow=(0.0, 0.4),
    ),
)

SETS = {c.name: c for c in (TUNING, HELD_OUT, OTHER_SCANNER)}
