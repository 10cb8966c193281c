"""Issue 18 (session 7, second accuracy round): a thin dark strike across a name a crease
crosses is plain to see."""

import pytest

from daihoi.scanning.omr.reader import read_page
from daihoi.scanning.omr.types import Mark
from tests.scanning.test_real_paper import assert_safe, creased_through_names


@pytest.mark.parametrize("seed", [53, 62, 67])
def test_a_thin_dark_strike_beside_a_crease_on_the_name_is_decided_struck(seed):
    """A black line 0.25 mm wide (3 px through the body where the 0.45 mm pens of session 6
    leave 4) across name 3, a crease over its letters' tops: it still crosses the body with
    the crease's line taken out, and it is as dark as a strike drawn along the crease must be
    to be decided. The thickness asked of the strikes beside the crease sent it to a person."""
    template, scan, truth = creased_through_names(seed, {3: 0.3}, width=0.25, crease_up=1.3)
    reading = read_page(scan, template)
    assert_safe(reading, truth)
    third = reading.rows[2]
    assert not third.uncertain, f"row 3 sent to a person ({third.reason}, {third.confidence})"
    assert third.mark is Mark.STRUCK


@pytest.mark.parametrize(("seed", "dark"), [(71, 50), (72, 80)])
def test_a_crease_over_clean_names_tops_is_never_decided_struck(seed, dark):
    """Guard: the same crease over clean names leaves residue far lighter than a pen's line."""
    template, scan, truth = creased_through_names(seed, {}, dark=dark, crease_up=1.3)
    assert_safe(read_page(scan, template), truth)
