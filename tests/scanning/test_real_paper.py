"""Issue 18: what real ballots carry is never read as a strike. Each test draws one mark (or
one fold) on a small ballot, scans it with the synthetic scanner and reads the page."""

import json

import numpy as np
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.elections.lists import ballot_spec
from daihoi.scanning import synthetic
from daihoi.scanning.omr.reader import read_page
from daihoi.scanning.omr.types import Mark
from daihoi.scanning.synthetic import marks as drawn
from daihoi.scanning.synthetic import paper as sheet
from daihoi.scanning.synthetic.voter import _Pen
from tests.scanning.test_omr_reader import paper

S = 200 / 25.4


def marked(kind: str, seed: int, *, names=7, seats=5, size="A5", conditions=synthetic.TUNING):
    """A ballot with names 1 and 4 struck and ``kind`` (not a strike) drawn on name 2."""
    template, blank = paper(names, seats, size)
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.KEPT for r in template.rows} | {1: Mark.STRUCK, 4: Mark.STRUCK}
    image, _ = drawn.draw_ballot(blank, template, truth, rng, _no_others(conditions))
    row = template.rows[1]
    body = drawn.name_body(blank, row.name, S)
    pen = _Pen(rng)
    for stroke in drawn.other_mark(rng, kind, row.line, body, conditions):
        pen.stroke(image, stroke, S)
    return template, synthetic.simulate_scan(image, rng), truth


def _no_others(conditions):
    from dataclasses import replace

    return replace(conditions, other_mark_rate=0.0, scribble_rate=0.0, second_pen_rate=0.0)


def assert_safe(reading, truth, asked=()):
    """No row decided against the truth; the rows in ``asked`` sent to a person."""
    assert reading.status.value == "ok", reading.message
    for row in reading.rows:
        if row.position in asked:
            assert row.uncertain, f"row {row.position} decided {row.mark} ({row.confidence})"
        elif not row.uncertain:
            assert row.mark is truth[row.position], f"row {row.position} read {row.mark}"


@pytest.mark.parametrize(
    ("kind", "reasons"),
    [
        ("underline", {"underline"}),
        ("circle", {"circle"}),
        ("oval", {"circle"}),
        ("loop", {"circle"}),
        ("dot", {"dot", "mark", "partial"}),
        ("short", {"partial"}),
    ],
)
@pytest.mark.parametrize("seed", [1, 2])
def test_a_mark_that_is_not_a_strike_goes_to_a_person_with_its_reason(kind, reasons, seed):
    template, scan, truth = marked(kind, seed)
    reading = read_page(scan, template)
    assert_safe(reading, truth, asked={2})
    assert reading.rows[1].reason in reasons


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.floats(0.25, 2.3), seed=st.integers(0, 10_000))
def test_an_underline_at_any_depth_is_never_read_as_a_strike(depth, seed):
    from dataclasses import replace

    conditions = replace(synthetic.HELD_OUT, underline_depth=(depth, depth))
    template, scan, truth = marked("underline", seed, conditions=conditions)
    reading = read_page(scan, template)
    assert_safe(reading, truth, asked={2})


def test_a_name_scribbled_out_is_read_struck():
    template, blank = paper(7, 5, "A5")
    rng = np.random.default_rng(8)
    image = blank.copy()
    pen = _Pen(rng)
    for row in template.rows[:3]:
        for stroke in drawn.scribble(rng, row.line, drawn.name_body(blank, row.name, S)):
            pen.stroke(image, stroke, S)
    reading = read_page(synthetic.simulate_scan(image, rng), template)
    assert [r.mark for r in reading.rows[:3] if not r.uncertain] == [Mark.STRUCK] * 3


def folded(seed: int, shift_mm: float, marks: dict, *, names=66, seats=55, dark=(40, 60)):
    """A ballot with ``marks`` folded in thirds, each lower part ``shift_mm`` off."""
    from dataclasses import replace

    template, blank = paper(names, seats, "A4")
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.KEPT for r in template.rows} | marks
    conditions = replace(
        _no_others(synthetic.TUNING),
        thirds_rate=1.0,
        fold_shift=(shift_mm, shift_mm),
        crease_dark=dark,
    )
    image, _ = drawn.draw_ballot(blank, template, truth, rng, conditions)
    creases = sheet.fold(image, rng, conditions, 200)
    return template, synthetic.simulate_scan(image, rng), truth, creases


@pytest.mark.parametrize("shift_mm", [0.0, 0.25, 0.45])
def test_a_folded_ballot_never_reads_a_crease_or_a_displaced_half_as_a_strike(shift_mm):
    template, scan, truth, creases = folded(3, shift_mm, {})
    assert len(creases) == 2
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    assert not [r.position for r in reading.rows if r.mark is Mark.STRUCK and not r.uncertain]
    assert sum(r.uncertain for r in reading.rows) <= 6
    assert {r.reason for r in reading.rows if r.uncertain} <= {"fold", "dot", "mark", "partial"}


def test_strikes_on_a_folded_ballot_are_still_read():
    struck = {p: Mark.STRUCK for p in range(1, 67, 3)}
    template, scan, truth, _ = folded(5, 0.35, struck)
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    read_struck = [r.position for r in reading.rows if r.mark is Mark.STRUCK and not r.uncertain]
    assert len(read_struck) >= len(struck) - 3


def test_creases_are_found_across_the_whole_page_and_a_strike_is_not_one():
    from daihoi.scanning.omr import creases

    page = np.full((800, 600), 230, np.float32)
    page[400:403, :] -= 20  # a faint crease across the whole sheet
    page[200:203, 150:450] -= 150  # a dark stroke across the middle only
    found = creases.find_creases(page)
    assert [(c.across, round(float(c.position(300)))) for c in found] in (
        [(True, 399)],
        [(True, 400)],
        [(True, 401)],
    )


@pytest.mark.django_db
def test_the_adjudication_screen_names_why_a_row_is_asked(client, batch, counting):
    from tests.scanning.test_real_scans import read
    from tests.scanning.test_views import login

    spec = ballot_spec(batch.election)
    template = synthetic.ballot_template(spec, "A4")
    blank = synthetic.ballot_image(spec, page_size="A4")
    rng = np.random.default_rng(4)
    truth = {r.position: Mark.KEPT for r in template.rows}
    image, _ = drawn.draw_ballot(blank, template, truth, rng, _no_others(synthetic.TUNING))
    row = template.rows[2]
    for stroke in drawn.other_mark(
        rng, "underline", row.line, drawn.name_body(blank, row.name, S), synthetic.TUNING
    ):
        _Pen(rng).stroke(image, stroke, S)
    scan = read(counting.op1, batch, synthetic.scanned_pdf([synthetic.simulate_scan(image, rng)]))
    login(client, counting.op2)
    html = client.get(reverse("scanning:review", args=[scan.pk])).content.decode()
    config = json.loads(html.split('id="review-config" type="application/json">')[1].split("<")[0])
    asked = {i["position"]: i["reason"] for i in config["items"]}
    assert asked.get(3, "").startswith("gạch chân")
    page = scan.pages.get()
    shown = client.get(reverse("scanning:page", args=[page.pk])).content.decode()
    assert "gạch chân (nét dưới tên" in shown


def strike_along_a_crease(ink: float, seed: int, down: int = 0):
    """(template, scan) of a 66-name A4 ballot with a thin pen's strike (grey ``ink``) drawn
    through name 3's middle and a crease along it; ``down``: the part below the crease lies
    that many pixels lower (a displaced fold, as paper.fold draws it)."""
    import math
    from dataclasses import replace

    template, blank = paper(66, 55, "A4")
    rng = np.random.default_rng(seed)
    image = blank.copy()
    x0, x1, top, base = drawn.name_body(blank, template.rows[2].name, S)
    middle = (top + base) / 2
    pen = _Pen(rng)
    pen.ink, pen.width, pen.name = ink, 0.35, "thin pen"
    pen.stroke(image, np.array([[x0 - 2, middle], [x1 + 2, middle]]), S)
    if down:
        at = round(middle * S)
        image[at:] = np.roll(image, down, axis=0)[at:]
    conditions = replace(synthetic.TUNING, crease_dark=(60, 60), crease_width=(0.3, 0.3))
    sheet._crease(image, rng, middle * S, math.tan(0.0), conditions, S)
    return template, synthetic.simulate_scan(image, rng)


@pytest.mark.parametrize("ink", [52, 120, 150])
def test_a_strike_drawn_along_a_crease_is_never_read_kept(ink):
    template, scan = strike_along_a_crease(ink, ink)
    third = read_page(scan, template).rows[2]
    assert third.uncertain or third.mark is Mark.STRUCK


def on_a_letter(seed: int, stroke, *, share: float = 1 / 3, ink: float = 35):
    """A ballot with names 1 and 4 struck and ``stroke(cx, cy)`` (mm) drawn in black ballpoint
    on a printed letter of name 2 (on a stroke of the letter, ``share`` of the way along the
    name, where the print's slack hides most of it from the pen mask)."""
    template, blank = paper(7, 5, "A5")
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.KEPT for r in template.rows} | {1: Mark.STRUCK, 4: Mark.STRUCK}
    image, _ = drawn.draw_ballot(blank, template, truth, rng, _no_others(synthetic.TUNING))
    x0, x1, top, base = drawn.name_body(blank, template.rows[1].name, S)
    band = blank[round(top * S) : round(base * S), round(x0 * S) : round(x1 * S)] < 100
    ys, xs = np.nonzero(band)
    pick = int(len(xs) * share)  # a printed pixel this share of the way along the name
    cx, cy = x0 + (xs[pick] + 0.5) / S, top + (ys[pick] + 0.5) / S
    pen = _Pen(rng)
    pen.name, pen.ink, pen.width, pen.pressure = "black ballpoint", ink, 0.45, 1.0
    pen.stroke(image, stroke(cx, cy), S)
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


def dot_on_a_letter(seed: int, radius_mm: float, **kwargs):
    t = np.linspace(0, 4 * np.pi, 30)
    spiral = lambda cx, cy: np.stack(  # noqa: E731
        [cx + radius_mm * np.cos(t) * t / t[-1], cy + radius_mm * np.sin(t) * t / t[-1]], 1
    )
    return on_a_letter(seed, spiral, **kwargs)


@pytest.mark.parametrize(("seed", "radius_mm"), [(3, 0.3), (4, 0.4), (5, 0.5)])
def test_a_dot_on_a_printed_letter_goes_to_a_person_not_kept(seed, radius_mm):
    template, scan, truth = dot_on_a_letter(seed, radius_mm)
    reading = read_page(scan, template)
    assert_safe(reading, truth, asked={2})
    assert reading.rows[1].reason in {"dot", "partial"}


def speck_beside(seed: int, radius_mm: float, ink: float):
    """A5 7 names, 1 and 4 struck; a little dot (a spiral ``radius_mm`` across, a 0.3 mm pen)
    0.6 mm after name 2's last letter, in its body."""
    template, blank = paper(7, 5, "A5")
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.KEPT for r in template.rows} | {1: Mark.STRUCK, 4: Mark.STRUCK}
    image, _ = drawn.draw_ballot(blank, template, truth, rng, _no_others(synthetic.TUNING))
    _, x1, top, base = drawn.name_body(blank, template.rows[1].name, S)
    pen = _Pen(rng)
    pen.name, pen.ink, pen.width, pen.pressure = "ballpoint", ink, 0.3, 1.0
    t = np.linspace(0, 4 * np.pi, 30)
    cx, cy = x1 + 0.6, (top + base) / 2
    spiral = np.stack(
        [cx + radius_mm * np.cos(t) * t / t[-1], cy + radius_mm * np.sin(t) * t / t[-1]], 1
    )
    pen.stroke(image, spiral, S)
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


@pytest.mark.parametrize(("seed", "ink"), [(0, 120), (1, 120), (2, 60)])
def test_a_dot_a_person_sees_beside_a_name_goes_to_a_person(seed, ink):
    """Issue 18 (held-out run, session 6): a dot mostly under a letter left 4 pixels of pen
    (0.065 mm²) and was read kept with confidence 0.96; stray pen was decided "kept" up to
    0.12 mm². A dot a person sees at a glance, 0.06 mm² and more, is a person's to decide."""
    template, scan, truth = speck_beside(seed, 0.05, ink)
    reading = read_page(scan, template)
    assert_safe(reading, truth, asked={2})
    assert reading.rows[1].reason == "dot"


@pytest.mark.parametrize(("seed", "length_mm"), [(6, 1.5), (7, 2.0), (8, 2.0)])
def test_a_short_stroke_through_the_letters_goes_to_a_person_not_kept(seed, length_mm):
    """Issue 18 (tuning stress run): a 2 mm stroke through "inh", where the letters stand closer
    than the print's slack, left no pen in the mask and was read kept. The ink the print does
    not explain (hidden.py) sends it to a person."""
    line = lambda cx, cy: np.stack(  # noqa: E731
        [np.linspace(cx - length_mm / 2, cx + length_mm / 2, 12), np.full(12, cy)], 1
    )
    template, scan, truth = on_a_letter(seed, line, share=0.75)
    reading = read_page(scan, template)
    assert_safe(reading, truth, asked={2})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_oval_tight_round_the_name_is_never_read_struck(seed):
    """Issue 18 (tuning stress run): a flat oval whose ends cross the name's body read struck at
    0.45; pen above and below the name in the same columns is a ring, a person decides."""
    from dataclasses import replace

    conditions = replace(synthetic.TUNING, circle_margin=(0.3, 0.6))
    template, scan, truth = marked("oval", seed, conditions=conditions)
    reading = read_page(scan, template)
    assert_safe(reading, truth, asked={2})
    assert reading.rows[1].reason == "circle"


@pytest.mark.parametrize("size", ["A4", "A5"])
@pytest.mark.parametrize("election", [1, 9, 10, 99, 501, 1234, 99_999, 1_234_567])
def test_a_page_is_found_and_identified_whatever_the_election_ids_digits(election, size):
    """The code carries the election's id, so its number of digits changes the QR code's
    version and modules; the markers, the code's place and the rows must be found the same
    way for every id (the same voter and scanner for each, through a scanner's JPEG PDF)."""
    from daihoi.scanning.omr.pages import iter_pages

    template, blank = paper(5, 4, size, election=election)
    rng = np.random.default_rng(2024)
    marks = {r.position: Mark.KEPT for r in template.rows} | {2: Mark.STRUCK}
    drawn_on = synthetic.draw_marks(blank, template, marks, rng, style="straight")
    scans = [synthetic.simulate_scan(drawn_on, rng), synthetic.simulate_scan(drawn_on, rng)]
    pages = list(iter_pages(synthetic.scanned_pdf(scans), "hop.pdf"))
    for page in pages:
        reading = read_page(page, template)
        assert reading.status.value == "ok", (election, size, reading.message)
        assert reading.payload == template.payload
        assert_safe(reading, marks)


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_a_crease_the_finder_misplaced_through_a_clean_name_goes_to_a_person(size, monkeypatch):
    """Issue 18 (long run at c558248): on a sheet whose lower part lay displaced, the crease
    finder fitted a line tilted off the real crease; the crease left on the page ran through a
    clean name's body and read as a strike. It runs on through both margins, where no pen
    goes: the row goes to a person ("fold"), not struck."""
    import math
    from dataclasses import replace

    from daihoi.scanning.omr import reader
    from daihoi.scanning.omr.creases import Crease

    names, seats = (7, 5) if size == "A5" else (66, 55)
    template, blank = paper(names, seats, size)
    rng = np.random.default_rng(18)
    image = blank.copy()
    row = template.rows[2]
    _, _, top, base = drawn.name_body(blank, row.name, S)
    middle = (top + base) / 2
    conditions = replace(synthetic.TUNING, crease_dark=(70, 70), crease_width=(0.35, 0.35))
    sheet._crease(image, rng, middle * S, math.tan(math.radians(-0.4)), conditions, S)
    misplaced = Crease(True, at=middle * S + 20, slope=0.0126, half=3, dark=40, typical=8)
    monkeypatch.setattr(reader, "find_creases", lambda paper: [misplaced])
    reading = read_page(synthetic.simulate_scan(image, rng, severity=0.3), template)
    third = reading.rows[2]
    assert third.uncertain, f"row 3 decided {third.mark} ({third.confidence})"
    assert third.reason == "fold"
    assert all(r.mark is Mark.KEPT for r in reading.rows if not r.uncertain)


def creased_through_names(
    seed: int, strikes: dict[int, float], *, dark=50, ink=40.0, width=0.45, crease_up=1 / 3
):
    """An A4 66-name ballot with a crease (``dark`` grey levels) through name 3's body,
    ``crease_up`` of the way up from its baseline, and the names in ``strikes`` struck by a black pen
    (``width`` mm) at that share of their body's height up from the baseline."""
    import math
    from dataclasses import replace

    template, blank = paper(66, 55, "A4")
    rng = np.random.default_rng(seed)
    image = blank.copy()
    truth = {r.position: Mark.KEPT for r in template.rows}
    for position, up in strikes.items():
        row = template.rows[position - 1]
        x0, x1, top, base = drawn.name_body(blank, row.name, S)
        y = base - up * (base - top)
        pen = _Pen(rng)
        pen.ink, pen.width, pen.pressure, pen.name = ink, width, 1.0, "ballpoint"
        pen.stroke(image, np.array([[x0 - 2, y], [x1 + 2, y - 0.2]]), S)
        truth[position] = Mark.STRUCK
    _, _, top, base = drawn.name_body(blank, template.rows[2].name, S)
    conditions = replace(synthetic.TUNING, crease_dark=(dark, dark), crease_width=(0.3, 0.3))
    y = base - crease_up * (base - top)
    sheet._crease(image, rng, y * S, math.tan(0.002), conditions, S)
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


@pytest.mark.parametrize(
    ("seed", "up", "width"), [(31, 0.75, 0.45), (32, 0.7, 0.45), (33, 0.5, 0.7), (37, 0.45, 0.7)]
)
def test_a_plain_strike_on_a_name_a_crease_crosses_is_decided_struck(seed, up, width):
    """Issue 18 (session 6): a strike through a name a crease crosses went to a person
    ("fold") whatever it looked like: 1.9 % of the held-out rows, the largest share of rows
    to a person. A black line across the whole name, thick and far darker than the crease,
    is a strike at a glance, beside the crease (0.7 of the body up) or near enough along it
    that taking the crease's line out takes the strike too (0.45, 0.5)."""
    template, scan, truth = creased_through_names(seed, {3: up}, width=width)
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    third = reading.rows[2]
    assert not third.uncertain, f"row 3 sent to a person ({third.reason}, {third.confidence})"
    assert third.mark is Mark.STRUCK


@pytest.mark.parametrize("dark", [40, 80])
def test_a_crease_through_a_clean_name_is_never_decided_struck(dark):
    template, scan, truth = creased_through_names(40 + dark, {}, dark=dark)
    reading = read_page(scan, template)
    assert_safe(reading, truth)


@pytest.mark.parametrize(("seed", "up", "dark"), [(41, 0.15, 60), (42, 0.2, 90), (43, 0.25, 70)])
def test_a_crease_along_a_clean_names_feet_is_never_decided_struck(seed, up, dark):
    """Issue 18 (session 6, second round): a straight line through the letters' feet is a
    strike, but on a row a fold crosses the crease's residue lies so too (a held-out clean
    name read struck at confidence 1 while this was measured): there it does not count."""
    template, scan, truth = creased_through_names(seed, {}, dark=dark, crease_up=up)
    assert_safe(read_page(scan, template), truth)


def slid_sideways(seed: int):
    """An A4 66-name ballot whose part below name 3's body (0.7 of the way down from its
    x-height line) slid 4 px sideways and 1 px down, with no crease to see: the fold that
    displaced it is one the crease finder misses."""
    template, blank = paper(66, 55, "A4")
    rng = np.random.default_rng(seed)
    image = blank.copy()
    _, _, top, base = drawn.name_body(blank, template.rows[2].name, S)
    k = int(round((base - 0.7 * (base - top)) * S))
    lower = np.roll(image[k:], 4, axis=1)
    image[k:] = np.vstack([np.full((1, lower.shape[1]), 255, np.uint8), lower[:-1]])
    truth = {r.position: Mark.KEPT for r in template.rows}
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_print_displaced_by_a_fold_the_reader_missed_is_never_decided_a_strike(seed):
    """Issue 18 (held-out run, session 6): a fold the crease finder missed left the lower part
    of three names' print displaced sideways; the slivers the print left (3-4 px wide), joined
    across the letters, covered 60-70 % of a name, read struck with confidence 1. A strike
    shows a wider piece of pen somewhere between the letters; such a row goes to a person."""
    template, scan, truth = slid_sideways(seed)
    reading = read_page(scan, template)
    assert_safe(reading, truth)


@pytest.mark.parametrize("faint", [12, 25])
def test_strikes_along_a_faint_crease_through_the_first_names_are_never_read_kept(faint):
    """Issue 18 (held-out run, session 6): the first name of each column struck along a faint
    crease; the crease's clearing took the strikes with it, and the check of what it cleared
    compared it with all the ink cleared on the page (the strikes among it, and another dark
    crease elsewhere): a strike 75-115 grey levels dark stayed "kept" at confidence 1. The
    cleared ink is now compared with the row's own crease too."""
    from dataclasses import replace

    template, blank = paper(66, 55, "A4")
    rng = np.random.default_rng(0)
    image = blank.copy()
    truth = {r.position: Mark.KEPT for r in template.rows}
    _, _, top, base = drawn.name_body(blank, template.rows[0].name, S)
    y = (top + base) / 2
    for position in (1, 23, 45):  # the first name of each of the three columns
        x0, x1, _, _ = drawn.name_body(blank, template.rows[position - 1].name, S)
        pen = _Pen(rng)
        pen.ink, pen.width, pen.pressure, pen.name = 110, 0.35, 1.0, "ballpoint"
        pen.stroke(image, np.array([[x0 - 1, y], [x1 + 1, y]]), S)
        truth[position] = Mark.STRUCK
    conditions = replace(synthetic.TUNING, crease_dark=(faint, faint), crease_width=(0.3, 0.3))
    sheet._crease(image, rng, y * S, 0.0, conditions, S)
    reading = read_page(synthetic.simulate_scan(image, rng, severity=0.3), template)
    assert_safe(reading, truth)


def underlined_by_the_rule(seed: int, above_mm: float, width: float, before: float = 0.0):
    """A5 7 names, 1 and 4 struck; name 2 underlined by a ballpoint line ``width`` mm wide
    whose centre is ``above_mm`` over the row's lower rule (the deepest the generator draws
    is 0.35 mm), along the whole name (from ``before`` of its width before it)."""
    template, blank = paper(7, 5, "A5")
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.KEPT for r in template.rows} | {1: Mark.STRUCK, 4: Mark.STRUCK}
    image, _ = drawn.draw_ballot(blank, template, truth, rng, _no_others(synthetic.TUNING))
    row = template.rows[1]
    x0, x1, _, _ = drawn.name_body(blank, row.name, S)
    y = row.line.y + row.line.h - above_mm
    pen = _Pen(rng)
    pen.name, pen.ink, pen.width, pen.pressure = "ballpoint", 60, width, 1.0
    start = x0 - max(0.5, before * (x1 - x0))
    pen.stroke(image, np.array([[start, y], [x1 + 0.5, y]]), S)
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


@pytest.mark.parametrize(
    ("seed", "above_mm", "width"),
    [(0, 0.35, 0.3), (1, 0.4, 0.35), (4, 0.35, 0.35), (6, 0.45, 0.35)],
)
def test_an_underline_just_above_the_rows_lower_rule_goes_to_a_person(seed, above_mm, width):
    """Issue 18 (held-out run, session 6): an underline drawn just above the row's lower rule
    left one row of pixels in the box the pen is looked for in (the row inset by 0.6 mm so
    that a displaced rule is not pen), taken for a hairline: read kept at confidence 1. The
    underline also moves the rule the row is placed by: the row, read in pieces, was placed
    again where the rule's slack hid the rest. The band by the rule is now looked at apart,
    hairlines kept, placed as measured."""
    template, scan, truth = underlined_by_the_rule(seed, above_mm, width)
    reading = read_page(scan, template)
    assert_safe(reading, truth, asked={2})
    assert reading.rows[1].reason == "underline"


def struck_through_the_feet(seed: int, height: float, ink: float = 60):
    """A5 7 names, 1 and 4 struck; name 2 struck by a straight ballpoint line ``height`` of
    the x-height over the baseline, past both ends of the name."""
    template, blank = paper(7, 5, "A5")
    rng = np.random.default_rng(seed)
    truth = {r.position: Mark.KEPT for r in template.rows} | {1: Mark.STRUCK, 2: Mark.STRUCK}
    truth[4] = Mark.STRUCK
    image, _ = drawn.draw_ballot(
        blank, template, truth | {2: Mark.KEPT}, rng, _no_others(synthetic.TUNING)
    )
    x0, x1, top, base = drawn.name_body(blank, template.rows[1].name, S)
    y = base - height * (base - top)
    pen = _Pen(rng)
    pen.name, pen.ink, pen.width, pen.pressure = "ballpoint", ink, 0.35, 1.0
    pen.stroke(image, np.array([[x0 - 1.5, y], [x1 + 2, y + 0.05]]), S)
    return template, synthetic.simulate_scan(image, rng, severity=0.3), truth


@pytest.mark.parametrize(("seed", "height"), [(0, 0.2), (1, 0.22), (3, 0.22), (4, 0.25)])
def test_a_straight_strike_low_through_the_letters_feet_is_decided_struck(seed, height):
    """Issue 18 (session 6): a straight strike drawn low through the letters, its centre
    0.2-0.25 of the x-height over the baseline, left most of its strokes' centres under the
    body band (a share of 0.2-0.45 "through") and went to a person as "partial", though it
    crosses every letter and never runs under the baseline as an underline does."""
    template, scan, truth = struck_through_the_feet(seed, height)
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    assert not reading.rows[1].uncertain and reading.rows[1].mark is Mark.STRUCK


@pytest.mark.parametrize(("seed", "under"), [(0, 0.05), (1, 0.1), (2, 0.15)])
def test_a_straight_line_under_the_baseline_is_never_decided_a_strike(seed, under):
    """The guard of the one above: the same line drawn just under the baseline (``under`` of
    the x-height, grazing the letters' feet) is an underline: a person decides."""
    template, scan, _ = struck_through_the_feet(seed, -under)
    assert read_page(scan, template).rows[1].uncertain
